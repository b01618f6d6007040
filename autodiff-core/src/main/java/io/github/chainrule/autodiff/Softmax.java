package io.github.chainrule.autodiff;

/**
 * log-sum-exp and the softmax family. Only logSumExp is a primitive; logSoftmax and softmax
 * are compositions, so their derivatives (and the Hessian diag(p) − ppᵀ) follow from it.
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
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < length; j++) {
                    max = Math.max(max, x.data[(o * length + j) * inner + i]);
                }
                double shift = Double.isFinite(max) ? max : 0;
                double total = 0;
                for (int j = 0; j < length; j++) {
                    total += Math.exp(x.data[(o * length + j) * inner + i] - shift);
                }
                out[o * inner + i] = shift + Math.log(total);
            }
        }
        int[] kept = Shapes.reduce(x.shape, a, true);
        return Tensor.result(out, Shapes.reduce(x.shape, a, keepDim), "logSumExp", new Tensor[] {x},
                (g, lse) -> new Tensor[] {g.reshape(kept).mul(softmaxWeights(x, lse.reshape(kept)))},
                        args -> logSumExp(args[0], axis, keepDim));
    }

    /**
     * e^(x − lse), the softmax, written with differentiable operations so that second
     * derivatives come out right. Where lse is −∞ (every input −∞) the weights are taken as 0
     * instead of the NaN of −∞ − (−∞): the gradient stays finite.
     */
    private static Tensor softmaxWeights(Tensor x, Tensor lse) {
        Tensor finite = lse.gt(Double.NEGATIVE_INFINITY);
        if (allOnes(finite)) {
            return x.sub(lse).exp();
        }
        Tensor safeLse = Tensor.where(finite, lse, Tensor.scalar(0));
        return Tensor.where(finite, x.sub(safeLse).exp(), Tensor.scalar(0));
    }

    private static boolean allOnes(Tensor mask) {
        for (double v : mask.data) {
            if (v == 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * x − logSumExp(x). A row of all −∞ (everything masked) has logSumExp −∞; subtracting 0
     * there instead gives log-probabilities of −∞ rather than the NaN of −∞ − (−∞), so softmax
     * of such a row is all zeros (an empty distribution) and every gradient stays finite.
     */
    static Tensor logSoftmax(Tensor x, int axis) {
        int a = Shapes.axis("logSoftmax", axis, x.shape.length);
        Tensor lse = x.logSumExp(a, true);
        Tensor finite = lse.gt(Double.NEGATIVE_INFINITY);
        return x.sub(allOnes(finite) ? lse : Tensor.where(finite, lse, Tensor.scalar(0)));
    }

    static Tensor softmax(Tensor x, int axis) {
        int a = Shapes.axis("softmax", axis, x.shape.length);
        return logSoftmax(x, a).exp();
    }
}
