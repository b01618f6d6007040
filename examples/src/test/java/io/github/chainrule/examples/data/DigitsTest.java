package io.github.chainrule.examples.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DigitsTest {

    @Test
    void loadsTheWholeBundledSet() {
        LabelledData digits = Digits.load();
        assertEquals(1797, digits.rows());
        assertEquals(64, digits.columns());
        assertEquals(10, digits.classes());
        // The per-digit counts documented for sklearn's load_digits().
        assertArrayEquals(new int[] {178, 182, 177, 183, 181, 182, 181, 179, 174, 180}, digits.classCounts());
    }

    @Test
    void featuresAreUnscaledCountsZeroToSixteen() {
        double[] all = Digits.load().features();
        double max = 0;
        for (double v : all) {
            assertTrue(v >= 0 && v <= 16 && v == Math.rint(v), "value " + v);
            max = Math.max(max, v);
        }
        assertEquals(16, max);
    }

    @Test
    void firstRowIsTheFamiliarZero() {
        LabelledData digits = Digits.load();
        assertEquals(0, digits.label(0));
        // Top row of sklearn's digits.images[0].
        assertArrayEquals(new double[] {0, 0, 5, 13, 9, 1, 0, 0},
                java.util.Arrays.copyOf(digits.row(0), 8));
    }
}
