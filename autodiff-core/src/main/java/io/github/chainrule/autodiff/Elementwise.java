package io.github.chainrule.autodiff;

import java.util.function.DoubleUnaryOperator;

/**
 * Elementwise operations of one tensor: each forward loop sits next to its derivative, and
 * each derivative is written with tensor operations so that it can be differentiated again.
 * Derivatives that can be infinite or NaN on some inputs (exp, log, sqrt, pow) scale the
 * upstream gradient with {@link Arithmetic#mulSafe}, so a zero gradient stays exactly zero.
 */
final class Elementwise {
    private Elementwise() {
    }

    private static double[] map(Tensor x, DoubleUnaryOperator f) {
        double[] in = x.data;
        double[] out = new double[in.length];
        for (int i = 0; i < in.length; i++) {
            out[i] = f.applyAsDouble(in[i]);
        }
        return out;
    }

    private static Tensor unary(String op, Tensor.Redo redo, Tensor x, double[] values, Tensor.Rule rule) {
        return Tensor.result(values, x.shape, op, new Tensor[] {x}, rule, redo);
    }

    private static Tensor[] one(Tensor gradient) {
        return new Tensor[] {gradient};
    }

    /**
     * x·c as a dedicated loop: neg and scale are on every backward path (means, learning
     * rates, subtraction), and a plain multiply loop is one the JIT vectorises.
     */
    private static double[] times(Tensor x, double c) {
        double[] in = x.data;
        double[] out = new double[in.length];
        for (int i = 0; i < in.length; i++) {
            out[i] = in[i] * c;
        }
        return out;
    }

    static Tensor neg(Tensor x) {
        return unary("neg", args -> neg(args[0]), x, times(x, -1), (g, out) -> one(g.neg()));
    }

    static Tensor exp(Tensor x) {
        return unary("exp", args -> exp(args[0]), x, map(x, Math::exp), (g, out) -> one(Arithmetic.mulSafe(g, out)));
    }

    static Tensor log(Tensor x) {
        return unary("log", args -> log(args[0]), x, map(x, Math::log),
                (g, out) -> one(Arithmetic.mulSafe(g, Arithmetic.reciprocal(x))));
    }

    static Tensor sqrt(Tensor x) {
        return unary("sqrt", args -> sqrt(args[0]), x, map(x, Math::sqrt),
                (g, out) -> one(Arithmetic.mulSafe(g, Arithmetic.reciprocal(out.mul(2)))));
    }

    static Tensor abs(Tensor x) {
        return unary("abs", args -> abs(args[0]), x, map(x, Math::abs), (g, out) -> one(g.mul(sign(x))));
    }

    static Tensor tanh(Tensor x) {
        return unary("tanh",
                args -> tanh(args[0]), x, map(x, Math::tanh), (g, out) -> one(g.mul(out.square().rsub(1))));
    }

    static Tensor sigmoid(Tensor x) {
        return unary("sigmoid",
                args -> sigmoid(args[0]), x, map(x, Functions::sigmoid), (g, out) -> one(g.mul(out.mul(out.rsub(1)))));
    }

    static Tensor relu(Tensor x) {
        double[] in = x.data;
        double[] values = new double[in.length];
        for (int i = 0; i < in.length; i++) {
            // Math.max, not a comparison: branch-free (a sign test mispredicts half the time
            // on activations) and vectorised; NaN propagates, as in Scalar.relu and PyTorch.
            values[i] = Math.max(in[i], 0);
        }
        return unary("relu", args -> relu(args[0]), x, values, (g, out) -> one(passWherePositive(g, x)));
    }

    /**
     * g ⊙ [x > 0]: relu's derivative applied to g in one pass, without building the 0/1 mask
     * as a tensor first (a whole activation-sized array per relu per step). It is linear in g
     * with x a constant, so its own derivative is itself with the same x.
     */
    static Tensor passWherePositive(Tensor g, Tensor x) {
        double[] gv = g.data;
        double[] xv = x.data;
        if (gv.length != xv.length) {
            // Only reachable with a broadcast gradient; the general product handles it.
            return g.mul(positiveMask(x));
        }
        double[] out = new double[gv.length];
        for (int i = 0; i < gv.length; i++) {
            out[i] = xv[i] > 0 ? gv[i] : 0;
        }
        return unary("reluBackward",
                args -> passWherePositive(args[0], x), g, out, (gg, o) -> one(passWherePositive(gg, x)));
    }

    static Tensor leakyRelu(Tensor x, double slope) {
        return unary("leakyRelu", args -> leakyRelu(args[0], slope), x, map(x, v -> v > 0 ? v : slope * v),
                (g, out) -> one(g.mul(Tensor.constant(map(x, v -> v > 0 ? 1 : slope), x.shape))));
    }

    static Tensor softplus(Tensor x) {
        return unary("softplus",
                args -> softplus(args[0]), x, map(x, Functions::softplus), (g, out) -> one(g.mul(x.sigmoid())));
    }

    static Tensor sin(Tensor x) {
        return unary("sin", args -> sin(args[0]), x, map(x, Math::sin), (g, out) -> one(g.mul(x.cos())));
    }

    static Tensor cos(Tensor x) {
        return unary("cos", args -> cos(args[0]), x, map(x, Math::cos), (g, out) -> one(g.mul(x.sin()).neg()));
    }

    static Tensor square(Tensor x) {
        return unary("square", args -> square(args[0]), x, map(x, v -> v * v), (g, out) -> one(g.mul(x).mul(2)));
    }

    static Tensor pow(Tensor x, double p) {
        if (p == 1) {
            return unary("pow", args -> pow(args[0], p), x, x.data.clone(), (g, out) -> one(g));
        }
        return unary("pow", args -> pow(args[0], p), x, map(x, v -> Math.pow(v, p)),
                (g, out) -> one(p == 0 ? g.zerosLike() : Arithmetic.mulSafe(g, x.pow(p - 1)).mul(p)));
    }

    static Tensor clamp(Tensor x, double lo, double hi) {
        if (!(lo <= hi)) {
            throw new IllegalArgumentException("clamp: lower bound " + lo + " exceeds upper bound " + hi);
        }
        return unary("clamp", args -> clamp(args[0], lo, hi), x, map(x, v -> Math.min(Math.max(v, lo), hi)),
                (g, out) -> one(g.mul(Tensor.constant(map(x, v -> v >= lo && v <= hi ? 1 : 0), x.shape))));
    }

    static Tensor addConstant(Tensor x, double c) {
        double[] in = x.data;
        double[] out = new double[in.length];
        for (int i = 0; i < in.length; i++) {
            out[i] = in[i] + c;
        }
        return unary("addConstant", args -> addConstant(args[0], c), x, out, (g, o) -> one(g));
    }

    static Tensor scale(Tensor x, double c) {
        return unary("scale", args -> scale(args[0], c), x, times(x, c), (g, out) -> one(g.mul(c)));
    }

    /** sign(x) as a constant: the derivative of |x|, 0 at 0. */
    private static Tensor sign(Tensor x) {
        return Tensor.constant(map(x, Math::signum), x.shape);
    }

    /** 1 where x > 0, else 0, as a constant: the derivative of relu. */
    private static Tensor positiveMask(Tensor x) {
        return Tensor.constant(map(x, v -> v > 0 ? 1 : 0), x.shape);
    }
}
