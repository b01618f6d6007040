package io.github.chainrule.spark;

/**
 * Where an epoch's time went, as partition 0's task and the driver saw it.
 *
 * @param steps the steps taken
 * @param stageNanos the driver's wall time of the barrier stage (launch, rendezvous, reading
 *     the partition, drawing its order, the steps, returning the checkpoint)
 * @param computeNanos the task's time in forward, backward and optimiser steps
 * @param allReduceNanos the task's time in the allreduce, waiting for the others included
 */
public record EpochTiming(long steps, long stageNanos, long computeNanos, long allReduceNanos) {
    /** The in-stage time of one step, compute and allreduce, in milliseconds. */
    public double millisPerStep() {
        return (computeNanos + allReduceNanos) / 1e6 / Math.max(1, steps);
    }

    /** The stage's time outside the steps, in milliseconds. */
    public double setupMillis() {
        return (stageNanos - computeNanos - allReduceNanos) / 1e6;
    }
}
