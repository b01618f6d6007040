package io.github.chainrule.nn.loss;

import io.github.chainrule.autodiff.Tensor;

/**
 * The lecture notes' cost: C = (1/m) Σ_x ½ Σ_j (a^L_j(x) − y_j(x))², half the squared error
 * summed over the outputs and averaged over the m samples of the batch (m = 1 for a single
 * 1-d sample). Its gradient with respect to a^L is (a^L − y)/m, which is why the notes'
 * δ^L = (a^L − y) ⊙ σ'(z^L) for one sample.
 */
public final class QuadraticCost implements Loss {
    /** Creates the cost. */
    public QuadraticCost() {
    }

    /** C = (1/m) Σ_x ½ ‖a(x) − y(x)‖²; target of the output's shape. */
    @Override
    public Tensor compute(Tensor output, Tensor target) {
        Tensor y = Targets.sameShape("QuadraticCost", output, target);
        return output.sub(y).square().sum().mul(0.5 / Targets.batchSize(output));
    }
}
