package io.github.chainrule.autodiff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class FiniteValuesTest {
    private static double[] gaussian(int n, long seed) {
        Random rng = new Random(seed);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = rng.nextGaussian();
        }
        return x;
    }

    @Test
    void everyNonFiniteValueAtEveryPositionIsFound() {
        // Lengths around the vector loops' strides (4 vectors of up to 8 lanes) and their tails.
        double[] bad = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (int n : new int[] {1, 7, 8, 31, 32, 33, 67}) {
            double[] x = gaussian(n, n);
            assertTrue(FiniteValues.allFinite(x, 0, n));
            for (int i = 0; i < n; i++) {
                for (double b : bad) {
                    double kept = x[i];
                    x[i] = b;
                    assertFalse(FiniteValues.allFinite(x, 0, n), b + " at " + i + " of " + n);
                    x[i] = kept;
                }
            }
        }
    }

    @Test
    void oppositeInfinitiesDoNotCancel() {
        double[] x = gaussian(40, 1);
        x[3] = Double.POSITIVE_INFINITY;
        x[35] = Double.NEGATIVE_INFINITY;
        assertFalse(FiniteValues.allFinite(x, 0, 40));
    }

    @Test
    void finiteValuesWhoseSumOverflowsAreFinite() {
        double[] x = new double[64];
        java.util.Arrays.fill(x, Double.MAX_VALUE);
        assertEquals(Double.POSITIVE_INFINITY, x[0] + x[1]);
        assertTrue(FiniteValues.allFinite(x, 0, 64));
        x[63] = Double.NaN;
        assertFalse(FiniteValues.allFinite(x, 0, 64));
    }

    @Test
    void onlyTheRangeIsRead() {
        double[] x = gaussian(50, 2);
        x[9] = Double.NaN;
        x[40] = Double.POSITIVE_INFINITY;
        assertTrue(FiniteValues.allFinite(x, 10, 40));
        assertFalse(FiniteValues.allFinite(x, 9, 40));
        assertFalse(FiniteValues.allFinite(x, 10, 41));
        assertTrue(FiniteValues.allFinite(x, 20, 20));
    }

    @Test
    void aRangeOutsideTheArrayIsRefused() {
        double[] x = new double[5];
        assertThrows(IndexOutOfBoundsException.class, () -> FiniteValues.allFinite(x, 0, 6));
        assertThrows(IndexOutOfBoundsException.class, () -> FiniteValues.allFinite(x, -1, 3));
        assertThrows(IndexOutOfBoundsException.class, () -> FiniteValues.allFinite(x, 4, 3));
    }
}
