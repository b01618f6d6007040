package io.github.chainrule.autodiff.ops;

import static io.github.chainrule.autodiff.catalogue.Domain.REAL;
import static io.github.chainrule.autodiff.ops.Expr.x;

/** Circular functions and their inverses. */
public final class TrigonometricOps {
    private TrigonometricOps() {
    }

    /** sin x; derivative cos x. */
    public static final ElementwiseOp SIN = ElementwiseOp.unary("sin", (x, y) -> Math.sin(x))
            .partials(x().cos()).domains(REAL).build();

    /** cos x; derivative −sin x. */
    public static final ElementwiseOp COS = ElementwiseOp.unary("cos", (x, y) -> Math.cos(x))
            .partials(x().sin().neg()).domains(REAL).build();

    /** atan x; derivative 1/(1 + x²). */
    public static final ElementwiseOp ATAN = ElementwiseOp.unary("atan", (x, y) -> Math.atan(x))
            .partials(x().square().plus(1).reciprocal()).domains(REAL).build();
}
