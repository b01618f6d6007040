package io.github.chainrule.nn.layers;

import io.github.chainrule.autodiff.Grad;
import io.github.chainrule.autodiff.Tensor;
import io.github.chainrule.nn.Parameter;
import io.github.chainrule.nn.loss.Loss;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The gradient of every parameter of an {@link MLP} for every sample of a batch, from one
 * forward and one backward pass (for DP-SGD's per-sample clipping, per-sample gradient norms,
 * influence estimates).
 *
 * <p>One backward pass from Σ_x ℓ(x), the sum of the per-sample losses, leaves in every
 * pre-activation z^l the error δ^l(x) = ∂ℓ(x)/∂z^l(x) of each sample x (its row only depends
 * on that sample's loss), read from the graph as the retained gradient ({@link
 * Trace#delta(int)}). The chain rule through z^l = W^l a^(l−1) + b^l then gives each
 * sample's parameter gradients as the lecture notes' outer product:
 * <pre>
 *   ∂ℓ(x)/∂W^l = δ^l(x) (a^(l−1)(x))ᵀ,      ∂ℓ(x)/∂b^l = δ^l(x)
 * </pre>
 * and, without forming the products, their norms ‖δ (a)ᵀ‖_F = ‖δ‖ ‖a‖ and the DP-SGD sum of
 * clipped gradients Σ_x s(x) δ^l(x) (a^(l−1)(x))ᵀ = (s ⊙ δ^l)ᵀ a^(l−1), one matrix product.
 *
 * <p>The model's accumulated gradients are left as they were.
 *
 * <pre>{@code
 * PerSampleGradients g = PerSampleGradients.of(model, new CrossEntropy(Reduction.NONE), x, labels);
 * double[] norms = g.norms();                              // ‖∂ℓ(x)/∂θ‖ for every sample
 * Tensor perSampleW = g.gradients().get("layers.0.weight"); // (m, out, in)
 * }</pre>
 */
public final class PerSampleGradients {
    private final MLP model;
    private final Trace trace;
    private final Tensor losses;
    private final int m;
    private Map<String, Tensor> gradients;

    private PerSampleGradients(MLP model, Trace trace, Tensor losses) {
        this.model = model;
        this.trace = trace;
        this.losses = losses;
        this.m = losses.size();
    }

    /**
     * The per-sample gradients of {@code model}'s parameters for the batch {@code x} (m, in)
     * against {@code target}, with {@code loss} giving one value per sample (e.g. {@code new
     * CrossEntropy(Reduction.NONE)}).
     *
     * @throws IllegalArgumentException when x is not (m, in) or the loss does not give m values
     */
    public static PerSampleGradients of(MLP model, Loss loss, Tensor x, Tensor target) {
        if (x.rank() != 2) {
            throw new IllegalArgumentException("PerSampleGradients: the input must be a batch (m, in), got shape "
                    + Arrays.toString(x.shape()));
        }
        Map<Parameter, Tensor> saved = new LinkedHashMap<>();
        for (Parameter p : model.parameters()) {
            saved.put(p, p.grad());
        }
        Trace trace = model.forwardWithTrace(x);
        Tensor losses = loss.compute(trace.output(), target);
        if (losses.rank() != 1 || losses.dim(0) != x.dim(0)) {
            throw new IllegalArgumentException("PerSampleGradients: the loss must give one value per sample, shape ("
                    + x.dim(0) + "), got shape " + Arrays.toString(losses.shape())
                    + "; pass it with Reduction.NONE");
        }
        try {
            losses.sum().backward();
        } finally {
            // The sum's parameter gradients are a by-product: leave the model's as they were.
            saved.forEach(Parameter::setGrad);
        }
        return new PerSampleGradients(model, trace, losses);
    }

    /** The number of samples m. */
    public int batchSize() {
        return m;
    }

    /** The per-sample losses ℓ(x), shape (m). */
    public Tensor losses() {
        return losses.detach();
    }

    /**
     * Every parameter's per-sample gradients, keyed by the parameter's name: shape (m, out, in)
     * for a weight, (m, out) for a bias. Computed on the first call (m times the parameters'
     * memory), then kept.
     */
    public Map<String, Tensor> gradients() {
        if (gradients == null) {
            Map<String, Tensor> out = new LinkedHashMap<>();
            List<String> names = List.copyOf(model.namedParameters().keySet());
            try (Grad.Scope off = Grad.disabled()) {
                for (int l = 1; l <= trace.depth(); l++) {
                    Tensor delta = trace.delta(l);
                    Tensor input = trace.a(l - 1);
                    // A batched product (m, out, 1)·(m, 1, in): the outer products on the matrix kernels,
                    // several times faster than the same values by a broadcast multiplication.
                    out.put(names.get(2 * (l - 1)), delta.unsqueeze(2).matmul(input.unsqueeze(1)));
                    out.put(names.get(2 * (l - 1) + 1), delta);
                }
            }
            gradients = out;
        }
        return gradients;
    }

    /**
     * ‖∂ℓ(x)/∂θ‖ over all parameters θ, for every sample x: √(Σ_l ‖δ^l‖² (‖a^(l−1)‖² + 1)),
     * without forming the per-sample gradients.
     */
    public double[] norms() {
        double[] squares = new double[m];
        for (int l = 1; l <= trace.depth(); l++) {
            double[] deltaSquares = rowSquares(trace.delta(l));
            double[] inputSquares = rowSquares(trace.a(l - 1));
            for (int i = 0; i < m; i++) {
                squares[i] += deltaSquares[i] * (inputSquares[i] + 1);   // weight, then bias
            }
        }
        double[] norms = new double[m];
        for (int i = 0; i < m; i++) {
            norms[i] = Math.sqrt(squares[i]);
        }
        return norms;
    }

    /**
     * DP-SGD's sum of clipped per-sample gradients, Σ_x min(1, C/‖g(x)‖) g(x) with g(x) =
     * ∂ℓ(x)/∂θ and C = {@code maxNorm}, for every parameter (in its own shape): per layer one
     * product (s ⊙ δ^l)ᵀ a^(l−1), never the per-sample gradients themselves.
     *
     * @throws IllegalArgumentException when maxNorm is not finite and positive
     */
    public Map<String, Tensor> clippedSum(double maxNorm) {
        if (!(maxNorm > 0) || !Double.isFinite(maxNorm)) {
            throw new IllegalArgumentException("PerSampleGradients.clippedSum: maxNorm must be finite and positive, got "
                    + maxNorm);
        }
        double[] norms = norms();
        double[] scale = new double[m];
        for (int i = 0; i < m; i++) {
            scale[i] = norms[i] > maxNorm ? maxNorm / norms[i] : 1;
        }
        Map<String, Tensor> out = new LinkedHashMap<>();
        List<String> names = List.copyOf(model.namedParameters().keySet());
        try (Grad.Scope off = Grad.disabled()) {
            Tensor s = Tensor.vector(scale).unsqueeze(1);
            for (int l = 1; l <= trace.depth(); l++) {
                Tensor scaled = trace.delta(l).mul(s);
                out.put(names.get(2 * (l - 1)), scaled.transpose().matmul(trace.a(l - 1)));
                out.put(names.get(2 * (l - 1) + 1), scaled.sum(0, false));
            }
        }
        return out;
    }

    private double[] rowSquares(Tensor rows) {
        double[] v = rows.toArray();
        int width = v.length / m;
        double[] out = new double[m];
        for (int i = 0; i < m; i++) {
            double s = 0;
            for (int j = i * width; j < (i + 1) * width; j++) {
                s += v[j] * v[j];
            }
            out[i] = s;
        }
        return out;
    }
}
