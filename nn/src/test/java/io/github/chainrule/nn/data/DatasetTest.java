package io.github.chainrule.nn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.chainrule.autodiff.Tensor;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;

class DatasetTest {
    /** Sample i has features (i, 10 i) and label i mod 3, so a row identifies its sample. */
    private static Dataset numbered(int n) {
        double[][] x = new double[n][];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            x[i] = new double[] {i, 10 * i};
            y[i] = i % 3;
        }
        return Dataset.of(x, y);
    }

    @Test
    void shuffledBatchesCoverEverySampleOnceAndKeepRowsTogether() {
        Dataset d = numbered(10);
        List<Batch> batches = d.batches(4, new Well19937c(1));
        assertEquals(List.of(4, 4, 2), batches.stream().map(Batch::size).toList());
        boolean[] seen = new boolean[10];
        for (Batch b : batches) {
            double[][] rows = b.features().toRows();
            for (int i = 0; i < rows.length; i++) {
                int id = (int) rows[i][0];
                assertEquals(10.0 * id, rows[i][1], 0);
                assertEquals(id % 3, b.labels()[i]);
                assertEquals(id % 3, b.targets().get(i), 0);
                assertFalse(seen[id], "sample " + id + " twice");
                seen[id] = true;
            }
        }
        for (boolean s : seen) {
            assertTrue(s);
        }
    }

    @Test
    void theSameSeedGivesTheSameBatches() {
        Dataset d = numbered(20);
        double[] a = d.batches(5, new Well19937c(7)).get(0).features().toArray();
        double[] b = d.batches(5, new Well19937c(7)).get(0).features().toArray();
        double[] c = d.batches(5, new Well19937c(8)).get(0).features().toArray();
        assertArrayEquals(a, b, 0);
        assertFalse(Arrays.equals(a, c));
    }

    @Test
    void splitIsDisjointSeededAndSized() {
        Dataset d = numbered(10);
        Split s = d.split(0.3, 5);
        assertEquals(7, s.train().size());
        assertEquals(3, s.test().size());
        boolean[] seen = new boolean[10];
        for (Dataset part : List.of(s.train(), s.test())) {
            for (double[] row : part.features().toRows()) {
                assertFalse(seen[(int) row[0]]);
                seen[(int) row[0]] = true;
            }
        }
        assertArrayEquals(s.test().features().toArray(), d.split(0.3, 5).test().features().toArray(), 0);
    }

    @Test
    void mismatchedCountsAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Dataset.of(Tensor.zeros(3, 2), Tensor.zeros(4, 1)));
        assertEquals("Dataset: 3 samples of features but targets of shape [4, 1]", e.getMessage());
        IllegalStateException l = assertThrows(IllegalStateException.class,
                () -> Dataset.of(Tensor.zeros(3, 2), Tensor.zeros(3, 1)).labels());
        assertTrue(l.getMessage().startsWith("Dataset.labels: this dataset has target tensors"));
    }

    @Test
    void standardizerUsesTrainingStatisticsOnly() {
        // train columns: (1, 3) → mean 2, std 1; (10, 10) → mean 10, std 0 → only centred
        Dataset train = Dataset.of(new double[][] {{1, 10}, {3, 10}}, new int[] {0, 1});
        Dataset test = Dataset.of(new double[][] {{5, 12}}, new int[] {0});
        Standardizer s = Standardizer.fit(train);
        assertArrayEquals(new double[] {2, 10}, s.mean(), 0);
        assertArrayEquals(new double[] {1, 1}, s.std(), 0);
        assertArrayEquals(new double[] {-1, 0, 1, 0}, s.transform(train).features().toArray(), 0);
        assertArrayEquals(new double[] {3, 2}, s.transform(test).features().toArray(), 0);
        assertArrayEquals(new int[] {0}, s.transform(test).labels());
    }
}
