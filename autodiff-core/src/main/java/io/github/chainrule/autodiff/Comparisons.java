package io.github.chainrule.autodiff;

/** Comparisons (constant 0/1 results, never carrying a gradient) and {@code where}. */
final class Comparisons {
    private Comparisons() {
    }

    /** A test of two doubles. */
    @FunctionalInterface
    interface Test {
        boolean holds(double a, double b);
    }

    static Tensor compare(String op, Tensor a, Tensor b, Test test) {
        int[] outShape = Shapes.broadcast(op, a.shape, b.shape);
        return Tensor.constant(Arithmetic.zip(op, a, b, outShape, (x, y) -> test.holds(x, y) ? 1 : 0), outShape);
    }

    static Tensor where(Tensor condition, Tensor a, Tensor b) {
        int[] outShape = Shapes.broadcast("where", Shapes.broadcast("where", condition.shape, a.shape), b.shape);
        double[] c = StridedWalk.broadcast(condition.data, condition.shape, outShape);
        double[] x = StridedWalk.broadcast(a.data, a.shape, outShape);
        double[] y = StridedWalk.broadcast(b.data, b.shape, outShape);
        double[] out = new double[c.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = c[i] != 0 ? x[i] : y[i];
        }
        Tensor mask = Tensor.constant(c, outShape);
        return Tensor.result(out, outShape, "where", new Tensor[] {a, b}, (g, result) -> {
            Tensor zero = Tensor.scalar(0);
            return new Tensor[] {
                a.needsGrad() ? where(mask, g, zero) : null,
                b.needsGrad() ? where(mask, zero, g) : null};
        }, args -> where(condition, args[0], args[1]), (result, tangents) -> where(mask,
                tangents[0] != null ? tangents[0] : Tensor.zeros(a.shape),
                tangents[1] != null ? tangents[1] : Tensor.zeros(b.shape)));
    }
}
