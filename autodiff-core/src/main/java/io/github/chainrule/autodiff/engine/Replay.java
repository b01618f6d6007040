package io.github.chainrule.autodiff.engine;

/**
 * A recorded operation applied again, to other inputs of the same shapes: what a gradient
 * checker needs to compare one node's vector-Jacobian product with finite differences of that
 * node's own forward. Kept on a node only while {@link Tracing} is on.
 */
@FunctionalInterface
public interface Replay {
    /**
     * Applies the operation to {@code inputs} (one per recorded input, of the same types and
     * shapes), recording the result as the original was recorded.
     */
    Node apply(Node[] inputs);
}
