package io.github.chainrule.autodiff;

import io.github.chainrule.autodiff.engine.GradMode;
import java.util.Arrays;
import java.util.Objects;

/**
 * A user-defined differentiable operation: a forward computation and its vector-Jacobian
 * product, joining the graph like a built-in operation.
 *
 * <pre>{@code
 * // log(1 + x), accurate for tiny x, with derivative 1 / (1 + x)
 * CustomOp log1p = CustomOp.named("log1p")
 *         .forward(in -> Tensor.of(Arrays.stream(in[0].toArray()).map(Math::log1p).toArray(), in[0].shape()))
 *         .vjp((g, out, in) -> new Tensor[] {g.div(in[0].add(1))});
 * Tensor y = log1p.apply(x);
 * }</pre>
 *
 * <p>The forward runs with recording off, so it may compute with plain arrays. The VJP
 * receives ∂L/∂out, the output and the inputs and returns ∂L/∂input for each input (null for
 * an input needing none; a gradient in the broadcast output shape is summed back to the
 * input's shape by the engine). When the VJP is written with tensor operations, the custom
 * operation is differentiable to any order, like the built-ins.
 *
 * <p>A VJP computed on plain arrays is first order only: asked for a second derivative
 * (backward with {@code createGraph}, or inside an enclosing transform) the operation refuses,
 * naming itself, rather than contributing a silent zero.
 *
 * <p><b>Forward mode</b> ({@link Autodiff#jvp}) uses the operation's own JVP rule when it has
 * one ({@link #withJvp}, JAX's {@code custom_jvp}); otherwise it derives the JVP from the VJP,
 * which is linear in ∂L/∂out: J·t = ∂⟨Jᵀu, t⟩/∂u. That needs a VJP written with tensor
 * operations; for one computed on plain arrays forward mode refuses, naming the operation.
 */
public final class CustomOp {
    private final String name;
    private final TensorFunction forward;
    private final Vjp vjp;
    private final Jvp jvp;

    /** The derivative of a custom operation. */
    @FunctionalInterface
    public interface Vjp {
        /**
         * @param gradOutput ∂L/∂out, of the output's shape
         * @param output the operation's result
         * @param inputs the operation's inputs
         * @return ∂L/∂inputs, one per input
         */
        Tensor[] apply(Tensor gradOutput, Tensor output, Tensor[] inputs);
    }

    /** The forward-mode derivative of a custom operation. */
    @FunctionalInterface
    public interface Jvp {
        /**
         * @param tangents the inputs' tangents, one per input, of the inputs' shapes (zeros for
         *     an input without one)
         * @param output the operation's result
         * @param inputs the operation's inputs
         * @return J·t, the output's tangent, of the output's shape
         */
        Tensor apply(Tensor[] tangents, Tensor output, Tensor[] inputs);
    }

    /** The first step of building a custom operation: its name. */
    public static final class Named {
        private final String name;

        private Named(String name) {
            this.name = name;
        }

        /** The forward computation, run with recording off. */
        public WithForward forward(TensorFunction forward) {
            return new WithForward(name, Objects.requireNonNull(forward, "forward"));
        }
    }

    /** The second step: the vector-Jacobian product. */
    public static final class WithForward {
        private final String name;
        private final TensorFunction forward;

        private WithForward(String name, TensorFunction forward) {
            this.name = name;
            this.forward = forward;
        }

        /** Completes the operation with its VJP. */
        public CustomOp vjp(Vjp vjp) {
            return new CustomOp(name, forward, Objects.requireNonNull(vjp, "vjp"), null);
        }
    }

    private CustomOp(String name, TensorFunction forward, Vjp vjp, Jvp jvp) {
        this.name = name;
        this.forward = forward;
        this.vjp = vjp;
        this.jvp = jvp;
    }

    /**
     * This operation with its own forward-mode rule J·t (JAX's {@code custom_jvp}), used by
     * {@link Autodiff#jvp} and forward-over-reverse instead of a JVP derived from the VJP.
     */
    public CustomOp withJvp(Jvp jvp) {
        return new CustomOp(name, forward, vjp, Objects.requireNonNull(jvp, "jvp"));
    }

    /** Starts a custom operation called {@code name} (the name appears in graphs and errors). */
    public static Named named(String name) {
        return new Named(Objects.requireNonNull(name, "name"));
    }

    /** The operation's name. */
    public String name() {
        return name;
    }

    /** Applies the operation, recording it when any input requires grad. */
    public Tensor apply(Tensor... inputs) {
        Tensor[] args = inputs.clone();
        Tensor value;
        try (Grad.Scope off = Grad.disabled()) {
            value = forward.apply(args);
        }
        if (value == null) {
            throw new IllegalStateException(name + ": forward returned null");
        }
        // The replay lets a gradient checker compare this VJP with finite differences of this
        // forward alone, node by node (it is kept only while tracing).
        Forward.Jvp forwardRule = jvp == null ? null : (out, tangents) -> ownJvp(tangents, out, args);
        return Tensor.result(value.data, value.shape, name, args, (g, out) -> secondOrderChecked(
                checked(vjp.apply(g, out, args), args), g, args), this::apply, forwardRule);
    }

    private Tensor ownJvp(Tensor[] tangents, Tensor out, Tensor[] inputs) {
        Tensor[] filled = new Tensor[tangents.length];
        for (int i = 0; i < tangents.length; i++) {
            filled[i] = tangents[i] != null ? tangents[i] : Tensor.zeros(inputs[i].shape);
        }
        Tensor tangent = jvp.apply(filled, out, inputs);
        if (tangent == null || !Arrays.equals(tangent.shape, out.shape)) {
            throw new IllegalStateException(name + ": jvp returned " + (tangent == null ? "null"
                    : "a tangent of shape " + Shapes.str(tangent.shape)) + " for an output of shape "
                    + Shapes.str(out.shape));
        }
        return tangent;
    }

    /**
     * Refuses a VJP that cannot be differentiated again when the backward pass is recorded: its
     * gradients must then depend on the graph (on ∂L/∂out, which they are linear in, or on the
     * inputs), or a second derivative through this operation would be a silent zero.
     */
    private Tensor[] secondOrderChecked(Tensor[] gradients, Tensor g, Tensor[] inputs) {
        if (!GradMode.isEnabled()) {
            return gradients;
        }
        boolean inputsRecorded = false;
        for (Tensor input : inputs) {
            inputsRecorded |= input.needsGrad();
        }
        if (!g.needsGrad() && !inputsRecorded) {
            return gradients;
        }
        for (int i = 0; i < gradients.length; i++) {
            if (gradients[i] != null && inputs[i].needsGrad() && !gradients[i].needsGrad()) {
                throw new IllegalStateException(name + ": its vjp is first order only (the gradient for input " + i
                        + " is computed outside the graph), so it cannot be differentiated again; a second "
                        + "derivative (backward with createGraph, or a transform around a transform) needs the vjp "
                        + "written with tensor operations");
            }
        }
        return gradients;
    }

    /** The VJP's result, checked for the count and shapes a gradient must have. */
    private Tensor[] checked(Tensor[] gradients, Tensor[] inputs) {
        if (gradients == null || gradients.length != inputs.length) {
            throw new IllegalStateException(name + ": vjp returned " + (gradients == null ? "null" : gradients.length
                    + " gradients") + " for " + inputs.length + " inputs");
        }
        for (int i = 0; i < inputs.length; i++) {
            Tensor g = gradients[i];
            if (g != null && !Arrays.equals(g.shape, inputs[i].shape)
                    && !Shapes.broadcastsTo(inputs[i].shape, g.shape)) {
                throw new IllegalStateException(name + ": vjp returned a gradient of shape " + Shapes.str(g.shape)
                        + " for input " + i + " of shape " + Shapes.str(inputs[i].shape));
            }
        }
        return gradients;
    }
}
