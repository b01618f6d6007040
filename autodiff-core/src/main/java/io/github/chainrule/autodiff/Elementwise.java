package io.github.chainrule.autodiff;

import io.github.chainrule.autodiff.engine.GradMode;
import io.github.chainrule.autodiff.ops.ActivationOps;
import io.github.chainrule.autodiff.ops.ArithmeticOps;
import io.github.chainrule.autodiff.ops.ArrayAlgebra;
import io.github.chainrule.autodiff.ops.Elementary;
import io.github.chainrule.autodiff.ops.ElementwiseOp;
import io.github.chainrule.autodiff.ops.Expr;
import java.util.Arrays;

/**
 * The tensor graph's side of the elementwise op records: the forward loop over a record's
 * {@link ElementwiseOp#forward}, and the vector-Jacobian product g·∂out/∂in_k derived from its
 * partials. A partial is used in one of three ways:
 * <ul>
 *   <li>an exact constant 1, −1 or 0: the gradient passes, negated, or not at all;</li>
 *   <li>piecewise constant (a mask, a sign): one fused pass g[i]·d[i], itself linear in g;</li>
 *   <li>smooth: when nothing records (a first-order sweep), one fused pass on doubles; when
 *       nothing records but the operands carry tangents at one forward level (the backward
 *       sweep of forward-over-reverse), value and tangent in one pass, the tangent from the
 *       partial's own derivative; when the backward pass is recorded, the partial as tensor
 *       operations, so that it can be differentiated again.</li>
 * </ul>
 * The record says whether a partial can be ±∞ or NaN; the product is then the zero-safe one.
 */
final class Elementwise {
    private Elementwise() {
    }

    /** {@code op} applied to one tensor. */
    static Tensor apply(ElementwiseOp op, Tensor x) {
        requireArity(op, 1);
        double[] out = forwardValues(op, x.data);
        Tensor[] inputs = {x};
        return Tensor.result(out, x.shape, op.name(), inputs, (g, result) -> vjp(op, g, result, inputs),
                args -> apply(op, args[0]), (result, tangents) -> jvp(op, result, inputs, tangents));
    }

    /**
     * The record's forward over every element. relu, neg and the constant scale and shift are
     * on every training step's path (activations, means, learning rates), so they get loops of
     * their own that the JIT vectorises; a loop calling a record's forward through its
     * interface is not. Each computes exactly the record's expression.
     */
    private static double[] forwardValues(ElementwiseOp op, double[] in) {
        double[] out = new double[in.length];
        if (op == ActivationOps.RELU) {
            for (int i = 0; i < in.length; i++) {
                out[i] = Math.max(in[i], 0);
            }
        } else if (op == ArithmeticOps.NEG) {
            for (int i = 0; i < in.length; i++) {
                out[i] = -in[i];
            }
        } else if (op.name().equals("scale")) {
            double c = op.params()[0];
            for (int i = 0; i < in.length; i++) {
                out[i] = in[i] * c;
            }
        } else if (op.name().equals("addConstant")) {
            double c = op.params()[0];
            for (int i = 0; i < in.length; i++) {
                out[i] = in[i] + c;
            }
        } else {
            ElementwiseOp.Forward f = op.forward();
            for (int i = 0; i < in.length; i++) {
                out[i] = f.apply(in[i], 0);
            }
        }
        return out;
    }

    /** {@code op} applied to two tensors, broadcast. */
    static Tensor apply(ElementwiseOp op, Tensor a, Tensor b) {
        requireArity(op, 2);
        int[] outShape = Shapes.broadcast(op.name(), a.shape, b.shape);
        ElementwiseOp.Forward f = op.forward();
        double[] out = Arithmetic.zip(op.name(), a, b, outShape, f::apply);
        Tensor[] inputs = {a, b};
        return Tensor.result(out, outShape, op.name(), inputs, (g, result) -> vjp(op, g, result, inputs),
                args -> apply(op, args[0], args[1]), (result, tangents) -> jvp(op, result, inputs, tangents));
    }

    /** {@code op} applied to its one or two operands. */
    static Tensor applyAll(ElementwiseOp op, Tensor[] operands) {
        requireArity(op, operands.length);
        return operands.length == 1 ? apply(op, operands[0]) : apply(op, operands[0], operands[1]);
    }

    private static void requireArity(ElementwiseOp op, int given) {
        if (op.arity() != given) {
            throw new IllegalArgumentException(op.name() + ": takes " + op.arity() + " operand"
                    + (op.arity() == 1 ? "" : "s") + ", got " + given);
        }
    }

    /** ∂L/∂in_k = g·∂out/∂in_k for each input, in the output's (broadcast) shape. */
    static Tensor[] vjp(ElementwiseOp op, Tensor g, Tensor out, Tensor[] inputs) {
        Tensor[] gradients = new Tensor[inputs.length];
        for (int k = 0; k < inputs.length; k++) {
            if (inputs[k].needsGrad()) {
                Tensor gradient = scaleByPartialOrGate(op, k, g, out, inputs);
                // A structurally zero partial (pow(x, 0)) still reaches the input, as in PyTorch.
                gradients[k] = gradient != null ? gradient : Tensor.zeros(inputs[k].shape);
            }
        }
        return gradients;
    }

    /** The forward-mode tangent Σ_k ∂out/∂in_k·ṫ_k (null tangents are zero), or null when zero. */
    static Tensor jvp(ElementwiseOp op, Tensor out, Tensor[] inputs, Tensor[] tangents) {
        Tensor sum = null;
        for (int k = 0; k < inputs.length; k++) {
            if (tangents[k] != null) {
                Tensor term = scaleByPartialOrGate(op, k, tangents[k], out, inputs);
                sum = term == null ? sum : sum == null ? term : sum.add(term);
            }
        }
        return sum;
    }

    /**
     * {@link #scaleByPartial}, kept 0 where the record's gate operand is 0 ({@link
     * ElementwiseOp#gate()}; the zero-safe product g·d is 0 wherever g is): sign(|gate|)·(v·∂),
     * zero-safe. The partial alone would give 0·∞ = NaN where the gate is 0 and v infinite (the
     * tangent of a partial at its singular point).
     */
    private static Tensor scaleByPartialOrGate(ElementwiseOp op, int k, Tensor v, Tensor out, Tensor[] inputs) {
        Tensor scaled = scaleByPartial(op, k, v, out, inputs);
        int gate = op.gate();
        return scaled == null || gate < 0 || gate == k ? scaled : mulSafe(inputs[gate].abs().sign(), scaled);
    }

    /**
     * v·∂out/∂in_k in the output's shape, or null when the partial is structurally 0: the one
     * product behind both the vector-Jacobian product (v = ∂L/∂out) and the forward-mode
     * tangent (v = the input's tangent).
     */
    static Tensor scaleByPartial(ElementwiseOp op, int k, Tensor v, Tensor out, Tensor[] inputs) {
        Expr partial = op.partial(k);
        double c = partial.constantValue();
        if (c == 0) {
            return null;
        }
        if (c == 1) {
            return v;
        }
        if (c == -1) {
            return v.neg();
        }
        if (partial.isPiecewiseConstant()) {
            return scaledBy(v, partial, out, inputs);
        }
        if (isPlain(v, out, inputs)) {
            double[] x = broadcastData(inputs[0], out.shape);
            double[] y = inputs.length > 1 ? broadcastData(inputs[1], out.shape) : x;
            double[] o = out.data;
            double[] w = broadcastData(v, out.shape);
            double[] product = new double[o.length];
            if (op.nonFinitePartials()) {
                for (int i = 0; i < o.length; i++) {
                    double wi = w[i];
                    double d = partial.value(x[i], y[i], o[i]);
                    product[i] = wi == 0 && !Double.isFinite(d) ? 0.0 : wi * d;
                }
            } else {
                for (int i = 0; i < o.length; i++) {
                    product[i] = w[i] * partial.value(x[i], y[i], o[i]);
                }
            }
            return Tensor.constant(product, out.shape);
        }
        long level = unrecordedSoleLevel(v, out, inputs);
        if (level != 0) {
            return productWithTangent(op, partial, v, out, inputs, level);
        }
        return productAsOperations(op, partial, v, out, inputs);
    }

    /** v·∂out/∂in_k as tensor operations, recorded and carrying tangents like any other. */
    static Tensor productAsOperations(ElementwiseOp op, Expr partial, Tensor v, Tensor out, Tensor[] inputs) {
        Tensor p = partial.eval(TensorAlgebra.INSTANCE, inputs[0], inputs.length > 1 ? inputs[1] : null, out);
        return op.nonFinitePartials() ? mulSafe(v, p) : v.mul(p);
    }

    /**
     * The level at which v·∂out/∂in_k may be computed with its tangent in one pass
     * ({@link Forward#soleTangentLevel}), provided that nothing records; 0 otherwise.
     */
    private static long unrecordedSoleLevel(Tensor v, Tensor out, Tensor[] inputs) {
        long level = Forward.soleTangentLevel(v, out, inputs);
        if (level == 0 || !GradMode.isEnabled()) {
            return level;
        }
        boolean records = needsGrad(v, level) || needsGrad(out, level);
        for (Tensor input : inputs) {
            records |= needsGrad(input, level);
        }
        return records ? 0 : level;
    }

    private static boolean needsGrad(Tensor t, long level) {
        Tensor tangent = Forward.tangentOf(t, level);
        return t.needsGrad() || tangent != null && tangent.needsGrad();
    }

    /**
     * The tangent of the vector-Jacobian product, fused: p = v·P with P = ∂out/∂in_k, and at
     * {@code level} its tangent ṗ = v̇·P + v·Ṗ, where Ṗ = ∂P/∂x·ẋ + ∂P/∂y·ẏ + ∂P/∂out·ȯ comes
     * from the partial's own {@link Expr#derivative}s. Each expression is evaluated over whole
     * arrays ({@link ArrayAlgebra}), and value and tangent are then formed in one pass, instead
     * of each operation of P and of the product carrying its tangent as a tensor operation.
     * A missing tangent is zero. With the zero-safe product (the record says its partials may
     * be infinite), where v = 0 the value is 0, where v̇ = 0 the term v̇·P is 0, and where v = 0
     * the term v·Ṗ is 0: so a gradient and tangent both zero give a zero tangent exactly.
     */
    static Tensor productWithTangent(ElementwiseOp op, Expr partial, Tensor v, Tensor out, Tensor[] inputs,
                                     long level) {
        int[] shape = out.shape;
        double[] x = broadcastData(inputs[0], shape);
        double[] y = inputs.length > 1 ? broadcastData(inputs[1], shape) : null;
        double[] o = out.data;
        double[] p = broadcastValues(partial.eval(ArrayAlgebra.INSTANCE, x, y, o), o.length);
        double[] pDot = null;
        for (int leaf = 0; leaf < 3; leaf++) {
            Tensor leafTensor = leaf == 0 ? inputs[0] : leaf == 1 ? (inputs.length > 1 ? inputs[1] : null) : out;
            Tensor leafTangent = leafTensor == null ? null : Forward.tangentOf(leafTensor, level);
            Expr derivative = partial.derivative(leaf);
            if (leafTangent == null || derivative == Expr.ZERO) {
                continue;
            }
            double[] d = derivative.eval(ArrayAlgebra.INSTANCE, x, y, o);
            double[] t = broadcastData(leafTangent, shape);
            if (pDot == null) {
                pDot = new double[o.length];
            }
            int sd = d.length == 1 ? 0 : 1;
            for (int i = 0; i < pDot.length; i++) {
                pDot[i] += Elementary.mulSafe(t[i], d[i * sd]);
            }
        }
        double[] w = broadcastData(v, shape);
        Tensor vTangent = Forward.tangentOf(v, level);
        double[] wDot = vTangent == null ? null : broadcastData(vTangent, shape);
        double[] product = new double[o.length];
        double[] tangent = new double[o.length];
        boolean safe = op.nonFinitePartials();
        for (int i = 0; i < o.length; i++) {
            double wi = w[i];
            double pi = p[i];
            double ti = 0;
            if (wDot != null) {
                ti = safe ? Elementary.mulSafe(wDot[i], pi) : wDot[i] * pi;
            }
            if (pDot != null) {
                ti += safe ? Elementary.mulSafe(wi, pDot[i]) : wi * pDot[i];
            }
            product[i] = safe ? Elementary.mulSafe(wi, pi) : wi * pi;
            tangent[i] = ti;
        }
        Tensor result = Tensor.constant(product, shape);
        Forward.setTangent(result, level, Tensor.constant(tangent, shape));
        return result;
    }

    /** values, or its one value repeated n times. */
    private static double[] broadcastValues(double[] values, int n) {
        if (values.length == n) {
            return values;
        }
        double[] full = new double[n];
        Arrays.fill(full, values[0]);
        return full;
    }

    /** True when no operand records and none carries a tangent: the product may be plain doubles. */
    private static boolean isPlain(Tensor v, Tensor out, Tensor[] inputs) {
        if (Forward.anyTangent(v, out) || Forward.anyTangent(inputs)) {
            return false;
        }
        if (!GradMode.isEnabled()) {
            return true;
        }
        if (v.needsGrad() || out.needsGrad()) {
            return false;
        }
        for (Tensor input : inputs) {
            if (input.needsGrad()) {
                return false;
            }
        }
        return true;
    }

    private static double[] broadcastData(Tensor t, int[] shape) {
        return Arrays.equals(t.shape, shape) ? t.data : StridedWalk.broadcast(t.data, t.shape, shape);
    }

    /**
     * v ⊙ d for a piecewise-constant partial d (a mask, a sign, a share), in one pass; exactly 0
     * where d = 0 whatever v holds. Linear in v, so its derivative and its tangent are the same
     * product; d is recomputed from the operation's inputs rather than stored.
     */
    static Tensor scaledBy(Tensor v, Expr partial, Tensor out, Tensor[] inputs) {
        int[] shape = out.shape;
        double[] x = broadcastData(inputs[0], shape);
        double[] y = inputs.length > 1 ? broadcastData(inputs[1], shape) : x;
        double[] o = out.data;
        double[] w = broadcastData(v, shape);
        double[] result = new double[o.length];
        if (partial == ActivationOps.RELU.partial(0)) {
            // relu's mask, on every training step's backward path: a loop the JIT vectorises.
            for (int i = 0; i < result.length; i++) {
                result[i] = x[i] <= 0 ? 0.0 : w[i];
            }
        } else {
            for (int i = 0; i < result.length; i++) {
                double d = partial.value(x[i], y[i], o[i]);
                result[i] = d == 0 ? 0.0 : w[i] * d;
            }
        }
        return Tensor.result(result, shape, "scaledBy", new Tensor[] {v},
                (g, r) -> new Tensor[] {scaledBy(g, partial, out, inputs)}, args -> scaledBy(args[0], partial, out, inputs),
                (r, tangents) -> scaledBy(tangents[0], partial, out, inputs));
    }

    /** The zero-safe product g·d of the records (see {@link io.github.chainrule.autodiff.ops.Elementary#mulSafe}). */
    static Tensor mulSafe(Tensor g, Tensor d) {
        return apply(ArithmeticOps.MUL_SAFE, g, d);
    }
}
