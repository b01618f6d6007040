package io.github.chainrule.nn.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.chainrule.autodiff.Tensor;
import io.github.chainrule.nn.data.Dataset;
import io.github.chainrule.nn.layers.Linear;
import io.github.chainrule.nn.loss.MeanSquaredError;
import io.github.chainrule.nn.optim.SGD;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A Trainer given a {@link BatchOrder} takes exactly those batches, epoch by epoch. */
class TrainerBatchOrderTest {

    @Test
    void theTrainerFollowsTheGivenBatchesInOrder() {
        // y = 2x on x = 1, 2, 3; w and b start at 0; SGD η = 0.1 on the batch mean of (w x + b − y)².
        Dataset data = Dataset.of(new double[][] {{1}, {2}, {3}}, new double[][] {{2}, {4}, {6}});
        List<int[]> seen = new ArrayList<>();
        BatchOrder order = (epoch, n) -> {
            assertEquals(3, n);
            List<int[]> b = epoch == 1 ? List.of(new int[] {2}, new int[] {0, 1}) : List.of(new int[] {1, 0, 2});
            seen.addAll(b);
            return b;
        };
        Linear layer = new Linear(Tensor.of(new double[] {0}, 1, 1), Tensor.vector(0));
        TrainingHistory h = Trainer.builder(layer, new MeanSquaredError(), new SGD(layer, 0.1)).epochs(2)
                .batchOrder(order).progress(ProgressMode.NEVER).build().fit(data);
        // Batch {x=3}: r = −6, dw = 2·3·r = −36, db = 2r = −12 → w = 3.6, b = 1.2.
        // Batch {1, 2}: r = 2.8, 4.4; dw = (5.6 + 17.6)/2 = 11.6, db = (5.6 + 8.8)/2 = 7.2 → w = 2.44, b = 0.48.
        // Batch {2, 1, 3}: r = 0.44x + 0.48 = 0.92, 1.36, 1.8; dw = 18.08/3, db = 8.16/3.
        assertEquals(2.44 - 0.1 * 18.08 / 3, layer.namedParameters().get("weight").value().item(), 1e-12);
        assertEquals(0.48 - 0.1 * 8.16 / 3, layer.namedParameters().get("bias").value().item(), 1e-12);
        assertEquals(2, h.epochs().size());
        assertEquals(3, seen.size());
        assertArrayEquals(new int[] {2}, seen.get(0));
    }
}
