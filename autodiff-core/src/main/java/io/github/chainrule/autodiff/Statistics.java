package io.github.chainrule.autodiff;

/**
 * Variance and standard deviation along an axis, with a correction (Bessel's by default).
 * Both are compositions of differentiable operations, so their derivatives of every order
 * follow from those of mean, square and sqrt.
 */
final class Statistics {
    private Statistics() {
    }

    /** Σ(x − x̄)² / (N − correction) along {@code axis}. */
    static Tensor var(Tensor x, int axis, int correction, boolean keepDim) {
        int a = Shapes.axis("var", axis, x.shape.length);
        int n = x.shape[a];
        if (correction < 0 || n - correction <= 0) {
            throw new IllegalArgumentException("var: correction " + correction + " needs more than " + correction
                    + " elements along axis " + axis + ", but shape " + Shapes.str(x.shape) + " has " + n);
        }
        Tensor centred = x.sub(x.mean(a, true));
        return centred.square().sum(a, keepDim).mul(1.0 / (n - correction));
    }

    /** √var; its derivative is infinite where the variance is 0 (a constant slice). */
    static Tensor std(Tensor x, int axis, int correction, boolean keepDim) {
        return var(x, axis, correction, keepDim).sqrt();
    }
}
