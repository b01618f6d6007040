package io.github.chainrule.autodiff.ops;

import static io.github.chainrule.autodiff.catalogue.Domain.AWAY_FROM_ZERO;
import static io.github.chainrule.autodiff.catalogue.Domain.POSITIVE;
import static io.github.chainrule.autodiff.catalogue.Domain.REAL;
import static io.github.chainrule.autodiff.ops.Expr.MINUS_ONE;
import static io.github.chainrule.autodiff.ops.Expr.ONE;
import static io.github.chainrule.autodiff.ops.Expr.ZERO;
import static io.github.chainrule.autodiff.ops.Expr.constant;
import static io.github.chainrule.autodiff.ops.Expr.out;
import static io.github.chainrule.autodiff.ops.Expr.step;
import static io.github.chainrule.autodiff.ops.Expr.x;
import static io.github.chainrule.autodiff.ops.Expr.y;

/** Arithmetic: sums, products, quotients and powers, and their forms with a constant operand. */
public final class ArithmeticOps {
    private ArithmeticOps() {
    }

    /** a + b; ∂/∂a = ∂/∂b = 1. */
    public static final ElementwiseOp ADD = ElementwiseOp.binary("add", Double::sum)
            .partials(ONE, ONE).domains(REAL, REAL).build();

    /** a − b; ∂/∂a = 1, ∂/∂b = −1. */
    public static final ElementwiseOp SUB = ElementwiseOp.binary("sub", (a, b) -> a - b)
            .partials(ONE, MINUS_ONE).domains(REAL, REAL).build();

    /** a · b; ∂/∂a = b, ∂/∂b = a. */
    public static final ElementwiseOp MUL = ElementwiseOp.binary("mul", (a, b) -> a * b)
            .partials(y(), x())
            .nonFinitePartials("each partial is the other operand: infinite where it is, and a zero gradient "
                    + "still gives exactly 0 there")
            .domains(REAL, REAL).singularPairs(new double[] {0, Double.POSITIVE_INFINITY}).build();

    /** a / b; ∂/∂a = 1/b, ∂/∂b = −a/b² = −out/b. */
    public static final ElementwiseOp DIV = ElementwiseOp.binary("div", (a, b) -> a / b)
            .partials(y().reciprocal(), out().over(y()).neg())
            .nonFinitePartials("at b = 0 both partials are infinite (or NaN for 0/0); a zero gradient gives 0")
            .domains(REAL, AWAY_FROM_ZERO).singularPairs(new double[] {1, 0}, new double[] {0, 0}).build();

    /** −x; derivative −1. */
    public static final ElementwiseOp NEG = ElementwiseOp.unary("neg", (x, y) -> -x)
            .partials(MINUS_ONE).domains(REAL).build();

    /** x²; derivative 2x. */
    public static final ElementwiseOp SQUARE = ElementwiseOp.unary("square", (x, y) -> x * x)
            .partials(x().times(2)).domains(REAL).build();

    private static final Expr A_IS_ZERO = step((a, b, out) -> a == 0 ? 1 : 0);

    /**
     * aᵇ; ∂/∂a = b·a^(b−1) (0 where b = 0, even at a = 0), ∂/∂b = aᵇ·ln a, taken as 0 where
     * a = 0 (the limit for b &gt; 0) and NaN where a &lt; 0 (no real derivative in b there).
     */
    public static final ElementwiseOp POW = ElementwiseOp.binary("pow", Math::pow)
            .partials(y().timesSafe(x().pow(y().minus(ONE))),
                    out().timesSafe(Expr.where(A_IS_ZERO, ZERO, Expr.where(A_IS_ZERO, ONE, x()).log())))
            .nonFinitePartials("∂/∂a is infinite at a = 0 for b < 1 (0 where b = 0); ∂/∂b is 0 at a = 0 and "
                    + "NaN for a < 0; a zero gradient gives 0")
            .domains(POSITIVE, REAL)
            .singularPairs(new double[] {0, 2}, new double[] {0, 0}, new double[] {0, 0.5}, new double[] {-1, 0.5})
            .build();

    /**
     * The zero-safe product g·d, exactly 0 where g = 0 whatever d is: how derivative rules
     * scale a gradient by a partial that may be infinite. Closed under differentiation:
     * ∂/∂g = d and ∂/∂d = g, both applied zero-safely.
     */
    public static final ElementwiseOp MUL_SAFE = ElementwiseOp.binary("mulSafe", Elementary::mulSafe)
            .partials(y(), x())
            .nonFinitePartials("∂/∂g = d may be infinite; applied zero-safely like every such partial")
            .zeroWhereOperandIsZero(0)
            .domains(REAL, REAL).singularPairs(new double[] {0, Double.POSITIVE_INFINITY}).build();

    /** x + c for a constant c; derivative 1. */
    public static ElementwiseOp addConstant(double c) {
        return ElementwiseOp.unary("addConstant", (x, y) -> x + c).method("add", c)
                .partials(ONE).domains(REAL).build();
    }

    /** c·x for a constant c; derivative c. */
    public static ElementwiseOp scale(double c) {
        return ElementwiseOp.unary("scale", (x, y) -> x * c).method("mul", c)
                .partials(constant(c)).domains(REAL).build();
    }

    /**
     * xᵖ for a constant p; derivative p·x^(p−1): 0 at x = 0 for p &gt; 1 and p = 0, 1 for p = 1,
     * and +∞ (or NaN for negative non-integer p) for p &lt; 1, as mathematically.
     */
    public static ElementwiseOp powConstant(double p) {
        Expr partial = p == 0 ? ZERO : p == 1 ? ONE : constant(p).times(x().pow(p - 1));
        return ElementwiseOp.unary("pow", (x, y) -> Math.pow(x, p)).method("pow", p)
                .partials(partial)
                .nonFinitePartials("for p < 1 the derivative is infinite at x = 0; a zero gradient gives 0")
                .domains(POSITIVE).singularAt(0, -1).build();
    }
}
