package io.github.chainrule.autodiff.check;

import java.util.Arrays;

/**
 * Central differences of a vector-valued function along one direction, d/dt f(x + t·v) at
 * t = 0, for the gradient checker: a plain estimate at a given step, kept inside the function's
 * domain, and Ridders' extrapolation for the entries where the plain estimate is not good enough.
 */
final class FiniteDifferences {
    /** Ridders' step ratio and its square: each new step is the previous one divided by 1.4. */
    private static final double SHRINK = 1.4;
    private static final double SHRINK_SQUARED = SHRINK * SHRINK;
    /** The largest number of steps of one extrapolation tableau. */
    private static final int STEPS = 12;
    /** A tableau stops when its newest diagonal is this many times worse than its best estimate. */
    private static final double SAFE = 2;
    /** At most this many halvings bring a step back inside the function's domain. */
    private static final int MAX_HALVINGS = 60;

    private FiniteDifferences() {
    }

    /** The function along the direction: its values at x + t·v. */
    @FunctionalInterface
    interface Line {
        double[] at(double t);
    }

    /** A central-difference estimate and the step it was taken with. */
    record Estimate(double step, double[] values) {
    }

    /**
     * The central difference (f(h) − f(−h)) / 2h for every output, or with Richardson's
     * (4·D(h/2) − D(h)) / 3. The step is halved while f is finite at the point but not on both
     * sides of it: built-ins with a restricted domain (log and sqrt near 0) are NaN or infinite
     * across its edge, and a step that reaches over it measures nothing.
     */
    static Estimate estimate(Line f, double[] atPoint, double h, boolean richardson) {
        double step = h;
        double[] plus = f.at(step);
        double[] minus = f.at(-step);
        for (int i = 0; i < MAX_HALVINGS && leavesDomain(atPoint, plus, minus); i++) {
            step /= 2;
            plus = f.at(step);
            minus = f.at(-step);
        }
        double[] values = difference(plus, minus, step);
        if (richardson) {
            double[] half = central(f, step / 2);
            for (int o = 0; o < values.length; o++) {
                values[o] = (4 * half[o] - values[o]) / 3;
            }
        }
        return new Estimate(step, values);
    }

    private static boolean leavesDomain(double[] atPoint, double[] plus, double[] minus) {
        for (int o = 0; o < atPoint.length; o++) {
            if (Double.isFinite(atPoint[o]) && !(Double.isFinite(plus[o]) && Double.isFinite(minus[o]))) {
                return true;
            }
        }
        return false;
    }

    private static double[] central(Line f, double h) {
        return difference(f.at(h), f.at(-h), h);
    }

    private static double[] difference(double[] plus, double[] minus, double h) {
        double[] out = new double[plus.length];
        for (int o = 0; o < out.length; o++) {
            out[o] = (plus[o] - minus[o]) / (2 * h);
        }
        return out;
    }

    /**
     * The derivative to about 1e-10 where the plain estimate was not good enough: Ridders'
     * extrapolation (below) from the plain step, and, when the point lies closer than that step
     * to 0 (where log, sqrt, 1/x and powers are singular), also from a tenth of that distance,
     * which follows the point's own scale. For each output the estimate with the smaller
     * estimated error is kept.
     *
     * @param distance how far the point is from where f may be singular (|x| for one element), or
     *     0 when unknown
     */
    static double[] refine(Line f, double plainStep, double distance) {
        Extrapolation fromPlain = ridders(f, plainStep);
        if (!(distance > 0 && distance < plainStep)) {
            return fromPlain.values;
        }
        Extrapolation fromPoint = ridders(f, distance / 10);
        double[] best = fromPlain.values.clone();
        for (int o = 0; o < best.length; o++) {
            if (fromPoint.errors[o] < fromPlain.errors[o] || !Double.isFinite(best[o])) {
                best[o] = fromPoint.values[o];
            }
        }
        return best;
    }

    /** Per output, the extrapolated derivative and the estimate of its error. */
    private record Extrapolation(double[] values, double[] errors) {
    }

    /**
     * Ridders' method (Numerical Recipes §5.7): central differences at h, h/1.4, h/1.4², …
     * extrapolated to a zero step in a Neville tableau; for each output the entry of the tableau
     * with the smallest estimated error is kept. The truncation error of the central difference
     * is removed order by order, so a point close to a singularity of f, where the plain O(h²)
     * error is large, still gets its derivative.
     */
    private static Extrapolation ridders(Line f, double h) {
        double[][] previous = {central(f, h)};
        int outputs = previous[0].length;
        double[] best = previous[0].clone();
        double[] error = new double[outputs];
        Arrays.fill(error, Double.MAX_VALUE);
        double step = h;
        for (int i = 1; i < STEPS; i++) {
            step /= SHRINK;
            double[][] row = new double[i + 1][];
            row[0] = central(f, step);
            double factor = SHRINK_SQUARED;
            for (int j = 1; j <= i; j++) {
                row[j] = new double[outputs];
                for (int o = 0; o < outputs; o++) {
                    row[j][o] = (row[j - 1][o] * factor - previous[j - 1][o]) / (factor - 1);
                    double change = Math.max(Math.abs(row[j][o] - row[j - 1][o]), Math.abs(row[j][o] - previous[j - 1][o]));
                    if (change <= error[o]) {
                        error[o] = change;
                        best[o] = row[j][o];
                    }
                }
                factor *= SHRINK_SQUARED;
            }
            if (diverging(row[i], previous[i - 1], error)) {
                break;
            }
            previous = row;
        }
        return new Extrapolation(best, error);
    }

    /** True when the newest diagonal entry is worse than SAFE times the best error, for every output. */
    private static boolean diverging(double[] newest, double[] before, double[] error) {
        for (int o = 0; o < newest.length; o++) {
            if (!(Math.abs(newest[o] - before[o]) >= SAFE * error[o])) {
                return false;
            }
        }
        return true;
    }
}
