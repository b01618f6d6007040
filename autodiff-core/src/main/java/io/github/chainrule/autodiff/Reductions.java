package io.github.chainrule.autodiff;

/**
 * Sums and extremes over all elements or one axis. A reduction's derivative broadcasts the
 * output gradient back over the reduced axis (for max and min, only onto the elements that
 * attained the extreme, shared equally on ties). NaN propagates through max and min as in
 * PyTorch: a slice holding a NaN has extreme NaN, and its gradient goes to the NaN elements.
 * Every reduction has its forward-mode rule directly: sums are linear (the same sum of the
 * tangents), an extreme's tangent is the shared tangent of the elements attaining it.
 */
final class Reductions {
    private Reductions() {
    }

    static Tensor sumAll(Tensor x) {
        double total = 0;
        for (double v : x.data) {
            total += v;
        }
        int[] original = x.shape;
        return Tensor.linearResult(new double[] {total}, Shapes.SCALAR, "sum", new Tensor[] {x},
                (g, out) -> new Tensor[] {g.broadcastTo(original)}, args -> sumAll(args[0]));
    }

    static Tensor sum(Tensor x, int axis, boolean keepDim) {
        int a = Shapes.axis("sum", axis, x.shape.length);
        int length = x.shape[a];
        int outer = Shapes.outer(x.shape, a);
        int inner = Shapes.inner(x.shape, a);
        double[] out = new double[outer * inner];
        for (int o = 0; o < outer; o++) {
            for (int j = 0; j < length; j++) {
                int from = (o * length + j) * inner;
                int to = o * inner;
                for (int i = 0; i < inner; i++) {
                    out[to + i] += x.data[from + i];
                }
            }
        }
        int[] original = x.shape;
        int[] kept = Shapes.reduce(x.shape, a, true);
        return Tensor.linearResult(out, Shapes.reduce(x.shape, a, keepDim), "sum", new Tensor[] {x},
                (g, r) -> new Tensor[] {g.reshape(kept).broadcastTo(original)}, args -> sum(args[0], axis, keepDim));
    }

    static Tensor extreme(Tensor x, int axis, boolean keepDim, boolean largest) {
        String op = largest ? "max" : "min";
        int a = Shapes.axis(op, axis, x.shape.length);
        int length = requireNonEmpty(op, x, axis, a);
        int outer = Shapes.outer(x.shape, a);
        int inner = Shapes.inner(x.shape, a);
        double[] out = new double[outer * inner];
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                out[o * inner + i] = x.data[(o * length + extremeIndex(x, o, i, length, inner, largest)) * inner + i];
            }
        }
        int[] kept = Shapes.reduce(x.shape, a, true);
        return Tensor.result(out, Shapes.reduce(x.shape, a, keepDim), op, new Tensor[] {x},
                (g, r) -> new Tensor[] {g.reshape(kept).mul(share(x, r, a))},
                args -> extreme(args[0], axis, keepDim, largest),
                (r, tangents) -> tangents[0].mul(share(x, r, a)).sum(a, keepDim));
    }

    /**
     * How the derivative of an extreme is shared over its slice: 1/k on each of the k elements
     * that attain it, 0 elsewhere (a constant). The VJP spreads g·share back over the slice; the
     * JVP is Σ share·ẋ along the axis.
     */
    private static Tensor share(Tensor x, Tensor extreme, int a) {
        Tensor attained = Tensor.constant(attained(x.data, extreme.data, x.shape, a), x.shape);
        return attained.div(attained.sum(a, true));
    }

    /**
     * 1 where an element equals its slice's extreme, else 0; where the extreme is NaN, 1 at the
     * NaN elements (NaN ≠ NaN, so equality alone would mark none and lose the gradient).
     */
    private static double[] attained(double[] x, double[] extreme, int[] shape, int axis) {
        int length = shape[axis];
        int inner = Shapes.inner(shape, axis);
        double[] mask = new double[x.length];
        for (int p = 0; p < x.length; p++) {
            double e = extreme[p / (length * inner) * inner + p % inner];
            mask[p] = x[p] == e || Double.isNaN(e) && Double.isNaN(x[p]) ? 1 : 0;
        }
        return mask;
    }

    /**
     * The position of the extreme in one slice: the first NaN when there is one (NaN propagates,
     * as in PyTorch), otherwise the first element that attains the largest (or smallest) value.
     */
    private static int extremeIndex(Tensor x, int o, int i, int length, int inner, boolean largest) {
        int best = 0;
        double bestValue = x.data[o * length * inner + i];
        for (int j = 0; j < length && !Double.isNaN(bestValue); j++) {
            double v = x.data[(o * length + j) * inner + i];
            if (Double.isNaN(v) || (largest ? v > bestValue : v < bestValue)) {
                best = j;
                bestValue = v;
            }
        }
        return best;
    }

    private static int requireNonEmpty(String op, Tensor x, int axis, int a) {
        int length = x.shape[a];
        if (length == 0) {
            throw new IllegalArgumentException(op + ": axis " + axis + " of shape " + Shapes.str(x.shape)
                    + " is empty, so it has no " + (op.startsWith("arg") ? "position of an extreme" : "extreme"));
        }
        return length;
    }

    static int[] argExtreme(Tensor x, int axis, boolean largest) {
        String op = largest ? "argmax" : "argmin";
        int a = Shapes.axis(op, axis, x.shape.length);
        int length = requireNonEmpty(op, x, axis, a);
        int outer = Shapes.outer(x.shape, a);
        int inner = Shapes.inner(x.shape, a);
        int[] out = new int[outer * inner];
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                out[o * inner + i] = extremeIndex(x, o, i, length, inner, largest);
            }
        }
        return out;
    }
}
