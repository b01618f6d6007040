package io.github.chainrule.nn.data;

import io.github.chainrule.autodiff.Tensor;

/**
 * A mini-batch: m samples' features (m, d), their targets (m, …), and their integer class
 * labels when the dataset has them (else null; the targets then hold the values to fit).
 *
 * @param features the inputs, one row per sample
 * @param targets the targets; for labelled data, the labels as a (m) tensor of whole numbers
 * @param labels the class labels, or null
 */
public record Batch(Tensor features, Tensor targets, int[] labels) {
    /** The number of samples m. */
    public int size() {
        return features.dim(0);
    }
}
