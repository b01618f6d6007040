package io.github.chainrule.spark;

import io.github.chainrule.nn.Module;
import io.github.chainrule.nn.optim.Optimizer;
import java.io.Serializable;

/**
 * Builds the optimiser over a model, on the driver and on every task, e.g.
 * {@code m -> new Adam(m, 1e-3)} or {@code m -> new SGD(m, 0.1).momentum(0.9)}. Every task
 * steps its own copy with the same summed gradient, so all copies stay equal; the optimiser's
 * state travels with the weights at epoch boundaries ({@link Optimizer#stateDict()}).
 *
 * <p>Shipped by Java serialisation: it must capture only serialisable values.
 */
@FunctionalInterface
public interface OptimizerFactory extends Serializable {
    /** A fresh optimiser over {@code model}'s parameters. */
    Optimizer create(Module model);
}
