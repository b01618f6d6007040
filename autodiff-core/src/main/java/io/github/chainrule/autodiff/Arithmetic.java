package io.github.chainrule.autodiff;

import java.util.Arrays;
import java.util.function.DoubleBinaryOperator;

/**
 * Binary elementwise operations with NumPy broadcasting. Derivatives are returned in the
 * broadcast output shape; the engine sums them back to each input's shape.
 */
final class Arithmetic {
    private Arithmetic() {
    }

    /** f applied elementwise to the broadcast of a and b. */
    static double[] zip(String op, Tensor a, Tensor b, int[] outShape, DoubleBinaryOperator f) {
        double[] x = a.data;
        double[] y = b.data;
        double[] out = new double[Shapes.size(outShape)];
        if (Arrays.equals(a.shape, b.shape)) {
            for (int i = 0; i < out.length; i++) {
                out[i] = f.applyAsDouble(x[i], y[i]);
            }
        } else if (y.length == 1 && x.length == out.length) {
            double c = y[0];
            for (int i = 0; i < out.length; i++) {
                out[i] = f.applyAsDouble(x[i], c);
            }
        } else if (x.length == out.length && repeats(b.shape, outShape, y.length)) {
            for (int base = 0; base < out.length; base += y.length) {
                for (int j = 0; j < y.length; j++) {
                    out[base + j] = f.applyAsDouble(x[base + j], y[j]);
                }
            }
        } else if (y.length == out.length && repeats(a.shape, outShape, x.length)) {
            for (int base = 0; base < out.length; base += x.length) {
                for (int j = 0; j < x.length; j++) {
                    out[base + j] = f.applyAsDouble(x[j], y[base + j]);
                }
            }
        } else {
            StridedWalk wa = new StridedWalk(outShape, Shapes.broadcastStrides(a.shape, outShape));
            StridedWalk wb = new StridedWalk(outShape, Shapes.broadcastStrides(b.shape, outShape));
            for (int i = 0; i < out.length; i++, wa.next(), wb.next()) {
                out[i] = f.applyAsDouble(x[wa.offset()], y[wb.offset()]);
            }
        }
        return out;
    }

    /** True when a shape's data repeats back to back in the broadcast (e.g. a bias row). */
    private static boolean repeats(int[] shape, int[] outShape, int length) {
        return length > 0 && Shapes.repeatPeriod(shape, outShape) == length;
    }

    private static Tensor binary(String op, Tensor.Redo redo, Tensor a, Tensor b, DoubleBinaryOperator f,
                                 Tensor.Rule rule) {
        int[] outShape = Shapes.broadcast(op, a.shape, b.shape);
        return Tensor.result(zip(op, a, b, outShape, f), outShape, op, new Tensor[] {a, b}, rule, redo);
    }

    static Tensor add(Tensor a, Tensor b) {
        return binary("add", args -> add(args[0], args[1]), a, b, Double::sum, (g, out) -> new Tensor[] {g, g});
    }

    static Tensor sub(Tensor a, Tensor b) {
        return binary("sub",
                args -> sub(args[0], args[1]), a, b, (x, y) -> x - y, (g, out) -> new Tensor[] {g, b.needsGrad() ? g.neg() : null});
    }

    static Tensor mul(Tensor a, Tensor b) {
        return binary("mul", args -> mul(args[0], args[1]), a, b, (x, y) -> x * y, (g, out) -> new Tensor[] {
            a.needsGrad() ? mulSafe(g, b) : null,
            b.needsGrad() ? mulSafe(g, a) : null});
    }

    static Tensor div(Tensor a, Tensor b) {
        return binary("div", args -> div(args[0], args[1]), a, b, (x, y) -> x / y, (g, out) -> new Tensor[] {
            a.needsGrad() ? mulSafe(g, reciprocal(b)) : null,
            b.needsGrad() ? mulSafe(g, out.div(b)).neg() : null});
    }

    /**
     * ∂/∂a = b·a^(b−1) (0 where b = 0, even at a = 0); ∂/∂b = aᵇ·ln a, taken as 0 where a = 0
     * and NaN where a &lt; 0 (aᵇ has no real derivative in b there). That NaN reaches a gradient
     * only when the exponent requires grad and the upstream gradient is non-zero there.
     */
    static Tensor pow(Tensor a, Tensor b) {
        return binary("pow", args -> pow(args[0], args[1]), a, b, Math::pow, (g, out) -> new Tensor[] {
            a.needsGrad() ? mulSafe(mulSafe(g, b), a.pow(b.sub(1.0))) : null,
            b.needsGrad() ? mulSafe(mulSafe(g, out), safeLog(a)) : null});
    }

    /**
     * The product a derivative rule uses to scale an upstream gradient g by a local derivative
     * d: g·d, except that it is exactly 0 where g = 0 even when d is infinite or NaN.
     *
     * <p>Why: a zero upstream gradient means no path from the output depends on that element
     * (for instance the branch {@code where} did not take), so its contribution is 0 whatever
     * the local derivative is. Plain IEEE arithmetic would give 0·∞ = NaN and leak a NaN from
     * an unused branch, as {@code where(x > 0, sqrt(x), 0)} at x ≤ 0 does in PyTorch and JAX.
     * Where g ≠ 0 the result is exactly g·d, so a genuinely infinite derivative (sqrt at 0 with
     * a non-zero gradient) still shows. The rule is closed under differentiation:
     * ∂/∂g = mulSafe(h, d) and ∂/∂d = mulSafe(h, g).
     */
    static Tensor mulSafe(Tensor g, Tensor d) {
        return binary("mulSafe",
                args -> mulSafe(args[0], args[1]), g, d, (x, y) -> x == 0 && !Double.isFinite(y) ? 0.0 : x * y, (h, out) -> new Tensor[] {
            g.needsGrad() ? mulSafe(h, d) : null,
            d.needsGrad() ? mulSafe(h, g) : null});
    }

    /** 1/x as a graph operation (its own derivative −1/x² is then zero-safe as well). */
    static Tensor reciprocal(Tensor x) {
        return Tensor.scalar(1.0).div(x);
    }

    /**
     * ln a where a > 0, and 0 where a = 0: there aᵇ·ln a → 0 for b > 0, so the exponent's
     * derivative is 0 rather than the NaN of 0·(−∞).
     */
    private static Tensor safeLog(Tensor a) {
        Tensor isZero = a.eq(Tensor.scalar(0));
        return Tensor.where(isZero, Tensor.scalar(0), Tensor.where(isZero, Tensor.scalar(1), a).log());
    }

    static Tensor maximum(Tensor a, Tensor b) {
        return extreme("maximum",
                args -> maximum(args[0], args[1]), a, b, Math::max, (x, y) -> x > y ? 1 : x < y ? 0 : 0.5);
    }

    static Tensor minimum(Tensor a, Tensor b) {
        return extreme("minimum",
                args -> minimum(args[0], args[1]), a, b, Math::min, (x, y) -> x < y ? 1 : x > y ? 0 : 0.5);
    }

    /** max/min: the gradient goes to the chosen input, half to each on a tie. */
    private static Tensor extreme(String op, Tensor.Redo redo, Tensor a, Tensor b, DoubleBinaryOperator f,
                                  DoubleBinaryOperator shareOfA) {
        int[] outShape = Shapes.broadcast(op, a.shape, b.shape);
        return Tensor.result(zip(op, a, b, outShape, f), outShape, op, new Tensor[] {a, b}, (g, out) -> {
            Tensor share = Tensor.constant(zip(op, a, b, outShape, shareOfA), outShape);
            return new Tensor[] {g.mul(share), g.mul(share.rsub(1))};
        }, redo);
    }
}
