package io.github.chainrule.autodiff;

import io.github.chainrule.autodiff.engine.Backward;
import io.github.chainrule.autodiff.engine.GradMode;
import io.github.chainrule.autodiff.engine.Node;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Functional transforms in the style of JAX: {@code grad} (and {@code gradAll} for several
 * inputs), {@code valueAndGrad}, {@code vjp}, {@code jvp}, {@code jacobian}, {@code hessian},
 * {@code hvp}.
 *
 * <p><b>They compose</b>, to any depth and in any mix (grad of grad, the Jacobian of a
 * gradient, jvp of grad, vjp of jvp, grad through a functional optimiser step), as
 * {@code torch.func} and JAX transforms do. A transform applied to inputs that require grad
 * while recording records itself: f is evaluated on recorded aliases of the inputs and the
 * derivative is computed with {@code createGraph}, so an enclosing transform (or a later
 * {@code backward()}) sees through it. Otherwise f runs on fresh leaves holding the inputs'
 * values, and the callers' tensors and their {@code grad()} are never touched.
 *
 * <p><b>No perturbation confusion.</b> Reverse-mode transforms ask for the gradient with
 * respect to their own aliases only, never accumulating into a shared {@code grad()}; forward
 * mode keeps one tangent per nesting level ({@link Forward}). So d/dx [x · d/dy (x + y)] is 1.
 *
 * <p>{@code jvp} is true forward mode: tangents propagate beside values, from the op records'
 * partials (elementwise operations) or the operation's own rule, with no tape; it costs about
 * two forward passes. {@code hvp} is forward-over-reverse: the jvp of the gradient.
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

    /** The value f(x) and the directional derivative J·t of a Jacobian-vector product. */
    public record Jvp(Tensor value, Tensor tangent) {
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
        boolean record = recordsThrough(inputs);
        Tensor[] leaves = entryPoints(inputs, record);
        Tensor value = recorded(f, leaves);
        requireSingleValue("grad", value);
        record |= capturesRecordedValues(value, leaves);
        Tensor[] gradients = gradients(value, null, leaves, record);
        return new ValueAndGrad(record ? value : value.detach(), gradients);
    }

    /** Jᵀv for each input, where J is the Jacobian of f at the inputs and v has f's shape. */
    public static Vjp vjp(TensorFunction f, Tensor[] inputs, Tensor v) {
        boolean record = recordsThrough(inputs) || v.needsGrad() && GradMode.isEnabled();
        Tensor[] leaves = entryPoints(inputs, record);
        Tensor value = recorded(f, leaves);
        requireShape("vjp", "v", v, value);
        record |= capturesRecordedValues(value, leaves);
        return new Vjp(record ? value : value.detach(), gradients(value, v, leaves, record));
    }

    /**
     * J·t = Σ_i (∂f/∂x_i)·t_i, a Jacobian-vector product: the directional derivative of f at
     * the inputs along the tangents {@code t} (one per input, of the input's shape), by forward
     * mode.
     */
    public static Tensor jvp(TensorFunction f, Tensor[] inputs, Tensor[] tangents) {
        return valueAndJvp(f, inputs, tangents).tangent();
    }

    /**
     * f(x) and J·t together, from one forward pass that carries the tangents beside the values
     * (no tape). f runs in the caller's grad mode: when the inputs or tangents require grad,
     * value and tangent are recorded and can be differentiated backwards (reverse over forward).
     */
    public static Jvp valueAndJvp(TensorFunction f, Tensor[] inputs, Tensor[] tangents) {
        if (tangents.length != inputs.length) {
            throw new IllegalArgumentException("jvp: " + tangents.length + " tangents for " + inputs.length + " inputs");
        }
        for (int i = 0; i < inputs.length; i++) {
            requireShape("jvp", "tangent " + i, tangents[i], inputs[i]);
        }
        long level = Forward.open();
        try {
            Tensor[] duals = new Tensor[inputs.length];
            for (int i = 0; i < inputs.length; i++) {
                duals[i] = inputs[i].needsGrad() && GradMode.isEnabled() ? alias(inputs[i]) : entryLeaf(inputs[i], false);
                Forward.setTangent(duals[i], level, tangents[i]);
            }
            Tensor value = f.apply(duals);
            Tensor tangent = Forward.tangentOf(value, level);
            return new Jvp(value, tangent != null ? tangent : Tensor.zeros(value.shape));
        } finally {
            Forward.close(level);
        }
    }

    /**
     * The Jacobian ∂f_i/∂x_j, of shape {@code f(x).shape ++ x.shape}, one reverse sweep per
     * output element.
     */
    public static Tensor jacobian(UnaryOperator<Tensor> f, Tensor x) {
        boolean record = recordsThrough(x);
        Tensor leaf = entryPoints(new Tensor[] {x}, record)[0];
        Tensor value = recorded(in -> f.apply(in[0]), leaf);
        record |= capturesRecordedValues(value, new Tensor[] {leaf});
        int outputs = value.size();
        int[] shape = concat(value.shape, x.shape);
        if (record) {
            Tensor[] rows = new Tensor[outputs];
            for (int i = 0; i < outputs; i++) {
                rows[i] = gradients(value, basis(value.shape, i), new Tensor[] {leaf}, true)[0].reshape(x.size());
            }
            return outputs == 0 ? Tensor.zeros(shape) : Tensor.stack(0, rows).reshape(shape);
        }
        double[] jacobian = new double[outputs * x.size()];
        for (int i = 0; i < outputs; i++) {
            Tensor row = gradients(value, basis(value.shape, i), new Tensor[] {leaf}, false)[0];
            System.arraycopy(row.data, 0, jacobian, i * x.size(), x.size());
        }
        return Tensor.of(jacobian, shape);
    }

    /**
     * The Hessian ∂²f/∂x_i∂x_j of a scalar-valued f, of shape {@code x.shape ++ x.shape}: the
     * Jacobian of the gradient.
     */
    public static Tensor hessian(UnaryOperator<Tensor> f, Tensor x) {
        return jacobian(v -> gradientChecked("hessian", f, v), x);
    }

    /**
     * H·v, the Hessian of a scalar-valued f times {@code v}: forward over reverse, the
     * Jacobian-vector product of the gradient, one forward pass with tangents and one reverse
     * sweep.
     */
    public static Tensor hvp(UnaryOperator<Tensor> f, Tensor x, Tensor v) {
        requireShape("hvp", "v", v, x);
        return jvp(in -> gradientChecked("hvp", f, in[0]), new Tensor[] {x}, new Tensor[] {v});
    }

    /** {@link #grad}, naming {@code transform} when f is not single-valued. */
    private static Tensor gradientChecked(String transform, UnaryOperator<Tensor> f, Tensor x) {
        boolean record = recordsThrough(x);
        Tensor[] leaves = entryPoints(new Tensor[] {x}, record);
        Tensor value = recorded(in -> f.apply(in[0]), leaves);
        requireSingleValue(transform, value);
        record |= capturesRecordedValues(value, leaves);
        return gradients(value, null, leaves, record)[0];
    }

    /** The one-hot tensor of {@code shape} with a 1 at flat index {@code i}. */
    private static Tensor basis(int[] shape, int i) {
        double[] data = new double[Shapes.size(shape)];
        data[i] = 1;
        return Tensor.of(data, shape);
    }

    /**
     * Whether a transform on these inputs must record itself: grad mode is on and some input
     * requires grad, so an enclosing transform or backward must see through it.
     */
    private static boolean recordsThrough(Tensor... inputs) {
        if (!GradMode.isEnabled()) {
            return false;
        }
        for (Tensor input : inputs) {
            if (input.needsGrad()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether f's value depends on something an enclosing transform or backward differentiates
     * other than the transform's own entry points: a tensor f closes over that requires grad
     * (d/dx of d/dy (x·y²) captures x). The transform must then record itself as well, or the
     * enclosing derivative would silently miss the term through the closure.
     */
    private static boolean capturesRecordedValues(Tensor value, Tensor[] entryPoints) {
        if (!GradMode.isEnabled() || !value.needsGrad()) {
            return false;
        }
        Set<Node> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        seen.addAll(Arrays.asList(entryPoints));
        Deque<Node> pending = new ArrayDeque<>();
        pending.push(value);
        while (!pending.isEmpty()) {
            Node node = pending.pop();
            if (!seen.add(node) || !node.needsGrad()) {
                continue;
            }
            if (node.isLeaf()) {
                return true;
            }
            for (Node input : node.inputs()) {
                pending.push(input);
            }
        }
        return false;
    }

    /**
     * Where a reverse-mode transform differentiates f: recorded aliases of the inputs that
     * require grad when the transform records itself, otherwise new leaves with the inputs'
     * values (and their forward-mode tangents, so that an enclosing jvp sees through).
     */
    private static Tensor[] entryPoints(Tensor[] inputs, boolean record) {
        Tensor[] points = new Tensor[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            points[i] = record && inputs[i].needsGrad() ? alias(inputs[i]) : entryLeaf(inputs[i], true);
        }
        return points;
    }

    /** A leaf sharing {@code x}'s values and tangents (values are immutable). */
    private static Tensor entryLeaf(Tensor x, boolean requiresGrad) {
        Tensor leaf = new Tensor(x.data, x.shape);
        leaf.tangents = x.tangents;
        return requiresGrad ? leaf.requiresGrad() : leaf;
    }

    /**
     * x itself as a new recorded node (the identity): a transform's own point of entry, so that
     * it asks for gradients with respect to its alias alone, and an enclosing transform still
     * reaches x through it.
     */
    private static Tensor alias(Tensor x) {
        return Tensor.result(x.data, x.shape, "alias", new Tensor[] {x}, (g, out) -> new Tensor[] {g},
                args -> alias(args[0]), (out, tangents) -> tangents[0]);
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
