package io.github.chainrule.autodiff.ops;

import org.apache.commons.math3.special.Erf;

/** Numerically careful elementary functions on doubles, shared by the op records. */
public final class Elementary {
    private static final double TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);
    /** 1/√2, the scale of gelu's argument to erf. */
    public static final double SQRT_HALF = Math.sqrt(0.5);
    /** 1/√(2π), the normal density's factor. */
    public static final double INV_SQRT_TWO_PI = 1 / Math.sqrt(2 * Math.PI);

    private Elementary() {
    }

    /** σ(x) = 1/(1+e^(−x)), evaluated so that neither branch overflows. */
    public static double sigmoid(double x) {
        if (x >= 0) {
            return 1.0 / (1.0 + Math.exp(-x));
        }
        double e = Math.exp(x);
        return e / (1.0 + e);
    }

    /** softplus(x) = ln(1 + eˣ) = max(x, 0) + ln(1 + e^(−|x|)), exact for large |x|. */
    public static double softplus(double x) {
        return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
    }

    /** The error function erf(x) = 2/√π ∫₀ˣ e^(−t²) dt (NaN for NaN). */
    public static double erf(double x) {
        return Double.isNaN(x) ? x : Erf.erf(x);
    }

    /** 2/√π, the factor in erf's derivative 2/√π·e^(−x²). */
    public static double twoOverSqrtPi() {
        return TWO_OVER_SQRT_PI;
    }

    /**
     * The zero-safe product: a·b, except exactly 0 where a = 0 and b is ±∞ or NaN. A zero
     * upstream gradient means no path depends on the element, whatever the local derivative.
     */
    public static double mulSafe(double a, double b) {
        return a == 0 && !Double.isFinite(b) ? 0.0 : a * b;
    }

    /**
     * gelu(x) = x·Φ(x) with Φ(x) = ½erfc(−x/√2), which keeps its relative accuracy in the left
     * tail, where ½(1 + erf(x/√2)) cancels.
     */
    public static double gelu(double x) {
        return Double.isNaN(x) ? x : 0.5 * x * Erf.erfc(-x * SQRT_HALF);
    }
}
