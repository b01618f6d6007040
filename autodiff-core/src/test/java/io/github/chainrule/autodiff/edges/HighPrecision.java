package io.github.chainrule.autodiff.edges;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * exp and log to 60 significant digits with BigDecimal, as an independent reference for the
 * softmax family: differences of logits are taken exactly, and nothing is rounded to a double
 * before the end.
 */
final class HighPrecision {
    static final MathContext DIGITS = new MathContext(60);
    /** Below this, e^d is under 1e-347 and cannot move a 60-digit sum whose largest term is 1. */
    private static final BigDecimal NEGLIGIBLE = BigDecimal.valueOf(-800);

    private HighPrecision() {
    }

    /** e^y by the Taylor series of y/2^k (|y/2^k| ≤ 1/2), squared k times. */
    static BigDecimal exp(BigDecimal y) {
        if (y.compareTo(NEGLIGIBLE) < 0) {
            return BigDecimal.ZERO;
        }
        int halvings = 0;
        BigDecimal reduced = y;
        while (reduced.abs().compareTo(new BigDecimal("0.5")) > 0) {
            reduced = reduced.divide(BigDecimal.valueOf(2), DIGITS);
            halvings++;
        }
        BigDecimal term = BigDecimal.ONE;
        BigDecimal sum = BigDecimal.ONE;
        for (int n = 1; n < 200 && term.signum() != 0 && term.abs().compareTo(BigDecimal.ONE.movePointLeft(70)) > 0; n++) {
            term = term.multiply(reduced, DIGITS).divide(BigDecimal.valueOf(n), DIGITS);
            sum = sum.add(term, DIGITS);
        }
        for (int k = 0; k < halvings; k++) {
            sum = sum.multiply(sum, DIGITS);
        }
        return sum;
    }

    /** ln z for z &gt; 0, by Newton's iteration on e^w = z from the double estimate. */
    static BigDecimal log(BigDecimal z) {
        BigDecimal w = new BigDecimal(Math.log(z.doubleValue()));
        for (int i = 0; i < 6; i++) {
            BigDecimal e = exp(w);
            w = w.add(BigDecimal.valueOf(2).multiply(z.subtract(e, DIGITS), DIGITS).divide(z.add(e, DIGITS), DIGITS), DIGITS);
        }
        return w;
    }

    /** The exact differences x_i − max x. */
    static BigDecimal[] shifted(double[] x) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : x) {
            max = Math.max(max, v);
        }
        BigDecimal[] d = new BigDecimal[x.length];
        for (int i = 0; i < x.length; i++) {
            d[i] = new BigDecimal(x[i]).subtract(new BigDecimal(max));
        }
        return d;
    }

    /** log Σ_j e^(x_j − max x), at least 0. */
    static BigDecimal logSumOfShiftedExp(double[] x) {
        BigDecimal total = BigDecimal.ZERO;
        for (BigDecimal d : shifted(x)) {
            total = total.add(exp(d), DIGITS);
        }
        return log(total);
    }

    /** log softmax(x)_i = (x_i − m) − log Σ_j e^(x_j − m), rounded once to a double. */
    static double[] logSoftmax(double[] x) {
        BigDecimal log = logSumOfShiftedExp(x);
        BigDecimal[] d = shifted(x);
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = d[i].subtract(log, DIGITS).doubleValue();
        }
        return out;
    }

    /** softmax(x)_i = e^(log softmax(x)_i), rounded once to a double. */
    static double[] softmax(double[] x) {
        BigDecimal log = logSumOfShiftedExp(x);
        BigDecimal[] d = shifted(x);
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = exp(d[i].subtract(log, DIGITS)).doubleValue();
        }
        return out;
    }

    /** log Σ eˣ = m + log Σ e^(x−m), rounded once to a double. */
    static double logSumExp(double[] x) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : x) {
            max = Math.max(max, v);
        }
        return new BigDecimal(max).add(logSumOfShiftedExp(x), DIGITS).doubleValue();
    }
}
