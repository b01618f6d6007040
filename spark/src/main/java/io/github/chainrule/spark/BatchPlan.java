package io.github.chainrule.spark;

import io.github.chainrule.nn.data.Dataset;
import io.github.chainrule.nn.train.BatchOrder;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.math3.random.Well19937c;

/**
 * The documented batch composition of distributed training: which rows of which partition make
 * up each global mini-batch, computed by every partition from the partition sizes alone (no
 * global row indices, no scan of other partitions).
 *
 * <p>With P partitions of n_0 … n_{P−1} rows, N = Σ n_p rows and batch size M, an epoch has
 * S = ⌈N/M⌉ steps. In epoch e (from 1), partition p shuffles its rows by the Fisher–Yates
 * permutation π_{p,e} of 0…n_p−1 drawn from {@code Well19937c({seed_lo, seed_hi, p, e})}, and
 * contributes to step s (0…S−1) its rows π_{p,e}[⌊s·n_p/S⌋ … ⌊(s+1)·n_p/S⌋). Every row is used
 * once per epoch, each partition contributes in proportion to its size, and a batch holds
 * M_s = Σ_p (⌊(s+1)·n_p/S⌋ − ⌊s·n_p/S⌋) rows (M ± P); a step whose batch is empty is skipped.
 *
 * <p>As an nn {@link BatchOrder} it numbers the rows partition by partition (partition 0's rows
 * in their order, then partition 1's, …), so {@code Trainer.builder(...).batchOrder(plan)} on
 * the rows collected in that order reproduces a distributed run step for step.
 */
public final class BatchPlan implements BatchOrder, Serializable {
    private static final long serialVersionUID = 1L;

    private final long[] sizes;
    private final int batchSize;
    private final long seed;
    private final long rows;
    private final int steps;

    /**
     * The plan for partitions of the given sizes.
     *
     * @throws IllegalArgumentException when there are no rows, a size is negative or above
     *     2³¹ − 1, or the batch size is below 1
     */
    public BatchPlan(long[] partitionSizes, int batchSize, long seed) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("BatchPlan: batch size must be >= 1, got " + batchSize);
        }
        long n = 0;
        for (int p = 0; p < partitionSizes.length; p++) {
            if (partitionSizes[p] < 0 || partitionSizes[p] > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("BatchPlan: partition " + p + " has " + partitionSizes[p]
                        + " rows; a partition holds 0.." + Integer.MAX_VALUE);
            }
            n += partitionSizes[p];
        }
        if (n == 0) {
            throw new IllegalArgumentException("BatchPlan: the data set is empty (partition sizes "
                    + Arrays.toString(partitionSizes) + ")");
        }
        long s = (n + batchSize - 1) / batchSize;
        if (s > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("BatchPlan: " + s + " steps per epoch; at most " + Integer.MAX_VALUE);
        }
        this.sizes = partitionSizes.clone();
        this.batchSize = batchSize;
        this.seed = seed;
        this.rows = n;
        this.steps = (int) s;
    }

    /** The number of partitions P. */
    public int partitions() {
        return sizes.length;
    }

    /** The number of rows of partition p. */
    public int partitionSize(int p) {
        return (int) sizes[p];
    }

    /** The total number of rows N. */
    public long rows() {
        return rows;
    }

    /** The nominal batch size M. */
    public int batchSize() {
        return batchSize;
    }

    /** The number of steps per epoch S = ⌈N/M⌉ (empty batches included). */
    public int stepsPerEpoch() {
        return steps;
    }

    /** π_{p,e}: partition p's row order in epoch e. */
    public int[] order(int partition, int epoch) {
        int[] key = {(int) seed, (int) (seed >>> 32), partition, epoch};
        return Dataset.permutation(partitionSize(partition), new Well19937c(key));
    }

    /** The first position in π_{p,e} of partition p's share of step s: ⌊s·n_p/S⌋. */
    public int from(int partition, int step) {
        return (int) ((long) step * sizes[partition] / steps);
    }

    /** The end (exclusive) of partition p's share of step s. */
    public int to(int partition, int step) {
        return from(partition, step + 1);
    }

    /** M_s, the rows of step s over all partitions. */
    public int batchRows(int step) {
        int m = 0;
        for (int p = 0; p < sizes.length; p++) {
            m += to(p, step) - from(p, step);
        }
        return m;
    }

    /**
     * The batches of epoch e over the rows numbered partition by partition, in step order,
     * empty ones skipped; within a batch, partition 0's rows first.
     *
     * @throws IllegalArgumentException when n is not the plan's N
     */
    @Override
    public List<int[]> batches(int epoch, int n) {
        if (n != rows) {
            throw new IllegalArgumentException("BatchPlan: planned for " + rows + " rows " + Arrays.toString(sizes)
                    + ", asked for " + n);
        }
        int[][] orders = new int[sizes.length][];
        int[] offsets = new int[sizes.length];
        for (int p = 0, offset = 0; p < sizes.length; offset += sizes[p], p++) {
            orders[p] = order(p, epoch);
            offsets[p] = offset;
        }
        List<int[]> out = new ArrayList<>(steps);
        for (int s = 0; s < steps; s++) {
            int[] batch = new int[batchRows(s)];
            int k = 0;
            for (int p = 0; p < sizes.length; p++) {
                for (int i = from(p, s); i < to(p, s); i++) {
                    batch[k++] = offsets[p] + orders[p][i];
                }
            }
            if (batch.length > 0) {
                out.add(batch);
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return "BatchPlan[" + rows + " rows in " + sizes.length + " partitions, batch " + batchSize + ", " + steps
                + " steps per epoch, seed " + seed + "]";
    }
}
