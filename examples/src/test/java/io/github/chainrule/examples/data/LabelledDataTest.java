package io.github.chainrule.examples.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class LabelledDataTest {

    private final LabelledData data = LabelledData.of(
            new double[][] {{1, 2}, {3, 4}, {5, 6}, {7, 8}}, new int[] {0, 1, 2, 1}, 3);

    @Test
    void batchGathersRowsInOrder() {
        assertArrayEquals(new double[] {5, 6, 1, 2, 5, 6}, data.batch(new int[] {2, 0, 2}));
        assertArrayEquals(new int[] {2, 0, 2}, data.batchLabels(new int[] {2, 0, 2}));
    }

    @Test
    void isNotChangedThroughItsInputsOrOutputs() {
        double[] flat = {1, 2, 3, 4};
        int[] labels = {0, 1};
        LabelledData d = LabelledData.of(flat, labels, 2, 2);
        flat[0] = 99;
        labels[0] = 1;
        d.features()[1] = 99;
        d.row(1)[0] = 99;
        assertArrayEquals(new double[] {1, 2, 3, 4}, d.features());
        assertArrayEquals(new int[] {0, 1}, d.labels());
    }

    @Test
    void rejectsBadShapesAndLabels() {
        assertThrows(IllegalArgumentException.class, () -> LabelledData.of(new double[3], new int[] {0, 0}, 2, 1));
        assertThrows(IllegalArgumentException.class, () -> LabelledData.of(new double[4], new int[] {0, 2}, 2, 2));
        assertThrows(IllegalArgumentException.class,
                () -> LabelledData.of(new double[][] {{1, 2}, {3}}, new int[] {0, 0}, 1));
    }

    @Test
    void splitIsAReproducibleDisjointCover() {
        LabelledData digits = Digits.load();
        TrainTest a = digits.split(0.8, 7);
        TrainTest b = digits.split(0.8, 7);
        assertEquals(1438, a.train().rows());
        assertEquals(359, a.test().rows());
        assertArrayEquals(a.train().features(), b.train().features());
        int[] counts = a.train().classCounts();
        int[] testCounts = a.test().classCounts();
        for (int c = 0; c < 10; c++) {
            counts[c] += testCounts[c];
        }
        assertArrayEquals(digits.classCounts(), counts);
    }

    @Test
    void permutationHoldsEveryIndexOnce() {
        int[] p = LabelledData.permutation(50, new java.util.Random(1));
        int[] sorted = p.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < 50; i++) {
            assertEquals(i, sorted[i]);
        }
    }

    @Test
    void moonsAreReproducibleAndBalanced() {
        LabelledData a = Moons.generate(101, 0.1, 3);
        LabelledData b = Moons.generate(101, 0.1, 3);
        assertEquals(2, a.columns());
        assertArrayEquals(new int[] {51, 50}, a.classCounts());
        assertArrayEquals(a.features(), b.features());
        assertArrayEquals(a.labels(), b.labels());
    }
}
