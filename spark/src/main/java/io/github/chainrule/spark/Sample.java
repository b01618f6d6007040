package io.github.chainrule.spark;

import java.io.Serializable;
import java.util.Arrays;

/**
 * One training row of a distributed data set: an id, its features and either an integer class
 * label or a target vector.
 *
 * <p>The id only names the row in messages (e.g. a poisoned row); it need not be unique or
 * dense, and batches do not depend on it: {@link BatchPlan} draws them from each partition's
 * own row order.
 *
 * <p>Rows are plain serialisable values; tensors are built from them on the executor.
 */
public final class Sample implements Serializable {
    private static final long serialVersionUID = 1L;

    private final long index;
    private final double[] features;
    private final int label;
    private final double[] target;

    private Sample(long index, double[] features, int label, double[] target) {
        if (index < 0) {
            throw new IllegalArgumentException("Sample: the id must be >= 0, got " + index);
        }
        if (features == null || features.length == 0) {
            throw new IllegalArgumentException("Sample " + index + ": needs at least one feature");
        }
        this.index = index;
        this.features = features.clone();
        this.label = label;
        this.target = target == null ? null : target.clone();
    }

    /**
     * A row with an integer class label. Values are not validated here (a poisoned row fails
     * the step that uses it, with the row's index in the message).
     */
    public static Sample labelled(long index, double[] features, int label) {
        return new Sample(index, features, label, null);
    }

    /** A row with a target vector (regression, or class probabilities). */
    public static Sample withTarget(long index, double[] features, double[] target) {
        if (target == null || target.length == 0) {
            throw new IllegalArgumentException("Sample " + index + ": the target needs at least one value");
        }
        return new Sample(index, features, -1, target);
    }

    /** The id (for messages). */
    public long index() {
        return index;
    }

    /** The features (a copy). */
    public double[] features() {
        return features.clone();
    }

    /** The number of features. */
    public int featureCount() {
        return features.length;
    }

    /** True for a row with a class label, false for one with a target vector. */
    public boolean hasLabel() {
        return target == null;
    }

    /**
     * The class label.
     *
     * @throws IllegalStateException for a row with a target vector
     */
    public int label() {
        if (target != null) {
            throw new IllegalStateException("Sample " + index + " has a target vector, not a class label");
        }
        return label;
    }

    /** The target vector (a copy), or null for a labelled row. */
    public double[] target() {
        return target == null ? null : target.clone();
    }

    // Package-private, copy-free access for the batch builder.
    double[] featuresUnsafe() {
        return features;
    }

    double[] targetUnsafe() {
        return target;
    }

    @Override
    public String toString() {
        return "Sample[" + index + ", " + features.length + " features, "
                + (target == null ? "label " + label : "target " + Arrays.toString(target)) + "]";
    }
}
