package io.github.chainrule.autodiff.ops;

import static io.github.chainrule.autodiff.catalogue.Domain.AWAY_FROM_ZERO;
import static io.github.chainrule.autodiff.catalogue.Domain.REAL;
import static io.github.chainrule.autodiff.ops.Expr.step;

/** Operations made of pieces: absolute value, clamping, elementwise maximum and minimum. */
public final class PiecewiseOps {
    private PiecewiseOps() {
    }

    /** |x|; derivative sign(x), 0 at x = 0 (a subgradient, as PyTorch and JAX) and at NaN (as PyTorch). */
    public static final ElementwiseOp ABS = ElementwiseOp.unary("abs", (x, y) -> Math.abs(x))
            .partials(step((x, y, out) -> x > 0 ? 1 : x < 0 ? -1 : 0))
            .kinks("0 at the kink x = 0, as PyTorch").domains(AWAY_FROM_ZERO).singularAt(0).build();

    /**
     * max(a, b); the gradient goes to the larger operand and is split in half on a tie (the
     * average of the one-sided derivatives). A NaN operand makes the value NaN and passes the
     * whole gradient to both operands, as PyTorch's {@code maximum} does.
     */
    public static final ElementwiseOp MAXIMUM = ElementwiseOp.binary("maximum", Math::max)
            .partials(step((a, b, out) -> a == b ? 0.5 : a < b ? 0 : 1),
                    step((a, b, out) -> a == b ? 0.5 : a > b ? 0 : 1))
            .kinks("half to each operand on a tie; with a NaN operand the whole gradient to each, as PyTorch")
            .domains(REAL, REAL).distinct()
            .singularPairs(new double[] {1, 1}, new double[] {Double.NaN, 1}, new double[] {1, Double.NaN}).build();

    /** min(a, b); as {@link #MAXIMUM} with the smaller operand chosen. */
    public static final ElementwiseOp MINIMUM = ElementwiseOp.binary("minimum", Math::min)
            .partials(step((a, b, out) -> a == b ? 0.5 : a > b ? 0 : 1),
                    step((a, b, out) -> a == b ? 0.5 : a < b ? 0 : 1))
            .kinks("half to each operand on a tie; with a NaN operand the whole gradient to each, as PyTorch")
            .domains(REAL, REAL).distinct()
            .singularPairs(new double[] {1, 1}, new double[] {Double.NaN, 1}, new double[] {1, Double.NaN}).build();

    /**
     * x limited to [lo, hi]; derivative 1 inside the interval (bounds included), 0 outside and
     * at NaN, as PyTorch.
     */
    public static ElementwiseOp clamp(double lo, double hi) {
        if (!(lo <= hi)) {
            throw new IllegalArgumentException("clamp: lower bound " + lo + " exceeds upper bound " + hi);
        }
        return ElementwiseOp.unary("clamp", (x, y) -> Math.min(Math.max(x, lo), hi)).method("clamp", lo, hi)
                .partials(step((x, y, out) -> x >= lo && x <= hi ? 1 : 0))
                .kinks("1 at the bounds themselves, as PyTorch").domains(AWAY_FROM_ZERO).singularAt(lo, hi).build();
    }

    /**
     * sign(x): −1, 0 or 1 (NaN at NaN); derivative 0 everywhere, the jump at 0 included, as
     * PyTorch (no gradient passes through a sign).
     */
    public static final ElementwiseOp SIGN = ElementwiseOp.unary("sign", (x, y) -> Math.signum(x))
            .partials(Expr.ZERO)
            .kinks("0 everywhere, at the jump x = 0 and at NaN too, as PyTorch").domains(AWAY_FROM_ZERO)
            .singularAt(0, Double.NaN).build();
}

