package io.github.chainrule.autodiff;

import io.github.chainrule.autodiff.ops.Algebra;
import io.github.chainrule.autodiff.ops.ElementwiseOp;
import io.github.chainrule.autodiff.ops.Expr;

/** Derivative expressions evaluated with the scalar graph's own differentiable operations. */
final class ScalarAlgebra implements Algebra<Scalar> {
    static final ScalarAlgebra INSTANCE = new ScalarAlgebra();

    private ScalarAlgebra() {
    }

    @Override
    public Scalar constant(double c) {
        return Scalar.constant(c);
    }

    @Override
    public Scalar step(Expr.Step step, Scalar x, Scalar y, Scalar out) {
        return Scalar.constant(step.at(x.value(), y == null ? 0 : y.value(), out.value()));
    }

    @Override
    public Scalar add(Scalar a, Scalar b) {
        return a.add(b);
    }

    @Override
    public Scalar sub(Scalar a, Scalar b) {
        return a.sub(b);
    }

    @Override
    public Scalar mul(Scalar a, Scalar b) {
        return a.mul(b);
    }

    @Override
    public Scalar mulSafe(Scalar a, Scalar b) {
        return a.mulSafe(b);
    }

    @Override
    public Scalar div(Scalar a, Scalar b) {
        return a.div(b);
    }

    @Override
    public Scalar neg(Scalar a) {
        return a.neg();
    }

    @Override
    public Scalar square(Scalar a) {
        return a.square();
    }

    @Override
    public Scalar exp(Scalar a) {
        return a.exp();
    }

    @Override
    public Scalar log(Scalar a) {
        return a.log();
    }

    @Override
    public Scalar sin(Scalar a) {
        return a.sin();
    }

    @Override
    public Scalar cos(Scalar a) {
        return a.cos();
    }

    @Override
    public Scalar sigmoid(Scalar a) {
        return a.sigmoid();
    }

    @Override
    public Scalar pow(Scalar a, double p) {
        return a.pow(p);
    }

    @Override
    public Scalar pow(Scalar a, Scalar b) {
        return a.pow(b);
    }

    @Override
    public Scalar apply(ElementwiseOp op, Scalar a) {
        return Scalar.apply(op, a);
    }

    @Override
    public Scalar where(Scalar mask, Scalar a, Scalar b) {
        return mask.value() != 0 ? a : b;
    }
}
