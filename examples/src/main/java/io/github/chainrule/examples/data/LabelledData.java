package io.github.chainrule.examples.data;

import java.util.Arrays;
import java.util.Random;

/**
 * An immutable classification data set: {@code rows} samples of {@code columns} features each,
 * and one class label in {@code [0, classes)} per sample.
 *
 * <p>Features are stored in one flat row-major {@code double[]} rather than a
 * {@code double[][]}: Fashion-MNIST is 70,000 x 784 values, and a flat array is both smaller
 * and exactly what a mini-batch tensor wants, so {@link #batch(int[])} can copy rows with
 * {@link System#arraycopy}. Nothing hands out the internal arrays; accessors copy.
 */
public final class LabelledData {

    private final double[] features;
    private final int[] labels;
    private final int rows;
    private final int columns;
    private final int classes;

    private LabelledData(double[] features, int[] labels, int columns, int classes) {
        this.features = features;
        this.labels = labels;
        this.rows = labels.length;
        this.columns = columns;
        this.classes = classes;
    }

    /**
     * Creates a data set from a flat row-major feature array, copying both arrays.
     *
     * @param features {@code labels.length * columns} values, sample {@code i} at
     *                 {@code [i * columns, (i + 1) * columns)}
     * @param labels   one label per sample, each in {@code [0, classes)}
     * @param columns  features per sample, at least 1
     * @param classes  number of classes, at least 1
     * @return the data set
     * @throws IllegalArgumentException if the sizes disagree or a label is out of range
     */
    public static LabelledData of(double[] features, int[] labels, int columns, int classes) {
        return wrap(features.clone(), labels.clone(), columns, classes);
    }

    /**
     * Creates a data set from one array per sample, copying the values.
     *
     * @param features one row of equal length per sample
     * @param labels   one label per sample, each in {@code [0, classes)}
     * @param classes  number of classes
     * @return the data set
     * @throws IllegalArgumentException if rows are ragged, sizes disagree or a label is out of range
     */
    public static LabelledData of(double[][] features, int[] labels, int classes) {
        if (features.length == 0) {
            throw new IllegalArgumentException("no samples");
        }
        int columns = features[0].length;
        double[] flat = new double[features.length * columns];
        for (int i = 0; i < features.length; i++) {
            if (features[i].length != columns) {
                throw new IllegalArgumentException(
                        "row " + i + " has " + features[i].length + " features, row 0 has " + columns);
            }
            System.arraycopy(features[i], 0, flat, i * columns, columns);
        }
        return wrap(flat, labels.clone(), columns, classes);
    }

    /**
     * Takes ownership of arrays the caller has just built and will not touch again; the loaders
     * use it to avoid a second copy of large data sets.
     */
    static LabelledData wrap(double[] features, int[] labels, int columns, int classes) {
        if (columns < 1 || classes < 1) {
            throw new IllegalArgumentException("columns and classes must be positive: " + columns + ", " + classes);
        }
        if (labels.length == 0) {
            throw new IllegalArgumentException("no samples");
        }
        if ((long) labels.length * columns != features.length) {
            throw new IllegalArgumentException(features.length + " feature values do not make "
                    + labels.length + " rows of " + columns);
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new IllegalArgumentException("label " + labels[i] + " of row " + i
                        + " is outside [0, " + classes + ")");
            }
        }
        return new LabelledData(features, labels, columns, classes);
    }

    /** @return the number of samples */
    public int rows() {
        return rows;
    }

    /** @return the number of features per sample */
    public int columns() {
        return columns;
    }

    /** @return the number of classes; labels lie in {@code [0, classes)} */
    public int classes() {
        return classes;
    }

    /**
     * @param row    sample index
     * @param column feature index
     * @return one feature value
     */
    public double feature(int row, int column) {
        if (column < 0 || column >= columns) {
            throw new IndexOutOfBoundsException("column " + column + " of " + columns);
        }
        return features[checkRow(row) * columns + column];
    }

    /**
     * @param row sample index
     * @return the label of one sample
     */
    public int label(int row) {
        return labels[checkRow(row)];
    }

    /** @return a copy of all labels */
    public int[] labels() {
        return labels.clone();
    }

    /** @return a copy of one sample's features */
    public double[] row(int row) {
        int start = checkRow(row) * columns;
        return Arrays.copyOfRange(features, start, start + columns);
    }

    /** @return a copy of all features, flat and row-major ({@code rows * columns} values) */
    public double[] features() {
        return features.clone();
    }

    /** @return a copy of all features as one array per sample */
    public double[][] featureRows() {
        double[][] out = new double[rows][];
        for (int i = 0; i < rows; i++) {
            out[i] = row(i);
        }
        return out;
    }

    /**
     * Gathers the features of some samples into a new flat row-major array, the shape a
     * mini-batch input wants ({@code indices.length * columns} values).
     *
     * @param indices sample indices, repeats allowed
     * @return the gathered features
     */
    public double[] batch(int[] indices) {
        double[] out = new double[indices.length * columns];
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(features, checkRow(indices[i]) * columns, out, i * columns, columns);
        }
        return out;
    }

    /**
     * @param indices sample indices, repeats allowed
     * @return the labels of those samples, in order
     */
    public int[] batchLabels(int[] indices) {
        int[] out = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            out[i] = labels[checkRow(indices[i])];
        }
        return out;
    }

    /**
     * @param indices sample indices, at least one, repeats allowed
     * @return a new data set of those samples, in order, with the same number of classes
     */
    public LabelledData subset(int[] indices) {
        return wrap(batch(indices), batchLabels(indices), columns, classes);
    }

    /** @return how many samples carry each label, indexed by label */
    public int[] classCounts() {
        int[] counts = new int[classes];
        for (int label : labels) {
            counts[label]++;
        }
        return counts;
    }

    /**
     * Shuffles the samples with a seeded generator and cuts them into a training and a test part,
     * so that a run is reproducible from its seed.
     *
     * @param trainFraction share of samples for training, strictly between 0 and 1
     * @param seed          seed of the shuffle
     * @return both parts, each with at least one sample
     */
    public TrainTest split(double trainFraction, long seed) {
        if (!(trainFraction > 0 && trainFraction < 1)) {
            throw new IllegalArgumentException("trainFraction must be in (0, 1): " + trainFraction);
        }
        int[] order = permutation(rows, new Random(seed));
        int cut = (int) Math.round(rows * trainFraction);
        cut = Math.max(1, Math.min(rows - 1, cut));
        return new TrainTest(subset(Arrays.copyOfRange(order, 0, cut)),
                subset(Arrays.copyOfRange(order, cut, rows)));
    }

    /**
     * A uniformly random permutation of {@code 0..n-1} (Fisher-Yates), for splits and for
     * shuffling mini-batches each epoch.
     *
     * @param n      length
     * @param random source of randomness
     * @return the permutation
     */
    public static int[] permutation(int n, Random random) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    private int checkRow(int row) {
        if (row < 0 || row >= rows) {
            throw new IndexOutOfBoundsException("row " + row + " of " + rows);
        }
        return row;
    }

    @Override
    public String toString() {
        return "LabelledData[" + rows + " x " + columns + ", " + classes + " classes]";
    }
}
