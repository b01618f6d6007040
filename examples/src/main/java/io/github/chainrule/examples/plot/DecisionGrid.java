package io.github.chainrule.examples.plot;

import io.github.chainrule.examples.data.LabelledData;

/**
 * A regular grid of points over a rectangle of the plane, where a 2-d classifier is evaluated to
 * draw its decision regions.
 *
 * <p>Usage: evaluate the model at {@link #points()}, then hand the scores to
 * {@link Charts#decisionBoundary}. Points run along x first: point {@code j * steps + i} is
 * {@code (x(i), y(j))}.
 *
 * @param xMin  left edge
 * @param xMax  right edge, greater than {@code xMin}
 * @param yMin  bottom edge
 * @param yMax  top edge, greater than {@code yMin}
 * @param steps points per side, at least 2
 */
public record DecisionGrid(double xMin, double xMax, double yMin, double yMax, int steps) {

    /**
     * Checks the rectangle and resolution.
     *
     * @param xMin  left edge
     * @param xMax  right edge
     * @param yMin  bottom edge
     * @param yMax  top edge
     * @param steps points per side
     */
    public DecisionGrid {
        if (!(xMax > xMin) || !(yMax > yMin)) {
            throw new IllegalArgumentException("empty rectangle: x " + xMin + ".." + xMax + ", y " + yMin + ".." + yMax);
        }
        if (steps < 2) {
            throw new IllegalArgumentException("steps must be at least 2: " + steps);
        }
    }

    /**
     * The bounding box of a 2-feature data set, widened by {@code margin} on every side so that
     * the points do not sit on the plot's edge.
     *
     * @param data   samples with exactly 2 features
     * @param margin extra room on each side, in data units
     * @param steps  points per side
     * @return the grid
     */
    public static DecisionGrid around(LabelledData data, double margin, int steps) {
        if (data.columns() != 2) {
            throw new IllegalArgumentException("a decision grid needs 2 features, data has " + data.columns());
        }
        double x0 = Double.POSITIVE_INFINITY;
        double x1 = Double.NEGATIVE_INFINITY;
        double y0 = Double.POSITIVE_INFINITY;
        double y1 = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < data.rows(); i++) {
            x0 = Math.min(x0, data.feature(i, 0));
            x1 = Math.max(x1, data.feature(i, 0));
            y0 = Math.min(y0, data.feature(i, 1));
            y1 = Math.max(y1, data.feature(i, 1));
        }
        return new DecisionGrid(x0 - margin, x1 + margin, y0 - margin, y1 + margin, steps);
    }

    /** @return the number of grid points, {@code steps * steps} */
    public int size() {
        return steps * steps;
    }

    /**
     * @param i column index, {@code 0..steps-1}
     * @return the x coordinate of that column
     */
    public double x(int i) {
        return xMin + (xMax - xMin) * i / (steps - 1);
    }

    /**
     * @param j row index, {@code 0..steps-1}
     * @return the y coordinate of that row
     */
    public double y(int j) {
        return yMin + (yMax - yMin) * j / (steps - 1);
    }

    /** @return all grid points as a flat {@code size() x 2} row-major array, ready as a model input */
    public double[] points() {
        double[] out = new double[size() * 2];
        for (int j = 0; j < steps; j++) {
            for (int i = 0; i < steps; i++) {
                int p = j * steps + i;
                out[2 * p] = x(i);
                out[2 * p + 1] = y(j);
            }
        }
        return out;
    }
}
