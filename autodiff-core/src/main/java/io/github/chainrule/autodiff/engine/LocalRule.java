package io.github.chainrule.autodiff.engine;

/**
 * A derivative rule for a single-valued operation stated by its local partial derivatives
 * ∂out/∂in_k, each a differentiable expression in the graph's own operations (as JAX's
 * {@code defjvp} states one per argument). The vector-Jacobian product follows from them,
 * ∂L/∂in_k = ∂L/∂out · ∂out/∂in_k, in two forms that the engine picks between:
 * <ul>
 *   <li>as graph nodes ({@link #apply}): used with {@code createGraph}, so gradients of
 *       gradients come for free;</li>
 *   <li>as plain doubles: a first-order sweep multiplies the gradient by
 *       {@link #valueOf(Node) the value} of each partial and accumulates in the node's double
 *       slot, so that no node is made per gradient.</li>
 * </ul>
 * Both come from the one statement {@link #partial(int, Node)}: the derivative is written once.
 */
public interface LocalRule extends BackwardRule {
    /**
     * ∂out/∂in_k as a single-valued node. Returning the rule's {@link #one()} or {@link #zero()}
     * instance says the partial is exactly 1 or structurally 0: the gradient then passes
     * unchanged, or not at all (so a zero partial never turns an infinite gradient into NaN).
     */
    Node partial(int k, Node output);

    /** The value of a single-valued node (a partial, or a gradient). */
    double valueOf(Node node);

    /** The instance {@link #partial} returns for an exact 1. */
    Node one();

    /** The instance {@link #partial} returns for a structural 0. */
    Node zero();

    /** ∂L/∂out · ∂out/∂in_k as a node, for {@link #apply}; e.g. a recorded product. */
    Node times(Node gradOutput, Node partial);

    /** The vector-Jacobian product as graph nodes, derived from {@link #partial}. */
    @Override
    default Node[] apply(Node gradOutput, Node output) {
        Node[] out = new Node[output.arity()];
        for (int k = 0; k < out.length; k++) {
            if (!output.input(k).requiresGrad) {
                continue;
            }
            Node p = partial(k, output);
            out[k] = p == zero() ? null : p == one() ? gradOutput : times(gradOutput, p);
        }
        return out;
    }
}
