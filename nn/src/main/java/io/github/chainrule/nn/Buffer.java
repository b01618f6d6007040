package io.github.chainrule.nn;

import io.github.chainrule.autodiff.Grad;
import io.github.chainrule.autodiff.Tensor;
import java.util.Arrays;

/**
 * State of a {@link Module} that is saved and loaded with it but is not trained, as PyTorch's
 * registered buffers: a standardiser's means, a dropout layer's count of masks drawn. Its value
 * is a constant tensor (no graph, no gradient), replaced as a whole by {@link #set(Tensor)}.
 */
public final class Buffer {
    private final int[] shape;
    private Tensor value;

    private Buffer(Tensor initial) {
        this.shape = initial.shape();
        this.value = constant(initial.toArray());
    }

    /** A buffer holding a copy of {@code initial}'s values; its shape is fixed from now on. */
    public static Buffer of(Tensor initial) {
        return new Buffer(initial);
    }

    /** The current value, a constant tensor. */
    public Tensor value() {
        return value;
    }

    /**
     * Replaces the value by a copy of {@code newValue}'s values.
     *
     * @throws IllegalArgumentException when the shapes differ
     */
    public void set(Tensor newValue) {
        if (!Arrays.equals(newValue.shape(), shape)) {
            throw new IllegalArgumentException("Buffer.set: tensor of shape " + Arrays.toString(newValue.shape())
                    + " does not match buffer of shape " + Arrays.toString(shape));
        }
        value = constant(newValue.toArray());
    }

    /** The shape; a fresh array. */
    public int[] shape() {
        return shape.clone();
    }

    private Tensor constant(double[] values) {
        try (Grad.Scope off = Grad.disabled()) {
            return Tensor.of(values.clone(), shape);
        }
    }

    @Override
    public String toString() {
        return "Buffer" + Arrays.toString(shape);
    }
}
