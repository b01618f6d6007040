package io.github.chainrule.spark;

import io.github.chainrule.nn.train.Metric;
import java.io.Serializable;

/**
 * Builds the metric reported per epoch on an executor, e.g. {@code Accuracy::ofClasses}. It
 * must be a mean over the batch, like the loss.
 */
@FunctionalInterface
public interface MetricFactory extends Serializable {
    /** The metric; built once per task. */
    Metric create();
}
