package io.github.chainrule.spark;

import io.github.chainrule.nn.Module;
import java.io.Serializable;

/**
 * Builds a replica of the model on an executor: the same architecture (the same parameter names
 * and shapes) as the driver's model. Its initial values do not matter to {@link SparkTrainer},
 * which loads the epoch's checkpoint into it; {@link NetworkEstimator} starts from the values
 * of the model it builds on the driver.
 *
 * <p>It is shipped to the executors by Java serialisation, so it must capture only
 * serialisable values, e.g. {@code () -> MLP.of(64, 32, 10).build(0)}.
 */
@FunctionalInterface
public interface ModelFactory extends Serializable {
    /** A fresh model of the trained architecture. */
    Module create();
}
