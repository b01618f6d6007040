package io.github.chainrule.nn.layers;

import io.github.chainrule.autodiff.Tensor;
import io.github.chainrule.nn.Module;

/**
 * The activation module softmax(x)_i = e^(x_i) / Σ_j e^(x_j) along one axis (computed stably).
 * For training a classifier prefer {@code CrossEntropy} on the logits: it fuses log and softmax.
 */
public final class Softmax extends Module {
    private final int axis;

    /** Softmax along {@code axis} (negative counts from the end). */
    public Softmax(int axis) {
        this.axis = axis;
    }

    /** Softmax along the last axis. */
    public Softmax() {
        this(-1);
    }

    /** Applies the activation. */
    @Override
    public Tensor forward(Tensor x) {
        return x.softmax(axis);
    }
}
