package io.github.chainrule.nn.loss;

import io.github.chainrule.autodiff.Tensor;
import java.util.Objects;

/**
 * Squared error ℓ_i = (ŷ_i − y_i)² per element, as PyTorch's {@code MSELoss}: by default the
 * mean over all N elements, MSE = (1/N) Σ_i (ŷ_i − y_i)²; {@link Reduction#NONE} gives the ℓ_i in
 * the output's shape. For one output per sample the mean is twice the {@link QuadraticCost}.
 */
public final class MeanSquaredError implements Loss {
    private final Reduction reduction;

    /** The loss with mean reduction. */
    public MeanSquaredError() {
        this(Reduction.MEAN);
    }

    /** The loss with the given reduction. */
    public MeanSquaredError(Reduction reduction) {
        this.reduction = Objects.requireNonNull(reduction, "reduction");
    }

    /** The reduction of (ŷ − y)²; target of the output's shape (or (m) for an output (m, 1)). */
    @Override
    public Tensor compute(Tensor output, Tensor target) {
        Tensor y = Targets.sameShape("MeanSquaredError", output, target);
        return reduction.apply(output.sub(y).square());
    }

    /** The reduction. */
    public Reduction reduction() {
        return reduction;
    }
}
