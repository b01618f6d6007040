package io.github.chainrule.spark;

import io.github.chainrule.nn.loss.Loss;
import java.io.Serializable;

/**
 * Builds the loss on an executor, e.g. {@code CrossEntropy::new}. nn's losses are not
 * serialisable, so the trainer ships this factory instead.
 *
 * <p>The loss must be a <em>mean over the batch</em> (as all of nn's losses are): a partition
 * holding m_p of the batch's M rows scales its loss by m_p/M, and the sum over partitions is
 * then exactly the loss of the whole batch, and its gradient the whole batch's gradient.
 */
@FunctionalInterface
public interface LossFactory extends Serializable {
    /** The loss; built once per task. */
    Loss create();
}
