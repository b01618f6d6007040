package io.github.chainrule.nn.loss;

import io.github.chainrule.autodiff.Tensor;
import java.util.Objects;

/**
 * The lecture notes' cost: C = (1/m) Σ_x ½ Σ_j (a^L_j(x) − y_j(x))², half the squared error
 * summed over the outputs and averaged over the m samples of the batch (m = 1 for a single
 * 1-d sample). Its gradient with respect to a^L is (a^L − y)/m, which is why the notes'
 * δ^L = (a^L − y) ⊙ σ'(z^L) for one sample.
 *
 * <p>The per-sample values are ℓ(x) = ½ ‖a(x) − y(x)‖²: {@link Reduction#MEAN} (the default)
 * averages them over the m samples, {@link Reduction#SUM} adds them, {@link Reduction#NONE}
 * returns them, shape (m) (0-d for one 1-d sample).
 */
public final class QuadraticCost implements Loss {
    private final Reduction reduction;

    /** The cost averaged over the batch. */
    public QuadraticCost() {
        this(Reduction.MEAN);
    }

    /** The cost with the given reduction over the samples. */
    public QuadraticCost(Reduction reduction) {
        this.reduction = Objects.requireNonNull(reduction, "reduction");
    }

    /** The reduction of ℓ(x) = ½ ‖a(x) − y(x)‖² over the samples; target of the output's shape. */
    @Override
    public Tensor compute(Tensor output, Tensor target) {
        Tensor y = Targets.sameShape("QuadraticCost", output, target);
        Tensor squares = output.sub(y).square();
        return switch (reduction) {
            case MEAN -> squares.sum().mul(0.5 / Targets.batchSize(output));
            case SUM -> squares.sum().mul(0.5);
            case NONE -> perSample(squares).mul(0.5);
        };
    }

    /** Σ over every axis but the first (the samples); all axes for a single sample of rank ≤ 1. */
    private static Tensor perSample(Tensor squares) {
        if (squares.rank() <= 1) {
            return squares.sum();
        }
        return squares.reshape(squares.dim(0), -1).sum(1, false);
    }

    /** The reduction. */
    public Reduction reduction() {
        return reduction;
    }
}
