package io.github.chainrule.nn.loss;

import io.github.chainrule.autodiff.Tensor;

/**
 * The Huber loss with threshold δ, averaged over all elements: with d = ŷ − y,
 * ℓ(d) = ½d² for |d| ≤ δ and δ(|d| − ½δ) otherwise. Quadratic near zero, linear in the tails,
 * so outliers pull with a bounded force δ.
 */
public final class Huber implements Loss {
    private final double delta;

    /**
     * A Huber loss with threshold {@code delta}.
     *
     * @throws IllegalArgumentException when delta is not finite and positive
     */
    public Huber(double delta) {
        if (!(delta > 0) || !Double.isFinite(delta)) {
            throw new IllegalArgumentException("Huber: delta must be finite and positive, got " + delta);
        }
        this.delta = delta;
    }

    /** A Huber loss with δ = 1 (PyTorch's default). */
    public Huber() {
        this(1.0);
    }

    /** mean(where(|d| ≤ δ, ½d², δ(|d| − ½δ))); target of the output's shape. */
    @Override
    public Tensor compute(Tensor output, Tensor target) {
        Tensor d = output.sub(Targets.sameShape("Huber", output, target));
        Tensor abs = d.abs();
        Tensor quadratic = d.square().mul(0.5);
        Tensor linear = abs.sub(0.5 * delta).mul(delta);
        return Tensor.where(abs.le(Tensor.scalar(delta)), quadratic, linear).mean();
    }

    /** The threshold δ. */
    public double delta() {
        return delta;
    }
}
