package io.github.chainrule.nn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.chainrule.autodiff.Tensor;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A standardiser travels as two F64 vectors and comes back applying the same statistics. */
class StandardizerTensorsTest {
    @Test
    void theStatisticsRoundTripThroughTensors() {
        // columns (1, 3) → mean 2, std 1; (0, 4) → mean 2, std 2
        Standardizer s = Standardizer.fit(Tensor.of(new double[] {1, 0, 3, 4}, 2, 2));
        Map<String, Tensor> tensors = s.tensors();
        assertEquals(List.of(Standardizer.MEAN, Standardizer.STD), List.copyOf(tensors.keySet()));
        assertArrayEquals(new double[] {2, 2}, tensors.get(Standardizer.MEAN).toArray(), 0);
        assertArrayEquals(new double[] {1, 2}, tensors.get(Standardizer.STD).toArray(), 0);
        Standardizer back = Standardizer.fromTensors(tensors);
        // (5, 8) → ((5 − 2) / 1, (8 − 2) / 2) = (3, 3)
        assertArrayEquals(new double[] {3, 3}, back.transform(Tensor.of(new double[] {5, 8}, 1, 2)).toArray(), 0);
    }

    @Test
    void inconsistentTensorsAreRefused() {
        IllegalArgumentException lengths = assertThrows(IllegalArgumentException.class, () -> Standardizer.fromTensors(
                Map.of(Standardizer.MEAN, Tensor.vector(1, 2), Standardizer.STD, Tensor.vector(1))));
        assertTrue(lengths.getMessage().contains("[2] and [1]"), lengths.getMessage());
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class, () -> Standardizer.fromTensors(
                Map.of(Standardizer.MEAN, Tensor.vector(1, 2), Standardizer.STD, Tensor.vector(1, 0))));
        assertTrue(zero.getMessage().contains("feature 1"), zero.getMessage());
    }
}
