package io.github.chainrule.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.chainrule.nn.data.Dataset;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;

/** The documented batch composition, worked out by hand on small partitions. */
class BatchPlanTest {

    @Test
    void sharesFollowTheFloorFormula() {
        // N = 5, M = 2: S = 3. Partition 0 (3 rows): ⌊3s/3⌋ = 0, 1, 2, 3 → one row per step.
        // Partition 1 (2 rows): ⌊2s/3⌋ = 0, 0, 1, 2 → none, one, one.
        BatchPlan plan = new BatchPlan(new long[] {3, 2}, 2, 9);
        assertEquals(3, plan.stepsPerEpoch());
        assertEquals(5, plan.rows());
        int[][] expected = {{0, 1, 0, 0}, {1, 2, 0, 1}, {2, 3, 1, 2}};
        for (int s = 0; s < 3; s++) {
            assertArrayEquals(expected[s], new int[] {plan.from(0, s), plan.to(0, s), plan.from(1, s), plan.to(1, s)});
        }
        assertArrayEquals(new int[] {1, 2, 2}, new int[] {plan.batchRows(0), plan.batchRows(1), plan.batchRows(2)});
    }

    @Test
    void eachPartitionsOrderIsItsOwnSeededPermutation() {
        // Seed 9 = (lo 9, hi 0); partition 1, epoch 2: Well19937c({9, 0, 1, 2}).
        BatchPlan plan = new BatchPlan(new long[] {3, 40}, 2, 9);
        assertArrayEquals(Dataset.permutation(40, new Well19937c(new int[] {9, 0, 1, 2})), plan.order(1, 2));
        // It depends on the partition's own size only, not on the others'.
        assertArrayEquals(plan.order(1, 2), new BatchPlan(new long[] {7, 40}, 5, 9).order(1, 2));
        assertFalse(Arrays.equals(plan.order(1, 1), plan.order(1, 2)), "a new order every epoch");
    }

    @Test
    void batchesNumberRowsPartitionByPartitionAndCoverEachOncePerEpoch() {
        BatchPlan plan = new BatchPlan(new long[] {3, 2}, 2, 9);
        List<int[]> batches = plan.batches(1, 5);
        int[] p0 = plan.order(0, 1);
        int[] p1 = plan.order(1, 1);
        assertArrayEquals(new int[] {p0[0]}, batches.get(0));
        assertArrayEquals(new int[] {p0[1], 3 + p1[0]}, batches.get(1));
        assertArrayEquals(new int[] {p0[2], 3 + p1[1]}, batches.get(2));
        int[] all = batches.stream().flatMapToInt(Arrays::stream).sorted().toArray();
        assertArrayEquals(new int[] {0, 1, 2, 3, 4}, all);
    }

    @Test
    void anEmptyBatchIsSkipped() {
        // N = 2, M = 1: S = 2; each partition's share is ⌊s/2⌋: none at step 0, its row at step 1.
        BatchPlan plan = new BatchPlan(new long[] {1, 1}, 1, 0);
        assertEquals(0, plan.batchRows(0));
        List<int[]> batches = plan.batches(1, 2);
        assertEquals(1, batches.size());
        assertArrayEquals(new int[] {0, 1}, batches.get(0));
    }

    @Test
    void badInputsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new BatchPlan(new long[] {0, 0}, 4, 0));
        assertThrows(IllegalArgumentException.class, () -> new BatchPlan(new long[] {3}, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new BatchPlan(new long[] {3}, 2, 0).batches(1, 4));
    }
}
