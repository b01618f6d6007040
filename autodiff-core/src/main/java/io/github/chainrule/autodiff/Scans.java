package io.github.chainrule.autodiff;

/** Running sums along an axis; the derivative is the running sum taken from the other end. */
final class Scans {
    private Scans() {
    }

    static Tensor cumsum(Tensor x, int axis) {
        int a = Shapes.axis("cumsum", axis, x.shape.length);
        int length = x.shape[a];
        int outer = Shapes.outer(x.shape, a);
        int inner = Shapes.inner(x.shape, a);
        double[] out = new double[x.data.length];
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                double total = 0;
                for (int j = 0; j < length; j++) {
                    int at = (o * length + j) * inner + i;
                    total += x.data[at];
                    out[at] = total;
                }
            }
        }
        return Tensor.linearResult(out, x.shape, "cumsum", new Tensor[] {x},
                (g, r) -> new Tensor[] {g.flip(a).cumsum(a).flip(a)}, args -> cumsum(args[0], axis));
    }
}
