package io.github.chainrule.autodiff;

/**
 * Sums and extremes over all elements or one axis. A reduction's derivative broadcasts the
 * output gradient back over the reduced axis (for max and min, only onto the elements that
 * attained the extreme, shared equally on ties).
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
        return Tensor.result(new double[] {total}, Shapes.SCALAR, "sum", new Tensor[] {x},
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
        return Tensor.result(out, Shapes.reduce(x.shape, a, keepDim), "sum", new Tensor[] {x},
                (g, r) -> new Tensor[] {g.reshape(kept).broadcastTo(original)}, args -> sum(args[0], axis, keepDim));
    }

    static Tensor extreme(Tensor x, int axis, boolean keepDim, boolean largest) {
        String op = largest ? "max" : "min";
        int a = Shapes.axis(op, axis, x.shape.length);
        int length = x.shape[a];
        if (length == 0) {
            throw new IllegalArgumentException(op + ": axis " + axis + " of shape " + Shapes.str(x.shape) + " is empty");
        }
        int outer = Shapes.outer(x.shape, a);
        int inner = Shapes.inner(x.shape, a);
        double[] out = new double[outer * inner];
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                double best = x.data[o * length * inner + i];
                for (int j = 1; j < length; j++) {
                    double v = x.data[(o * length + j) * inner + i];
                    if (largest ? v > best : v < best) {
                        best = v;
                    }
                }
                out[o * inner + i] = best;
            }
        }
        int[] kept = Shapes.reduce(x.shape, a, true);
        return Tensor.result(out, Shapes.reduce(x.shape, a, keepDim), op, new Tensor[] {x}, (g, r) -> {
            Tensor attained = x.eq(Tensor.constant(r.data, kept));
            Tensor share = attained.div(attained.sum(a, true));
            return new Tensor[] {g.reshape(kept).mul(share)};
        }, args -> extreme(args[0], axis, keepDim, largest));
    }

    static int[] argmax(Tensor x, int axis) {
        int a = Shapes.axis("argmax", axis, x.shape.length);
        int length = x.shape[a];
        int outer = Shapes.outer(x.shape, a);
        int inner = Shapes.inner(x.shape, a);
        int[] out = new int[outer * inner];
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                int best = 0;
                for (int j = 1; j < length; j++) {
                    if (x.data[(o * length + j) * inner + i] > x.data[(o * length + best) * inner + i]) {
                        best = j;
                    }
                }
                out[o * inner + i] = best;
            }
        }
        return out;
    }
}
