package io.github.chainrule.nn.optim;

import io.github.chainrule.autodiff.Grad;
import io.github.chainrule.autodiff.Tensor;
import io.github.chainrule.nn.Parameter;
import java.util.Collection;

/** Rescaling of accumulated gradients before an optimiser step. */
public final class GradientClipping {
    private GradientClipping() {
    }

    /**
     * Clips by global norm, as PyTorch's {@code clip_grad_norm_}: with ‖g‖ = √(Σ_p Σ_i g_{p,i}²)
     * over all parameters that have a gradient, when ‖g‖ &gt; maxNorm every gradient is scaled
     * by maxNorm / (‖g‖ + 10⁻⁶). The direction of the whole update is kept. A non-finite norm
     * is returned and nothing is scaled: the optimiser's step then refuses the NaN.
     *
     * @return the global norm before clipping
     * @throws IllegalArgumentException when maxNorm is not finite and positive
     */
    public static double clipByGlobalNorm(Collection<Parameter> parameters, double maxNorm) {
        if (!(maxNorm > 0) || !Double.isFinite(maxNorm)) {
            throw new IllegalArgumentException("clipByGlobalNorm: maxNorm must be finite and positive, got " + maxNorm);
        }
        double norm = globalNorm(parameters);
        if (norm > maxNorm && Double.isFinite(norm)) {
            double scale = maxNorm / (norm + 1e-6);
            try (Grad.Scope off = Grad.disabled()) {
                for (Parameter p : parameters) {
                    Tensor g = p.grad();
                    if (g != null) {
                        p.setGrad(g.mul(scale).detach());
                    }
                }
            }
        }
        return norm;
    }

    /** ‖g‖ = √(Σ_p Σ_i g_{p,i}²) over the parameters that have a gradient. */
    public static double globalNorm(Collection<Parameter> parameters) {
        double sumSquares = 0;
        for (Parameter p : parameters) {
            Tensor g = p.grad();
            if (g != null) {
                for (double v : g.toArray()) {
                    sumSquares += v * v;
                }
            }
        }
        return Math.sqrt(sumSquares);
    }
}
