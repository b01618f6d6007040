package io.github.chainrule.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The digits MLP converges on local[2] as it does on one machine. */
class DigitsOnSparkTest {

    @Test
    void digitsMlpReachesNinetyFivePercentOnLocal2() {
        DigitsOnSpark.Result result = DigitsOnSpark.run(LocalSpark.get(), 8, 32, 2, DigitsOnSpark.LEARNING_RATE);
        System.out.printf("digits: %d steps in %.1f s (%.1f steps/s)%n", result.steps(), result.seconds(),
                result.stepsPerSecond());
        assertTrue(result.testAccuracy() >= 0.95, "test accuracy " + result.testAccuracy());
        // 1,437 training rows in batches of 32: 45 steps per epoch.
        assertEquals(8 * 45, result.steps());
        // 64·64 + 64 + 64·10 + 10 = 4,810 values in 4 tensors: messages of 8·(4,810 + 4 flags + loss + metric) bytes.
        assertEquals(4_810, result.traffic().gradientValues());
        assertEquals(38_528, result.traffic().messageBytes());
        assertEquals(2 * 38_528, result.traffic().taskZeroBytes());
    }
}
