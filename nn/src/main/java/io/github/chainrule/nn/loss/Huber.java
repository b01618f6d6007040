package io.github.chainrule.nn.loss;

import io.github.chainrule.autodiff.Tensor;
import java.util.Objects;

/**
 * The Huber loss with threshold δ, as PyTorch's {@code HuberLoss}: per element, with d = ŷ − y,
 * ℓ(d) = ½d² for |d| ≤ δ and δ(|d| − ½δ) otherwise; averaged over all elements by default (or
 * summed, or returned in the output's shape: {@link Reduction}). Quadratic near zero, linear in the tails,
 * so outliers pull with a bounded force δ.
 */
public final class Huber implements Loss {
    private final double delta;
    private final Reduction reduction;

    /**
     * A Huber loss with threshold {@code delta}, mean reduction.
     *
     * @throws IllegalArgumentException when delta is not finite and positive
     */
    public Huber(double delta) {
        this(delta, Reduction.MEAN);
    }

    /**
     * A Huber loss with threshold {@code delta} and the given reduction.
     *
     * @throws IllegalArgumentException when delta is not finite and positive
     */
    public Huber(double delta, Reduction reduction) {
        this.reduction = Objects.requireNonNull(reduction, "reduction");
        if (!(delta > 0) || !Double.isFinite(delta)) {
            throw new IllegalArgumentException("Huber: delta must be finite and positive, got " + delta);
        }
        this.delta = delta;
    }

    /** A Huber loss with δ = 1 (PyTorch's default). */
    public Huber() {
        this(1.0);
    }

    /** The reduction of where(|d| ≤ δ, ½d², δ(|d| − ½δ)); target of the output's shape. */
    @Override
    public Tensor compute(Tensor output, Tensor target) {
        Tensor d = output.sub(Targets.sameShape("Huber", output, target));
        Tensor abs = d.abs();
        Tensor quadratic = d.square().mul(0.5);
        Tensor linear = abs.sub(0.5 * delta).mul(delta);
        return reduction.apply(Tensor.where(abs.le(Tensor.scalar(delta)), quadratic, linear));
    }

    /** The reduction. */
    public Reduction reduction() {
        return reduction;
    }

    /** The threshold δ. */
    public double delta() {
        return delta;
    }
}
