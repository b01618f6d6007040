package io.github.chainrule.autodiff.ops;

import static io.github.chainrule.autodiff.catalogue.Domain.POSITIVE;
import static io.github.chainrule.autodiff.catalogue.Domain.REAL;
import static io.github.chainrule.autodiff.ops.Expr.out;
import static io.github.chainrule.autodiff.ops.Expr.x;

/** Exponentials, logarithms, roots and the error function. */
public final class ExponentialOps {
    private ExponentialOps() {
    }

    /** eˣ; derivative eˣ (the output). */
    public static final ElementwiseOp EXP = ElementwiseOp.unary("exp", (x, y) -> Math.exp(x))
            .partials(out())
            .nonFinitePartials("the derivative overflows to +∞ with the value (x > 709.78); a zero gradient gives 0")
            .domains(REAL).singularAt(800).build();

    /** ln x; derivative 1/x. ln 0 = −∞ with derivative +∞; NaN for x &lt; 0. */
    public static final ElementwiseOp LOG = ElementwiseOp.unary("log", (x, y) -> Math.log(x))
            .partials(x().reciprocal())
            .nonFinitePartials("at x = 0 the derivative is +∞ (value −∞); a zero gradient gives 0")
            .domains(POSITIVE).singularAt(0, -1).build();

    /** √x; derivative 1/(2√x), +∞ at 0 (no subgradient is substituted). */
    public static final ElementwiseOp SQRT = ElementwiseOp.unary("sqrt", (x, y) -> Math.sqrt(x))
            .partials(out().times(2).reciprocal())
            .nonFinitePartials("at x = 0 the derivative is +∞; a zero gradient gives 0")
            .domains(POSITIVE).singularAt(0, -1).build();

    /** ln(1 + x), accurate for tiny x; derivative 1/(1 + x), +∞ at x = −1. */
    public static final ElementwiseOp LOG1P = ElementwiseOp.unary("log1p", (x, y) -> Math.log1p(x))
            .partials(x().plus(1).reciprocal())
            .nonFinitePartials("at x = −1 the derivative is +∞ (value −∞); a zero gradient gives 0")
            .domains(POSITIVE).singularAt(-1, -2).build();

    /** eˣ − 1, accurate for tiny x; derivative eˣ = out + 1. */
    public static final ElementwiseOp EXPM1 = ElementwiseOp.unary("expm1", (x, y) -> Math.expm1(x))
            .partials(out().plus(1))
            .nonFinitePartials("the derivative overflows to +∞ with the value (x > 709.78); a zero gradient gives 0")
            .domains(REAL).singularAt(800).build();

    /** erf x = 2/√π ∫₀ˣ e^(−t²) dt; derivative 2/√π·e^(−x²). */
    public static final ElementwiseOp ERF = ElementwiseOp.unary("erf", (x, y) -> Elementary.erf(x))
            .partials(x().square().neg().exp().times(Elementary.twoOverSqrtPi()))
            .domains(REAL).build();
}
