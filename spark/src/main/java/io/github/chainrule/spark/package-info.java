/**
 * Synchronous data-parallel training of chainrule nn models on Apache Spark.
 *
 * <p>{@link io.github.chainrule.spark.SparkTrainer} runs each epoch as one barrier stage: every
 * task reads its partition once, takes its share of every global mini-batch from its own seeded
 * row order ({@link io.github.chainrule.spark.BatchPlan}), and after each step's backward pass
 * sums gradients with the other tasks over TCP; each task steps its own optimiser with the same
 * sum. The driver keeps a checkpoint per epoch and reruns a failed epoch from it. {@link
 * io.github.chainrule.spark.NetworkEstimator} fits DataFrames the Spark ML way. See {@code
 * docs/spark.md}.
 */
package io.github.chainrule.spark;
