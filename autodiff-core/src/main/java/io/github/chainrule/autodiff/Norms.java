package io.github.chainrule.autodiff;

/**
 * Vector p-norms along an axis. p = 1 and p = ∞ are compositions (Σ|x|, max|x|); every other
 * p &gt; 0 is one operation whose gradient is taken as 0 where the norm is 0 (as PyTorch), so
 * that ‖x‖₂ of a zero vector has a zero gradient rather than NaN.
 */
final class Norms {
    private Norms() {
    }

    static Tensor norm(Tensor x, double p, int axis, boolean keepDim) {
        int a = Shapes.axis("norm", axis, x.shape.length);
        if (!(p > 0)) {
            throw new IllegalArgumentException("norm: p must be positive (or +∞), got " + p);
        }
        if (p == 1) {
            return x.abs().sum(a, keepDim);
        }
        if (p == Double.POSITIVE_INFINITY) {
            return x.abs().max(a, keepDim);
        }
        return pNorm(x, p, a, keepDim);
    }

    /** The p-norm over several axes at once: those axes moved to the end and flattened. */
    static Tensor norm(Tensor x, double p, int[] axes, boolean keepDim) {
        int rank = x.shape.length;
        boolean[] reduced = new boolean[rank];
        for (int axis : axes) {
            int a = Shapes.axis("norm", axis, rank);
            if (reduced[a]) {
                throw new IllegalArgumentException("norm: axis " + axis + " appears twice in "
                        + java.util.Arrays.toString(axes));
            }
            reduced[a] = true;
        }
        int[] order = new int[rank];
        int[] kept = x.shape.clone();
        int next = 0;
        int length = 1;
        for (int i = 0; i < rank; i++) {
            if (!reduced[i]) {
                order[next++] = i;
            }
        }
        for (int i = 0; i < rank; i++) {
            if (reduced[i]) {
                order[next++] = i;
                length *= x.shape[i];
                kept[i] = 1;
            }
        }
        int[] flat = new int[rank - axes.length + 1];
        for (int i = 0; i < flat.length - 1; i++) {
            flat[i] = x.shape[order[i]];
        }
        flat[flat.length - 1] = length;
        Tensor result = norm(x.permute(order).reshape(flat), p, -1, false);
        return keepDim ? result.reshape(kept) : result;
    }

    /** (Σ|x|ᵖ)^(1/p); gradient g·sign(x)|x|^(p−1)/‖x‖^(p−1), or g·x/‖x‖ for p = 2, 0 where ‖x‖ = 0. */
    private static Tensor pNorm(Tensor x, double p, int a, boolean keepDim) {
        int length = x.shape[a];
        int outer = Shapes.outer(x.shape, a);
        int inner = Shapes.inner(x.shape, a);
        double[] out = new double[outer * inner];
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                double total = 0;
                for (int j = 0; j < length; j++) {
                    double v = Math.abs(x.data[(o * length + j) * inner + i]);
                    total += p == 2 ? v * v : Math.pow(v, p);
                }
                out[o * inner + i] = p == 2 ? Math.sqrt(total) : Math.pow(total, 1 / p);
            }
        }
        int[] kept = Shapes.reduce(x.shape, a, true);
        return Tensor.result(out, Shapes.reduce(x.shape, a, keepDim), "norm", new Tensor[] {x},
                (g, r) -> new Tensor[] {gradientDirection(x, r.reshape(kept), p).mul(g.reshape(kept))},
                args -> pNorm(args[0], p, a, keepDim),
                (r, tangents) -> gradientDirection(x, r.reshape(kept), p).mul(tangents[0]).sum(a, keepDim));
    }

    /**
     * ∂‖x‖/∂x = sign(x)|x|^(p−1)/‖x‖^(p−1), or x/‖x‖ for p = 2, and 0 where ‖x‖ = 0: what the
     * VJP scales g by and the JVP sums the tangent against.
     */
    private static Tensor gradientDirection(Tensor x, Tensor norm, double p) {
        Tensor zero = norm.eq(0);
        Tensor safe = Tensor.where(zero, Tensor.scalar(1), norm);
        Tensor direction = p == 2 ? x.div(safe) : x.sign().mul(x.abs().pow(p - 1)).div(safe.pow(p - 1));
        return Tensor.where(zero, Tensor.scalar(0), direction);
    }
}
