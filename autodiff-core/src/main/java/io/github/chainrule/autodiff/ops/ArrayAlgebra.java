package io.github.chainrule.autodiff.ops;

/**
 * Derivative expressions evaluated on whole arrays of doubles, one loop per operation: how a
 * partial (or its {@link Expr#derivative}) is computed for every element of a tensor at once
 * without building graph nodes. Operands hold one value per element, or a single value that
 * stands for every element (a constant); nothing here records or carries a tangent.
 *
 * <p>Each operation computes exactly what its op record's forward computes on each element
 * (or the algebra's documented meaning, for {@link #step}, {@link #where} and {@link #mulSafe}).
 */
public final class ArrayAlgebra implements Algebra<double[]> {
    /** The one instance; it holds no state. */
    public static final ArrayAlgebra INSTANCE = new ArrayAlgebra();

    private ArrayAlgebra() {
    }

    /** The length of a result of a and b: one of them may be a single broadcast value. */
    private static int length(double[] a, double[] b) {
        if (a.length != b.length && a.length != 1 && b.length != 1) {
            throw new IllegalArgumentException("ArrayAlgebra: operands of " + a.length + " and " + b.length
                    + " values do not broadcast");
        }
        return Math.max(a.length, b.length);
    }

    @Override
    public double[] constant(double c) {
        return new double[] {c};
    }

    @Override
    public double[] step(Expr.Step step, double[] x, double[] y, double[] out) {
        int n = Math.max(Math.max(x.length, out.length), y == null ? 1 : y.length);
        int sx = x.length == 1 ? 0 : 1;
        int sy = y == null || y.length == 1 ? 0 : 1;
        int so = out.length == 1 ? 0 : 1;
        double[] result = new double[n];
        for (int i = 0; i < n; i++) {
            result[i] = step.at(x[i * sx], y == null ? 0 : y[i * sy], out[i * so]);
        }
        return result;
    }

    @Override
    public double[] add(double[] a, double[] b) {
        int n = length(a, b);
        int sa = a.length == 1 ? 0 : 1;
        int sb = b.length == 1 ? 0 : 1;
        double[] r = new double[n];
        for (int i = 0; i < n; i++) {
            r[i] = a[i * sa] + b[i * sb];
        }
        return r;
    }

    @Override
    public double[] sub(double[] a, double[] b) {
        int n = length(a, b);
        int sa = a.length == 1 ? 0 : 1;
        int sb = b.length == 1 ? 0 : 1;
        double[] r = new double[n];
        for (int i = 0; i < n; i++) {
            r[i] = a[i * sa] - b[i * sb];
        }
        return r;
    }

    @Override
    public double[] mul(double[] a, double[] b) {
        int n = length(a, b);
        int sa = a.length == 1 ? 0 : 1;
        int sb = b.length == 1 ? 0 : 1;
        double[] r = new double[n];
        for (int i = 0; i < n; i++) {
            r[i] = a[i * sa] * b[i * sb];
        }
        return r;
    }

    @Override
    public double[] mulSafe(double[] a, double[] b) {
        int n = length(a, b);
        int sa = a.length == 1 ? 0 : 1;
        int sb = b.length == 1 ? 0 : 1;
        double[] r = new double[n];
        for (int i = 0; i < n; i++) {
            r[i] = Elementary.mulSafe(a[i * sa], b[i * sb]);
        }
        return r;
    }

    @Override
    public double[] div(double[] a, double[] b) {
        int n = length(a, b);
        int sa = a.length == 1 ? 0 : 1;
        int sb = b.length == 1 ? 0 : 1;
        double[] r = new double[n];
        for (int i = 0; i < n; i++) {
            r[i] = a[i * sa] / b[i * sb];
        }
        return r;
    }

    @Override
    public double[] neg(double[] a) {
        double[] r = new double[a.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = -a[i];
        }
        return r;
    }

    @Override
    public double[] square(double[] a) {
        double[] r = new double[a.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = a[i] * a[i];
        }
        return r;
    }

    @Override
    public double[] exp(double[] a) {
        double[] r = new double[a.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = Math.exp(a[i]);
        }
        return r;
    }

    @Override
    public double[] log(double[] a) {
        double[] r = new double[a.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = Math.log(a[i]);
        }
        return r;
    }

    @Override
    public double[] sin(double[] a) {
        double[] r = new double[a.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = Math.sin(a[i]);
        }
        return r;
    }

    @Override
    public double[] cos(double[] a) {
        double[] r = new double[a.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = Math.cos(a[i]);
        }
        return r;
    }

    @Override
    public double[] sigmoid(double[] a) {
        double[] r = new double[a.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = Elementary.sigmoid(a[i]);
        }
        return r;
    }

    @Override
    public double[] pow(double[] a, double p) {
        double[] r = new double[a.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = Math.pow(a[i], p);
        }
        return r;
    }

    @Override
    public double[] pow(double[] a, double[] b) {
        int n = length(a, b);
        int sa = a.length == 1 ? 0 : 1;
        int sb = b.length == 1 ? 0 : 1;
        double[] r = new double[n];
        for (int i = 0; i < n; i++) {
            r[i] = Math.pow(a[i * sa], b[i * sb]);
        }
        return r;
    }

    @Override
    public double[] apply(ElementwiseOp op, double[] a) {
        ElementwiseOp.Forward f = op.forward();
        double[] r = new double[a.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = f.apply(a[i], 0);
        }
        return r;
    }

    @Override
    public double[] where(double[] mask, double[] a, double[] b) {
        int n = Math.max(mask.length, length(a, b));
        int sm = mask.length == 1 ? 0 : 1;
        int sa = a.length == 1 ? 0 : 1;
        int sb = b.length == 1 ? 0 : 1;
        double[] r = new double[n];
        for (int i = 0; i < n; i++) {
            r[i] = mask[i * sm] != 0 ? a[i * sa] : b[i * sb];
        }
        return r;
    }
}
