package io.github.chainrule.autodiff;

/** Numerically careful elementary functions shared by the scalar and tensor graphs. */
final class Functions {
    private Functions() {
    }

    /** σ(x) = 1/(1+e^(−x)), evaluated so that neither branch overflows. */
    static double sigmoid(double x) {
        if (x >= 0) {
            return 1.0 / (1.0 + Math.exp(-x));
        }
        double e = Math.exp(x);
        return e / (1.0 + e);
    }

    /** softplus(x) = ln(1 + eˣ) = max(x, 0) + ln(1 + e^(−|x|)), exact for large |x|. */
    static double softplus(double x) {
        return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
    }
}
