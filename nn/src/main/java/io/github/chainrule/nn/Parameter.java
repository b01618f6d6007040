package io.github.chainrule.nn;

import io.github.chainrule.autodiff.Grad;
import io.github.chainrule.autodiff.Tensor;
import java.util.Arrays;

/**
 * A trainable value of a {@link Module}: a holder of the current leaf tensor.
 *
 * <p>An optimiser step updates the leaf's values <em>in place</em> ({@link
 * Tensor#updateInPlace}, the one mutation the design allows, in a no-grad scope), as PyTorch
 * does, and bumps the leaf's version: a graph recorded from the leaf before the step refuses
 * backward. {@link #assign(double[])} instead makes a fresh leaf with the new values (recorded
 * nowhere: it runs in a no-grad scope) and retires the previous leaf the same way, since the
 * gradient of a graph built from it would reach a leaf this parameter no longer holds. Modules
 * read {@link #value()} at every forward pass.
 *
 * <p>The accumulated gradient is carried over to the new leaf, so gradients keep PyTorch's
 * semantics: they accumulate until {@link #zeroGrad()}.
 */
public final class Parameter {
    private final int[] shape;
    private boolean trainable;
    private Tensor value;

    private Parameter(Tensor initial, boolean trainable) {
        this.shape = initial.shape();
        this.trainable = trainable;
        this.value = freshLeaf(initial.toArray());
    }

    /** A trainable parameter (its leaf requires grad) holding a copy of {@code initial}'s values. */
    public static Parameter of(Tensor initial) {
        return new Parameter(initial, true);
    }

    /**
     * A frozen parameter: saved and loaded with the module, but its leaf does not require grad
     * and optimisers skip it until it is {@linkplain #unfreeze() unfrozen}.
     */
    public static Parameter frozen(Tensor initial) {
        return new Parameter(initial, false);
    }

    /** The current leaf; read it at every forward pass (it is replaced by {@link #assign}). */
    public Tensor value() {
        return value;
    }

    /** The gradient accumulated in the current leaf, or null when none. */
    public Tensor grad() {
        return value.grad();
    }

    /** Replaces the accumulated gradient (used by gradient clipping); shape-checked by the tensor. */
    public void setGrad(Tensor gradient) {
        value.setGrad(gradient);
    }

    /** Forgets the accumulated gradient. */
    public void zeroGrad() {
        value.zeroGrad();
    }

    /** True when the leaf requires grad, i.e. an optimiser may update it. */
    public boolean requiresGrad() {
        return trainable;
    }

    /**
     * Stops training this parameter, as PyTorch's {@code requires_grad_(False)}: the value
     * becomes a fresh leaf with the same values that does not require grad, so later graphs do
     * not reach it, its gradient is dropped, and optimisers skip it (their state for it is
     * kept). Graphs recorded before keep the previous leaf. Does nothing when already frozen.
     */
    public void freeze() {
        if (trainable) {
            trainable = false;
            value = freshLeaf(value.toArray());
        }
    }

    /**
     * Trains this parameter again (e.g. to fine-tune a loaded model): the value becomes a fresh
     * leaf with the same values that requires grad, with no gradient yet. Does nothing when
     * already trainable.
     */
    public void unfreeze() {
        if (!trainable) {
            trainable = true;
            value = freshLeaf(value.toArray());
        }
    }

    /** The shape; a fresh array. */
    public int[] shape() {
        return shape.clone();
    }

    /** The number of elements. */
    public int size() {
        return value.size();
    }

    /**
     * Replaces the value by a fresh leaf holding {@code newValues} (row-major, copied). The
     * gradient accumulated so far is carried over. Graphs recorded from the previous leaf refuse
     * backward afterwards (its version is bumped, as by an in-place update).
     *
     * @throws IllegalArgumentException when the length does not match the shape
     */
    public void assign(double[] newValues) {
        if (newValues.length != value.size()) {
            throw new IllegalArgumentException("Parameter.assign: " + newValues.length
                    + " values for a parameter of shape " + Arrays.toString(shape) + " (" + value.size()
                    + " elements)");
        }
        Tensor carried = value.grad();
        retire(value);
        value = freshLeaf(newValues);
        if (carried != null) {
            value.setGrad(carried);
        }
    }

    /**
     * Replaces the value by a fresh leaf with {@code newValue}'s values.
     *
     * @throws IllegalArgumentException when the shapes differ
     */
    public void assign(Tensor newValue) {
        if (!Arrays.equals(newValue.shape(), shape)) {
            throw new IllegalArgumentException("Parameter.assign: tensor of shape " + Arrays.toString(newValue.shape())
                    + " does not match parameter of shape " + Arrays.toString(shape));
        }
        assign(newValue.toArray());
    }

    /** Bumps the version of a leaf being replaced, leaving its values as they are. */
    private static void retire(Tensor leaf) {
        if (leaf.needsGrad()) {
            try (Grad.Scope off = Grad.disabled()) {
                leaf.updateInPlace((values, gradient) -> { });
            }
        }
    }

    private Tensor freshLeaf(double[] values) {
        // No-grad: making the leaf must not be recorded into anyone's graph.
        try (Grad.Scope off = Grad.disabled()) {
            Tensor leaf = Tensor.of(values, shape);
            return trainable ? leaf.requiresGrad() : leaf;
        }
    }

    @Override
    public String toString() {
        return "Parameter" + Arrays.toString(shape) + (trainable ? "" : " (frozen)");
    }
}
