package io.github.chainrule.autodiff;

import io.github.chainrule.autodiff.engine.Backward;
import io.github.chainrule.autodiff.engine.Node;
import java.util.Arrays;
import java.util.function.UnaryOperator;

/**
 * Functional transforms in the style of JAX: {@code grad} (and {@code gradAll} for several inputs), {@code valueAndGrad}, {@code vjp},
 * {@code jvp}, {@code jacobian}, {@code hessian}, {@code hvp}.
 *
 * <p>Each transform evaluates {@code f} on fresh leaves holding the inputs' values, so the
 * callers' tensors and their {@code grad()} are never touched. Gradients are computed with
 * the one backward engine; second-order transforms differentiate the recorded backward pass.
 *
 * <p>{@code jvp} uses the double-vjp trick: u ↦ Jᵀu is linear in u, so J·t is the gradient
 * of ⟨Jᵀu, t⟩ with respect to u. It needs no forward-mode rules, and it costs two reverse
 * sweeps.
 */
public final class Autodiff {
    private Autodiff() {
    }

    /** A function's value together with its gradient with respect to each input. */
    public record ValueAndGrad(Tensor value, Tensor[] gradients) {
    }

    /** The value f(x) and the products Jᵀv (one per input) of a vector-Jacobian product. */
    public record Vjp(Tensor value, Tensor[] cotangents) {
    }

    /** ∇f(x) for a scalar-valued f of one tensor; same shape as {@code x}. */
    public static Tensor grad(UnaryOperator<Tensor> f, Tensor x) {
        return gradAll(in -> f.apply(in[0]), x)[0];
    }

    /** ∂f/∂x_i for a scalar-valued f of several tensors; one gradient per input. */
    public static Tensor[] gradAll(TensorFunction f, Tensor... inputs) {
        return valueAndGrad(f, inputs).gradients();
    }

    /** f(x) and ∂f/∂x_i together, from one forward and one backward pass. */
    public static ValueAndGrad valueAndGrad(TensorFunction f, Tensor... inputs) {
        Tensor[] leaves = freshLeaves(inputs);
        Tensor value = recorded(f, leaves);
        requireSingleValue("grad", value);
        Tensor[] gradients = gradients(value, null, leaves, false);
        return new ValueAndGrad(value.detach(), gradients);
    }

    /** Jᵀv for each input, where J is the Jacobian of f at the inputs and v has f's shape. */
    public static Vjp vjp(TensorFunction f, Tensor[] inputs, Tensor v) {
        Tensor[] leaves = freshLeaves(inputs);
        Tensor value = recorded(f, leaves);
        requireShape("vjp", "v", v, value);
        return new Vjp(value.detach(), gradients(value, v, leaves, false));
    }

    /**
     * J·t = Σ_i (∂f/∂x_i)·t_i, a Jacobian-vector product: the directional derivative of f at
     * the inputs along the tangents {@code t} (one per input, of the input's shape).
     */
    public static Tensor jvp(TensorFunction f, Tensor[] inputs, Tensor[] tangents) {
        if (tangents.length != inputs.length) {
            throw new IllegalArgumentException("jvp: " + tangents.length + " tangents for " + inputs.length + " inputs");
        }
        Tensor[] leaves = freshLeaves(inputs);
        for (int i = 0; i < inputs.length; i++) {
            requireShape("jvp", "tangent " + i, tangents[i], inputs[i]);
        }
        try (Grad.Scope on = Grad.enabled()) {
            Tensor value = f.apply(leaves);
            Tensor u = Tensor.zeros(value.shape).requiresGrad();
            Tensor[] transposed = gradients(value, u, leaves, true);
            Tensor inner = null;
            for (int i = 0; i < leaves.length; i++) {
                if (transposed[i] != null) {
                    Tensor term = transposed[i].mul(tangents[i]).sum();
                    inner = inner == null ? term : inner.add(term);
                }
            }
            if (inner == null || !inner.needsGrad()) {
                return Tensor.zeros(value.shape);
            }
            Tensor result = gradients(inner, null, new Tensor[] {u}, false)[0];
            return result == null ? Tensor.zeros(value.shape) : result;
        }
    }

    /**
     * The Jacobian ∂f_i/∂x_j, of shape {@code f(x).shape ++ x.shape}, one reverse sweep per
     * output element.
     */
    public static Tensor jacobian(UnaryOperator<Tensor> f, Tensor x) {
        Tensor leaf = freshLeaves(new Tensor[] {x})[0];
        Tensor value = recorded(in -> f.apply(in[0]), leaf);
        int outputs = value.size();
        double[] jacobian = new double[outputs * x.size()];
        for (int i = 0; i < outputs; i++) {
            double[] basis = new double[outputs];
            basis[i] = 1;
            Tensor row = gradients(value, Tensor.of(basis, value.shape), new Tensor[] {leaf}, false)[0];
            if (row != null) {
                System.arraycopy(row.data, 0, jacobian, i * x.size(), x.size());
            }
        }
        return Tensor.of(jacobian, concat(value.shape, x.shape));
    }

    /** The Hessian ∂²f/∂x_i∂x_j of a scalar-valued f, of shape {@code x.shape ++ x.shape}. */
    public static Tensor hessian(UnaryOperator<Tensor> f, Tensor x) {
        Tensor leaf = freshLeaves(new Tensor[] {x})[0];
        try (Grad.Scope on = Grad.enabled()) {
            Tensor value = f.apply(leaf);
            requireSingleValue("hessian", value);
            Tensor gradient = gradients(value, null, new Tensor[] {leaf}, true)[0];
            int n = x.size();
            double[] hessian = new double[n * n];
            if (gradient != null && gradient.needsGrad()) {
                for (int i = 0; i < n; i++) {
                    double[] basis = new double[n];
                    basis[i] = 1;
                    Tensor row = gradients(gradient, Tensor.of(basis, x.shape), new Tensor[] {leaf}, false)[0];
                    if (row != null) {
                        System.arraycopy(row.data, 0, hessian, i * n, n);
                    }
                }
            }
            return Tensor.of(hessian, concat(x.shape, x.shape));
        }
    }

    /** H·v, the Hessian of a scalar-valued f times {@code v}, from two reverse sweeps. */
    public static Tensor hvp(UnaryOperator<Tensor> f, Tensor x, Tensor v) {
        requireShape("hvp", "v", v, x);
        Tensor leaf = freshLeaves(new Tensor[] {x})[0];
        try (Grad.Scope on = Grad.enabled()) {
            Tensor value = f.apply(leaf);
            requireSingleValue("hvp", value);
            Tensor gradient = gradients(value, null, new Tensor[] {leaf}, true)[0];
            if (gradient == null || !gradient.needsGrad()) {
                return Tensor.zeros(x.shape);
            }
            Tensor product = gradients(gradient, v, new Tensor[] {leaf}, false)[0];
            return product == null ? Tensor.zeros(x.shape) : product;
        }
    }

    /**
     * The gradients of {@code output} (weighted by {@code outputGradient}, or seeded with 1)
     * with respect to {@code wrt}, leaving every {@code grad()} untouched: PyTorch's
     * {@code torch.autograd.grad}. An input the output does not depend on gets zeros.
     *
     * @param createGraph record the backward pass so the results can be differentiated again
     */
    public static Tensor[] gradients(Tensor output, Tensor outputGradient, Tensor[] wrt, boolean createGraph) {
        if (!output.needsGrad()) {
            Tensor[] zeros = new Tensor[wrt.length];
            for (int i = 0; i < wrt.length; i++) {
                zeros[i] = Tensor.zeros(wrt[i].shape);
            }
            return zeros;
        }
        Node[] found = Backward.gradients(new Node[] {output}, new Node[] {outputGradient}, wrt, createGraph);
        Tensor[] result = new Tensor[wrt.length];
        for (int i = 0; i < wrt.length; i++) {
            result[i] = found[i] == null ? Tensor.zeros(wrt[i].shape) : (Tensor) found[i];
        }
        return result;
    }

    /**
     * New leaves holding the inputs' values and requiring grad: how the transforms and
     * {@link io.github.chainrule.autodiff.check.GradCheck} differentiate f without touching the
     * callers' tensors or their {@code grad()}.
     */
    public static Tensor[] freshLeaves(Tensor... inputs) {
        Tensor[] leaves = new Tensor[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            leaves[i] = inputs[i].detach().requiresGrad();
        }
        return leaves;
    }

    /** f applied to {@code leaves} with recording on, whatever the caller's grad mode. */
    public static Tensor recorded(TensorFunction f, Tensor... leaves) {
        try (Grad.Scope on = Grad.enabled()) {
            return f.apply(leaves);
        }
    }

    private static void requireSingleValue(String transform, Tensor value) {
        if (value.size() != 1) {
            throw new IllegalArgumentException(transform + ": f must return a single value, but returned shape "
                    + Shapes.str(value.shape) + " (" + value.size() + " elements); use jacobian or vjp for "
                    + "vector-valued functions");
        }
    }

    private static void requireShape(String transform, String what, Tensor given, Tensor reference) {
        if (!Arrays.equals(given.shape, reference.shape)) {
            throw new IllegalArgumentException(transform + ": " + what + " has shape " + Shapes.str(given.shape)
                    + " but must have shape " + Shapes.str(reference.shape));
        }
    }

    private static int[] concat(int[] a, int[] b) {
        int[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
