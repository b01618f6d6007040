package io.github.chainrule.autodiff.engine;

/**
 * The vector-Jacobian product of one recorded operation: given the gradient of the final
 * output with respect to this operation's output, the gradients with respect to each input.
 *
 * <p>Rules are written with the graph's own differentiable operations. When the engine runs a
 * rule with grad mode on (backward with {@code createGraph}), the gradients it returns are
 * graph nodes themselves and can be differentiated again.
 */
@FunctionalInterface
public interface BackwardRule {

    /**
     * @param gradOutput ∂L/∂out, of the output's type and shape
     * @param output the operation's own result, which many derivatives reuse (e.g. eˣ)
     * @return ∂L/∂in_i for each input, in input order; an element may be {@code null} when
     *     that input needs no gradient. Tensor gradients may have the output's broadcast
     *     shape: the engine sums them back to each input's shape.
     */
    Node[] apply(Node gradOutput, Node output);
}
