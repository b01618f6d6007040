package io.github.chainrule.nn.train;

import io.github.chainrule.autodiff.Tensor;

/** A quality measure of outputs against targets, averaged over the samples (e.g. accuracy). */
public interface Metric {
    /**
     * The mean of the metric over the batch.
     *
     * @param output the network's output, one row per sample
     * @param target the batch's targets (labels as whole numbers, or target values)
     */
    double compute(Tensor output, Tensor target);

    /** A short name for reports, e.g. "accuracy". */
    String name();

    /** True when a larger value is better (accuracy); false for errors. */
    default boolean higherIsBetter() {
        return true;
    }
}
