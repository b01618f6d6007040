package io.github.chainrule.autodiff;

/**
 * log-sum-exp and the softmax family. logSumExp and logSoftmax are primitives whose values are
 * computed in the shifted form, exact at every scale; softmax is e^logSoftmax, and each
 * derivative is written with differentiable operations so that second derivatives follow.
 * Forward mode has its own rules, the transposes of the VJPs: the tangent of log Σ eˣ is
 * Σ softmax(x)·ẋ, that of log softmax(x) is ẋ − Σ softmax(x)·ẋ.
 *
 * <p>With m the slice's maximum, log Σ eˣ = m + log Σ e^(x−m) and log softmax(x) =
 * (x − m) − log Σ e^(x−m). In the second form nothing of the size of m is ever added and
 * subtracted again: x − m is exact (or correctly rounded) and log Σ e^(x−m) lies in [0, log n],
 * so the result has the relative accuracy of a double for logits of 1 or of 1e300 alike. The
 * naive x − logSumExp(x) loses everything below ulp(m): at 1e17, three equal logits came out as
 * log-probabilities of 0 instead of −log 3.
 */
final class Softmax {
    private Softmax() {
    }

    /** m + log Σ e^(x−m) with m the maximum (0 where the maximum is not finite). */
    static Tensor logSumExp(Tensor x, int axis, boolean keepDim) {
        int a = Shapes.axis("logSumExp", axis, x.shape.length);
        int length = x.shape[a];
        int outer = Shapes.outer(x.shape, a);
        int inner = Shapes.inner(x.shape, a);
        double[] out = new double[outer * inner];
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                double shift = shift(x.data, o * length * inner + i, length, inner);
                out[o * inner + i] = shift + logSumOfShiftedExp(x.data, o * length * inner + i, length, inner, shift);
            }
        }
        int[] kept = Shapes.reduce(x.shape, a, true);
        return Tensor.result(out, Shapes.reduce(x.shape, a, keepDim), "logSumExp", new Tensor[] {x},
                (g, lse) -> new Tensor[] {g.reshape(kept).mul(x.softmax(a))}, args -> logSumExp(args[0], axis, keepDim),
                (lse, tangents) -> tangents[0].mul(x.softmax(a)).sum(a, keepDim));
    }

    /**
     * (x − m) − log Σ e^(x−m) along the axis. A row of all −∞ (everything masked) has
     * Σ e^(x−m) = 0; log 1 is used there instead of log 0, so its log-probabilities are −∞ rather
     * than the NaN of −∞ − (−∞): softmax of such a row is all zeros (an empty distribution) and
     * every gradient stays finite. The derivative is g − softmax(x)·Σg, with softmax(x) read
     * from the output as e^out, so differentiating it again runs through this same operation.
     */
    static Tensor logSoftmax(Tensor x, int axis) {
        int a = Shapes.axis("logSoftmax", axis, x.shape.length);
        int length = x.shape[a];
        int outer = Shapes.outer(x.shape, a);
        int inner = Shapes.inner(x.shape, a);
        double[] out = new double[x.data.length];
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                int first = o * length * inner + i;
                double shift = shift(x.data, first, length, inner);
                double logTotal = logSumOfShiftedExp(x.data, first, length, inner, shift);
                if (logTotal == Double.NEGATIVE_INFINITY) {
                    logTotal = 0;
                }
                for (int j = 0, p = first; j < length; j++, p += inner) {
                    out[p] = (x.data[p] - shift) - logTotal;
                }
            }
        }
        return Tensor.result(out, x.shape, "logSoftmax", new Tensor[] {x},
                (g, logProbabilities) -> new Tensor[] {g.sub(logProbabilities.exp().mul(g.sum(a, true)))},
                args -> logSoftmax(args[0], axis),
                (logProbabilities, tangents) -> tangents[0].sub(logProbabilities.exp().mul(tangents[0]).sum(a, true)));
    }

    static Tensor softmax(Tensor x, int axis) {
        int a = Shapes.axis("softmax", axis, x.shape.length);
        return logSoftmax(x, a).exp();
    }

    /** The slice's maximum, or 0 when it is not finite (all −∞, some +∞, or NaN). */
    private static double shift(double[] data, int first, int length, int inner) {
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0, p = first; j < length; j++, p += inner) {
            max = Math.max(max, data[p]);
        }
        return Double.isFinite(max) ? max : 0;
    }

    /**
     * log Σ e^(x − shift). When the shift is the slice's (finite) maximum, its own term is
     * exactly 1 and the sum is taken as log1p of the others: log of a total just above 1 would
     * lose the digits of the small terms (at logits 0, 16, 32 apart, about 1e-9 of the result).
     */
    private static double logSumOfShiftedExp(double[] data, int first, int length, int inner, double shift) {
        double others = 0;
        boolean skipped = false;
        for (int j = 0, p = first; j < length; j++, p += inner) {
            if (!skipped && data[p] == shift && Double.isFinite(shift)) {
                skipped = true;
            } else {
                others += Math.exp(data[p] - shift);
            }
        }
        return skipped ? Math.log1p(others) : Math.log(others);
    }
}
