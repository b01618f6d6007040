package io.github.chainrule.nn.data;

import io.github.chainrule.autodiff.Grad;
import io.github.chainrule.autodiff.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;

/**
 * An in-memory dataset of n samples: features (n, d) and either integer class labels or a
 * target tensor (n, …). Immutable; subsets, batches and splits are new datasets.
 *
 * <pre>{@code
 * Dataset data = Dataset.of(xs, labels);
 * Split s = data.split(0.2, 7);                         // 80 % train, 20 % test, seeded
 * for (Batch b : s.train().batches(32, rng)) { ... }    // shuffled mini-batches
 * }</pre>
 */
public final class Dataset {
    private final Tensor features;
    private final Tensor targets;
    private final int[] labels;

    private Dataset(Tensor features, Tensor targets, int[] labels) {
        if (features.rank() != 2) {
            throw new IllegalArgumentException("Dataset: features must be (n, d), got shape "
                    + Arrays.toString(features.shape()));
        }
        if (targets.rank() < 1 || targets.dim(0) != features.dim(0)) {
            throw new IllegalArgumentException("Dataset: " + features.dim(0) + " samples of features but targets of shape "
                    + Arrays.toString(targets.shape()));
        }
        // Detached: a dataset is data, never part of a model's graph.
        this.features = features.detach();
        this.targets = targets.detach();
        this.labels = labels;
    }

    /** Features (n, d) as rows and one integer class label per row. */
    public static Dataset of(double[][] features, int[] labels) {
        return of(Tensor.of(features), labels);
    }

    /** Features (n, d) as rows and target rows (n, k). */
    public static Dataset of(double[][] features, double[][] targets) {
        return of(Tensor.of(features), Tensor.of(targets));
    }

    /**
     * Features (n, d) and one integer class label per row.
     *
     * @throws IllegalArgumentException when the counts differ or a label is negative
     */
    public static Dataset of(Tensor features, int[] labels) {
        double[] asDoubles = new double[labels.length];
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0) {
                throw new IllegalArgumentException("Dataset: label " + i + " is negative (" + labels[i] + ")");
            }
            asDoubles[i] = labels[i];
        }
        return new Dataset(features, Tensor.vector(asDoubles), labels.clone());
    }

    /** Features (n, d) and targets (n, …). */
    public static Dataset of(Tensor features, Tensor targets) {
        return new Dataset(features, targets, null);
    }

    /** The number of samples n. */
    public int size() {
        return features.dim(0);
    }

    /** The number of features d. */
    public int featureCount() {
        return features.dim(1);
    }

    /** The features (n, d). */
    public Tensor features() {
        return features;
    }

    /** The targets (n, …); for labelled data the labels as whole numbers, shape (n). */
    public Tensor targets() {
        return targets;
    }

    /** True when the samples have integer class labels. */
    public boolean hasLabels() {
        return labels != null;
    }

    /**
     * The class labels (a copy).
     *
     * @throws IllegalStateException when the dataset has target tensors instead
     */
    public int[] labels() {
        if (labels == null) {
            throw new IllegalStateException("Dataset.labels: this dataset has target tensors of shape "
                    + Arrays.toString(targets.shape()) + ", not class labels");
        }
        return labels.clone();
    }

    /** A dataset of the same kind with the given features (n, d'), e.g. standardised. */
    public Dataset withFeatures(Tensor newFeatures) {
        if (newFeatures.rank() != 2 || newFeatures.dim(0) != size()) {
            throw new IllegalArgumentException("Dataset.withFeatures: need (" + size() + ", d), got "
                    + Arrays.toString(newFeatures.shape()));
        }
        return new Dataset(newFeatures, targets, labels);
    }

    /** The samples at {@code indices}, in that order (repeats allowed). */
    public Dataset subset(int... indices) {
        try (Grad.Scope off = Grad.disabled()) {
            int[] subLabels = null;
            if (labels != null) {
                subLabels = new int[indices.length];
                for (int i = 0; i < indices.length; i++) {
                    subLabels[i] = labels[indices[i]];
                }
            }
            return new Dataset(features.indexSelect(0, indices), targets.indexSelect(0, indices), subLabels);
        }
    }

    /** The whole dataset as one batch. */
    public Batch asBatch() {
        return new Batch(features, targets, labels == null ? null : labels.clone());
    }

    /** Mini-batches of {@code batchSize} in the stored order; the last may be smaller. */
    public List<Batch> batches(int batchSize) {
        return batchesInOrder(batchSize, identity(size()));
    }

    /**
     * Mini-batches of {@code batchSize} after a shuffle drawn from {@code rng} (Fisher–Yates):
     * the same generator state gives the same batches. The last batch may be smaller.
     */
    public List<Batch> batches(int batchSize, RandomGenerator rng) {
        return batchesInOrder(batchSize, permutation(size(), rng));
    }

    private List<Batch> batchesInOrder(int batchSize, int[] order) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("Dataset.batches: batch size must be >= 1, got " + batchSize);
        }
        List<Batch> out = new ArrayList<>();
        for (int start = 0; start < order.length; start += batchSize) {
            int[] idx = Arrays.copyOfRange(order, start, Math.min(order.length, start + batchSize));
            out.add(subset(idx).asBatch());
        }
        return out;
    }

    /**
     * A seeded random split: ⌈n·testFraction⌉ samples (at least one, at most n − 1) held out
     * for testing.
     *
     * @throws IllegalArgumentException when testFraction is outside (0, 1) or n &lt; 2
     */
    public Split split(double testFraction, long seed) {
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new IllegalArgumentException("Dataset.split: test fraction must be in (0, 1), got " + testFraction);
        }
        if (size() < 2) {
            throw new IllegalArgumentException("Dataset.split: needs at least 2 samples, has " + size());
        }
        int nTest = (int) Math.min(size() - 1, Math.max(1, Math.ceil(size() * testFraction)));
        int[] order = permutation(size(), new Well19937c(seed));
        return new Split(subset(Arrays.copyOfRange(order, nTest, order.length)), subset(Arrays.copyOfRange(order, 0, nTest)));
    }

    /** A uniformly random permutation of 0…n−1 (Fisher–Yates) drawn from {@code rng}. */
    public static int[] permutation(int n, RandomGenerator rng) {
        int[] p = identity(n);
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    private static int[] identity(int n) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        return p;
    }
}
