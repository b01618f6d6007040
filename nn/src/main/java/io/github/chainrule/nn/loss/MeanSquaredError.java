package io.github.chainrule.nn.loss;

import io.github.chainrule.autodiff.Tensor;

/**
 * Mean squared error over all N elements: MSE = (1/N) Σ_i (ŷ_i − y_i)², as PyTorch's {@code
 * MSELoss}. For one output per sample it is twice the {@link QuadraticCost}.
 */
public final class MeanSquaredError implements Loss {
    /** Creates the loss. */
    public MeanSquaredError() {
    }

    /** (1/N) Σ (ŷ − y)²; target of the output's shape (or (m) for an output (m, 1)). */
    @Override
    public Tensor compute(Tensor output, Tensor target) {
        Tensor y = Targets.sameShape("MeanSquaredError", output, target);
        return output.sub(y).square().mean();
    }
}
