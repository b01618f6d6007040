package io.github.chainrule.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.chainrule.autodiff.Tensor;
import io.github.chainrule.nn.Module;
import io.github.chainrule.nn.layers.MLP;
import io.github.chainrule.nn.loss.CrossEntropy;
import io.github.chainrule.nn.loss.Loss;
import io.github.chainrule.nn.optim.Adam;
import io.github.chainrule.nn.train.TrainingHistory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.api.java.JavaRDD;
import org.junit.jupiter.api.Test;

/** Failed tasks, poisoned rows and unusable factories, each with a clear outcome. */
class SparkTrainerFailureTest {
    private static final int N = 120;
    private static final int BATCH = 10;

    /** Counts loss evaluations in this JVM (local mode runs the tasks here) and fails chosen ones. */
    private static final AtomicLong LOSS_CALLS = new AtomicLong();
    private static volatile long failFrom = Long.MAX_VALUE;
    private static volatile long failTo = Long.MAX_VALUE;

    /** CrossEntropy that throws on loss evaluations failFrom…failTo (counted over all tasks). */
    private static Loss sometimesFailing() {
        CrossEntropy loss = new CrossEntropy();
        return (output, target) -> {
            long call = LOSS_CALLS.incrementAndGet();
            if (call >= failFrom && call <= failTo) {
                throw new IllegalStateException("executor lost (injected at loss evaluation " + call + ")");
            }
            return loss.compute(output, target);
        };
    }

    private static SparkTrainer.Builder builder(MLP model) {
        return SparkTrainer.builder(LocalSpark.get(), model, () -> SparkTrainerEquivalenceTest.net(0),
                SparkTrainerFailureTest::sometimesFailing, m -> new Adam(m, 0.05)).batchSize(BATCH).seed(2).log(null);
    }

    private static JavaRDD<Sample> rows(List<Sample> samples) {
        return LocalSpark.get().parallelize(samples, 2);
    }

    private static void assertExactlyEqual(Map<String, Tensor> before, Module after) {
        Map<String, Tensor> now = after.stateDict();
        for (String name : before.keySet()) {
            assertArrayEquals(before.get(name).toArray(), now.get(name).toArray(), 0.0, name + " changed");
        }
    }

    private static List<Sample> with(List<Sample> samples, int row, Sample poisoned) {
        List<Sample> out = new ArrayList<>(samples);
        out.set(row, poisoned);
        return out;
    }

    @Test
    void aFailedTaskFailsTheStageAndTheFitResumesFromTheLastEpoch() {
        List<Sample> samples = SyntheticData.samples(SyntheticData.dataset(N, 3));
        MLP reference = SparkTrainerEquivalenceTest.net(3);
        failFrom = Long.MAX_VALUE;
        TrainingHistory expected = builder(reference).epochs(3).build().fit(rows(samples));

        // 12 steps per epoch, two tasks each evaluating the loss once per step: epoch 2's stage
        // fails at its 8th loss evaluation, half-way through, after the tasks took some steps.
        MLP model = SparkTrainerEquivalenceTest.net(3);
        LOSS_CALLS.set(0);
        failFrom = 24 + 8;
        failTo = failFrom;
        List<String> log = new ArrayList<>();
        SparkTrainer trainer = builder(model).epochs(3).log(log::add).build();
        TrainingHistory actual;
        try {
            actual = trainer.fit(rows(samples));
        } finally {
            failFrom = Long.MAX_VALUE;
        }
        assertEquals(1, trainer.restarts());
        assertTrue(log.stream().anyMatch(l -> l.contains("epoch 2 failed") && l.contains("executor lost")
                && l.contains("rerunning it from the checkpoint of epoch 1")), log.toString());
        // The rerun epoch starts from the checkpoint, so the run is exactly the uninterrupted one.
        SparkTrainerEquivalenceTest.assertSameWeights(reference, model, 0.0);
        for (int e = 0; e < 3; e++) {
            assertEquals(expected.epochs().get(e).trainLoss(), actual.epochs().get(e).trainLoss(), 0.0);
        }
        assertEquals(36, trainer.stepCount());
    }

    @Test
    void anEpochThatKeepsFailingLeavesTheLastCheckpointOnTheDriver() {
        List<Sample> samples = SyntheticData.samples(SyntheticData.dataset(N, 4));
        MLP oneEpoch = SparkTrainerEquivalenceTest.net(3);
        failFrom = Long.MAX_VALUE;
        builder(oneEpoch).epochs(1).build().fit(rows(samples));

        MLP model = SparkTrainerEquivalenceTest.net(3);
        LOSS_CALLS.set(0);
        failFrom = 25;
        failTo = Long.MAX_VALUE - 1;
        SparkTrainer trainer = builder(model).epochs(3).maxRestarts(1).build();
        SparkTrainingException e;
        try {
            e = assertThrows(SparkTrainingException.class, () -> trainer.fit(rows(samples)));
        } finally {
            failFrom = Long.MAX_VALUE;
        }
        assertEquals(2, e.epoch());
        assertTrue(e.getMessage().contains("epoch 2 failed 2 times") && e.getMessage().contains("executor lost")
                && e.getMessage().contains("hold the checkpoint of epoch 1"), e.getMessage());
        SparkTrainerEquivalenceTest.assertSameWeights(oneEpoch, model, 0.0);
        assertEquals(12, trainer.stepCount());
    }

    @Test
    void aNanFeatureNamesItsRowAndLeavesTheModelUntouched() {
        List<Sample> samples = SyntheticData.samples(SyntheticData.dataset(N, 5));
        // Row 77 is the 17th row of partition 1 (rows 60…119).
        List<Sample> poisoned = with(samples, 77, Sample.labelled(77, new double[] {0, 1, Double.NaN, 0, 0}, 1));
        MLP model = SparkTrainerEquivalenceTest.net(3);
        Map<String, Tensor> before = model.stateDict();
        SparkTrainer trainer = builder(model).epochs(2).build();
        SparkTrainingException e = assertThrows(SparkTrainingException.class, () -> trainer.fit(rows(poisoned)));
        assertTrue(e.getMessage().contains("partition 1, row 17 (id 77) has feature 2 = NaN"), e.getMessage());
        assertTrue(e.getMessage().contains("their values from before the fit"), e.getMessage());
        assertEquals(0, trainer.restarts(), "a poisoned row fails the same way every time: no rerun");
        assertExactlyEqual(before, model);
        for (Map.Entry<String, Tensor> state : trainer.optimizer().stateDict().entrySet()) {
            String name = state.getKey();
            assertTrue(name.equals("lr") || name.endsWith(".step") && state.getValue().item() == 0,
                    "the optimiser took no step, yet holds " + name);
        }
    }

    @Test
    void aLabelOutOfRangeNamesTheBatchRowsAndLeavesTheModelUntouched() {
        List<Sample> samples = SyntheticData.samples(SyntheticData.dataset(N, 6));
        List<Sample> poisoned = with(samples, 5, Sample.labelled(5, samples.get(5).features(), 7));
        MLP model = SparkTrainerEquivalenceTest.net(3);
        Map<String, Tensor> before = model.stateDict();
        SparkTrainer trainer = builder(model).epochs(1).build();
        SparkTrainingException e = assertThrows(SparkTrainingException.class, () -> trainer.fit(rows(poisoned)));
        assertTrue(e.getMessage().contains("partition 0, rows ") && e.getMessage().contains("5")
                && e.getMessage().contains("label"), e.getMessage());
        assertEquals(0, trainer.restarts());
        assertExactlyEqual(before, model);
    }

    @Test
    void moreTasksThanSlotsAreRefusedWithAdvice() {
        List<Sample> samples = SyntheticData.samples(SyntheticData.dataset(N, 7));
        SparkTrainer trainer = builder(SparkTrainerEquivalenceTest.net(3)).epochs(1).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> trainer.fit(LocalSpark.get().parallelize(samples, 3)));
        assertTrue(e.getMessage().contains("3 partitions") && e.getMessage().contains("repartition(2)"), e.getMessage());
    }

    @Test
    void aFactoryThatDoesNotSerialiseIsRefusedBeforeAnyJob() {
        Object notSerialisable = new Object();
        MLP model = SparkTrainerEquivalenceTest.net(3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SparkTrainer.builder(LocalSpark.get(), model, () -> {
                    notSerialisable.hashCode();
                    return SparkTrainerEquivalenceTest.net(0);
                }, CrossEntropy::new, m -> new Adam(m, 0.1)).build());
        assertTrue(e.getMessage().contains("model factory") && e.getMessage().contains("cannot be sent"), e.getMessage());
    }

    @Test
    void aFactoryOfAnotherArchitectureIsRefused() {
        MLP model = SparkTrainerEquivalenceTest.net(3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SparkTrainer.builder(LocalSpark.get(), model,
                        () -> MLP.of(SyntheticData.FEATURES, 9, SyntheticData.CLASSES).build(0), CrossEntropy::new,
                        m -> new Adam(m, 0.1)).build());
        assertTrue(e.getMessage().contains("'layers.0.weight' is [9, 5], not [8, 5]"), e.getMessage());
    }
}
