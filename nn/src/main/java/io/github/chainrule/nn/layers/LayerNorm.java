package io.github.chainrule.nn.layers;

import io.github.chainrule.autodiff.Tensor;
import io.github.chainrule.nn.Module;
import io.github.chainrule.nn.Parameter;
import java.util.Arrays;

/**
 * Layer normalisation over the last axis (Ba, Kiros &amp; Hinton, 2016), as PyTorch's {@code
 * nn.LayerNorm(features)}: for each position, with μ and σ² the mean and the biased variance of
 * its n = {@code features} values,
 * <pre>
 *   y = (x − μ) / √(σ² + ε) ⊙ γ + β
 * </pre>
 * γ ({@code "weight"}, starting at 1) and β ({@code "bias"}, starting at 0) have shape (n);
 * without the elementwise affine part there are no parameters. Composed from graph operations
 * (mean, sub, square, sqrt, div), so the gradient comes from the graph.
 */
public final class LayerNorm extends Module {
    private final int features;
    private final double epsilon;
    private final Parameter weight;
    private final Parameter bias;

    /** LayerNorm over {@code features} values with ε = 1e-5 and a learnt γ, β (PyTorch's defaults). */
    public LayerNorm(int features) {
        this(features, 1e-5, true);
    }

    /**
     * LayerNorm over {@code features} values with the given ε, with or without γ and β.
     *
     * @throws IllegalArgumentException when features &lt; 1 or ε is not finite and &gt; 0
     */
    public LayerNorm(int features, double epsilon, boolean elementwiseAffine) {
        if (features < 1) {
            throw new IllegalArgumentException("LayerNorm: features must be positive, got " + features);
        }
        if (!(epsilon > 0) || !Double.isFinite(epsilon)) {
            throw new IllegalArgumentException("LayerNorm: epsilon must be finite and positive, got " + epsilon);
        }
        this.features = features;
        this.epsilon = epsilon;
        this.weight = elementwiseAffine ? registerParameter("weight", Parameter.of(Tensor.ones(features))) : null;
        this.bias = elementwiseAffine ? registerParameter("bias", Parameter.of(Tensor.zeros(features))) : null;
    }

    /**
     * Normalises every position of x, shape (…, features), over its last axis.
     *
     * @throws IllegalArgumentException when the last axis is not {@code features} long
     */
    @Override
    public Tensor forward(Tensor x) {
        int[] s = x.shape();
        if (s.length == 0 || s[s.length - 1] != features) {
            throw new IllegalArgumentException("LayerNorm(" + features + "): input of shape " + Arrays.toString(s)
                    + " must end in an axis of " + features);
        }
        int last = s.length - 1;
        Tensor centred = x.sub(x.mean(last, true));
        Tensor variance = centred.square().mean(last, true);
        Tensor y = centred.div(variance.add(epsilon).sqrt());
        return weight == null ? y : y.mul(weight.value()).add(bias.value());
    }

    /** γ, shape (features), or null without the affine part. */
    public Parameter weight() {
        return weight;
    }

    /** β, shape (features), or null without the affine part. */
    public Parameter bias() {
        return bias;
    }

    /** ε. */
    public double epsilon() {
        return epsilon;
    }
}
