package io.github.chainrule.spark;

import java.io.Serializable;

/**
 * What a task of an epoch's barrier stage returns: the sums of loss and metric over the epoch's
 * batches (the same on every task, as they come out of the allreduce), and, from partition 0
 * only, the state after the epoch; plus where the task's time went.
 *
 * @param state the weights and optimiser state after the epoch (partition 0), else null
 * @param partitionSizes the rows of every partition
 * @param rows the rows trained on this epoch (all partitions)
 * @param steps the steps taken
 * @param lossSum Σ over batches of mean loss × batch rows
 * @param metricSum Σ over batches of mean metric × batch rows (0 without a metric)
 * @param computeNanos this task's time in forward, backward and optimiser steps
 * @param allReduceNanos this task's time in the allreduce (including waiting for the others)
 */
record EpochResult(TrainingState state, long[] partitionSizes, long rows, long steps, double lossSum, double metricSum,
        long computeNanos, long allReduceNanos) implements Serializable {
}
