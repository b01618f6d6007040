package io.github.chainrule.nn.loss;

import io.github.chainrule.autodiff.Tensor;

/**
 * A cost C(output, target) as a 0-d tensor in the graph; {@code C.backward()} gives every
 * parameter's gradient. Implementations compose graph operations only: none states a
 * derivative.
 */
@FunctionalInterface
public interface Loss {
    /**
     * The cost of {@code output} (one row per sample) against {@code target}.
     *
     * @param output the network's output, e.g. shape (m, k)
     * @param target what it should have been; the accepted shapes are stated by each loss
     * @return a 0-d tensor
     */
    Tensor compute(Tensor output, Tensor target);
}
