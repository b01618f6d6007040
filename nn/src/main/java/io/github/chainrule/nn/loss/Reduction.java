package io.github.chainrule.nn.loss;

import io.github.chainrule.autodiff.Tensor;

/**
 * How a loss turns its per-element (or per-sample) values ℓ_i into what it returns, as
 * PyTorch's {@code reduction} argument: {@link #MEAN} (1/N) Σ ℓ_i, {@link #SUM} Σ ℓ_i, or
 * {@link #NONE}, the ℓ_i themselves. Each loss states what its ℓ_i are and the shape of
 * {@code NONE}'s result.
 */
public enum Reduction {
    /** (1/N) Σ_i ℓ_i, a 0-d tensor (the default of every loss). */
    MEAN,
    /** Σ_i ℓ_i, a 0-d tensor. */
    SUM,
    /** The ℓ_i, unreduced. */
    NONE;

    /** Applies this reduction to the unreduced values {@code perElement} (graph operations only). */
    public Tensor apply(Tensor perElement) {
        return switch (this) {
            case MEAN -> perElement.mean();
            case SUM -> perElement.sum();
            case NONE -> perElement;
        };
    }
}
