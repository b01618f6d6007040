/**
 * Synchronous data-parallel training of chainrule nn models on Apache Spark.
 *
 * <p>{@link io.github.chainrule.spark.SparkTrainer} broadcasts the driver's weights every step,
 * lets each partition compute the gradient of its rows of the global mini-batch with plain nn
 * code on a replica built by a {@link io.github.chainrule.spark.ModelFactory}, sums the partial
 * gradients with {@code treeAggregate} and steps the driver's optimiser. Rows are {@link
 * io.github.chainrule.spark.Sample}s carrying global indices, so batches are deterministic and
 * equal to nn's Trainer's. See {@code docs/spark.md}.
 */
package io.github.chainrule.spark;
