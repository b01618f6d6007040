package io.github.chainrule.autodiff;

import io.github.chainrule.autodiff.ops.Algebra;
import io.github.chainrule.autodiff.ops.ElementwiseOp;
import io.github.chainrule.autodiff.ops.Expr;
import java.util.Arrays;

/** Derivative expressions evaluated with the tensor graph's own differentiable operations. */
final class TensorAlgebra implements Algebra<Tensor> {
    static final TensorAlgebra INSTANCE = new TensorAlgebra();

    private TensorAlgebra() {
    }

    @Override
    public Tensor constant(double c) {
        return Tensor.scalar(c);
    }

    @Override
    public Tensor step(Expr.Step step, Tensor x, Tensor y, Tensor out) {
        int[] shape = out.shape;
        double[] xs = broadcast(x, shape);
        double[] ys = y == null ? null : broadcast(y, shape);
        double[] os = out.data;
        double[] values = new double[os.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = step.at(xs[i], ys == null ? 0 : ys[i], os[i]);
        }
        return Tensor.constant(values, shape);
    }

    private static double[] broadcast(Tensor t, int[] shape) {
        return Arrays.equals(t.shape, shape) ? t.data : StridedWalk.broadcast(t.data, t.shape, shape);
    }

    @Override
    public Tensor add(Tensor a, Tensor b) {
        return a.add(b);
    }

    @Override
    public Tensor sub(Tensor a, Tensor b) {
        return a.sub(b);
    }

    @Override
    public Tensor mul(Tensor a, Tensor b) {
        return a.mul(b);
    }

    @Override
    public Tensor mulSafe(Tensor a, Tensor b) {
        return Elementwise.mulSafe(a, b);
    }

    @Override
    public Tensor div(Tensor a, Tensor b) {
        return a.div(b);
    }

    @Override
    public Tensor neg(Tensor a) {
        return a.neg();
    }

    @Override
    public Tensor square(Tensor a) {
        return a.square();
    }

    @Override
    public Tensor exp(Tensor a) {
        return a.exp();
    }

    @Override
    public Tensor log(Tensor a) {
        return a.log();
    }

    @Override
    public Tensor sin(Tensor a) {
        return a.sin();
    }

    @Override
    public Tensor cos(Tensor a) {
        return a.cos();
    }

    @Override
    public Tensor sigmoid(Tensor a) {
        return a.sigmoid();
    }

    @Override
    public Tensor pow(Tensor a, double p) {
        return a.pow(p);
    }

    @Override
    public Tensor pow(Tensor a, Tensor b) {
        return a.pow(b);
    }

    @Override
    public Tensor apply(ElementwiseOp op, Tensor a) {
        return Tensor.apply(op, a);
    }

    @Override
    public Tensor where(Tensor mask, Tensor a, Tensor b) {
        return Tensor.where(mask, a, b);
    }
}
