package io.github.chainrule.nn.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.chainrule.autodiff.Tensor;
import io.github.chainrule.nn.Module;
import io.github.chainrule.nn.data.Dataset;
import io.github.chainrule.nn.layers.Dropout;
import io.github.chainrule.nn.layers.Linear;
import io.github.chainrule.nn.layers.Sequential;
import io.github.chainrule.nn.layers.Tanh;
import io.github.chainrule.nn.loss.CrossEntropy;
import io.github.chainrule.nn.loss.Loss;
import io.github.chainrule.nn.optim.Adam;
import io.github.chainrule.nn.optim.LearningRateSchedule;
import io.github.chainrule.nn.optim.Optimizer;
import io.github.chainrule.nn.optim.SGD;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * A run interrupted after a checkpoint and resumed into a freshly built model and optimiser
 * ends with exactly the weights, optimiser state and history of a run that was never
 * interrupted: the optimiser's moments and counters, the dropout masks' count and the position
 * in the shuffled data order are all in the checkpoint.
 */
class ResumableTrainingTest {
    private static final int EPOCHS = 4;
    private static final int BATCH = 16;   // 100 samples: 7 batches per epoch, 28 steps in all

    @TempDir
    Path dir;

    /** Three noisy classes in the plane. */
    private static Dataset data(long seed) {
        Well19937c rng = new Well19937c(seed);
        double[][] x = new double[100][2];
        int[] y = new int[100];
        for (int i = 0; i < 100; i++) {
            y[i] = i % 3;
            x[i][0] = y[i] - 1 + 0.8 * rng.nextGaussian();
            x[i][1] = (y[i] == 1 ? 1 : -1) + 0.8 * rng.nextGaussian();
        }
        return Dataset.of(x, y);
    }

    /** Different initial weights per seed, so a resumed run cannot pass by starting where the first did. */
    private static Module model(long seed) {
        return Sequential.of(new Linear(2, 8, seed), new Tanh(), new Dropout(0.2, 99), new Linear(8, 3, seed + 1));
    }

    private static Trainer.Builder trainer(Module model, Optimizer optimizer, Loss loss) {
        return Trainer.builder(model, loss, optimizer).epochs(EPOCHS).batchSize(BATCH).seed(12)
                .metric(Accuracy.ofClasses()).validation(data(3)).progress(ProgressMode.NEVER)
                .schedule(LearningRateSchedule.step(optimizer.learningRate(), 2, 0.5))
                .earlyStopping(EarlyStopping.on(Monitor.VALIDATION_LOSS).patience(10).restoreBestWeights(true));
    }

    /**
     * A loss that fails at its n-th call, as a crash in the middle of a run. Each epoch calls it
     * 7 times for the batches, then once for the validation set: call 27 is step 24, call 23
     * step 21 (an epoch's last), call 24 the validation after it.
     */
    private static Loss crashingAt(int call) {
        CrossEntropy inner = new CrossEntropy();
        int[] calls = {0};
        return (out, target) -> {
            if (++calls[0] == call) {
                throw new IllegalStateException("simulated crash at step " + call);
            }
            return inner.compute(out, target);
        };
    }

    @ParameterizedTest(name = "{0}, checkpoint every {1} steps, crash at step {2}")
    @CsvSource({"adam, 5, 27", "adam, 7, 23", "adam, 7, 24", "sgd, 5, 13", "sgd, 3, 4"})
    void aResumedRunEqualsAnUninterruptedOneBitForBit(String kind, int every, int crashAt) throws IOException {
        Function<Module, Optimizer> optimizer = kind.equals("adam")
                ? m -> new Adam(m, 0.01)
                : m -> new SGD(m, 0.2).momentum(0.9).nesterov(true).weightDecay(1e-3);
        Path checkpoint = dir.resolve("run.safetensors");
        Module uninterrupted = model(1);
        Optimizer uOpt = optimizer.apply(uninterrupted);
        TrainingHistory expected = trainer(uninterrupted, uOpt, new CrossEntropy()).build().fit(data(1));

        Module first = model(1);
        Optimizer firstOpt = optimizer.apply(first);
        Trainer crashing = trainer(first, firstOpt, crashingAt(crashAt)).checkpoint(checkpoint, every).build();
        assertThrows(IllegalStateException.class, () -> crashing.fit(data(1)));
        assertTrue(Files.exists(checkpoint), "a checkpoint was written before the crash");

        Module resumed = model(77);
        Optimizer resumedOpt = optimizer.apply(resumed);
        TrainingHistory actual = trainer(resumed, resumedOpt, new CrossEntropy()).build().resume(data(1), checkpoint);

        assertBitwiseEqual(uninterrupted.stateDict(), resumed.stateDict());
        assertBitwiseEqual(uOpt.stateDict(), resumedOpt.stateDict());
        assertEquals(EPOCHS, actual.epochs().size());
        for (int e = 0; e < EPOCHS; e++) {
            EpochStats a = expected.epochs().get(e);
            EpochStats b = actual.epochs().get(e);
            assertEquals(List.of(a.trainLoss(), a.trainMetric(), a.validationLoss(), a.learningRate()),
                    List.of(b.trainLoss(), b.trainMetric(), b.validationLoss(), b.learningRate()), "epoch " + (e + 1));
        }
        assertEquals(expected.bestEpoch(), actual.bestEpoch());
    }

    private static void assertBitwiseEqual(Map<String, Tensor> expected, Map<String, Tensor> actual) {
        assertEquals(expected.keySet(), actual.keySet());
        for (String name : expected.keySet()) {
            assertArrayEquals(expected.get(name).toArray(), actual.get(name).toArray(), 0, name);
        }
    }

    @Test
    void aCheckpointOfAnotherSeedIsRefusedAndNothingIsLoaded() throws IOException {
        Module model = model(1);
        Trainer.builder(model, new CrossEntropy(), new SGD(model, 0.1)).epochs(1).batchSize(BATCH).seed(12)
                .progress(ProgressMode.NEVER).checkpoint(dir.resolve("a.safetensors"), 2).build().fit(data(1));

        Module other = model(5);
        Map<String, Tensor> before = other.stateDict();
        Trainer differentSeed = Trainer.builder(other, new CrossEntropy(), new SGD(other, 0.1)).epochs(2)
                .batchSize(BATCH).seed(13).progress(ProgressMode.NEVER).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> differentSeed.resume(data(1), dir.resolve("a.safetensors")));
        assertEquals(dir.resolve("a.safetensors") + ": cannot resume: written by a run with seed, batch size and "
                + "training set size 12, 16, 100, but this run has 13, 16, 100; the data order would differ", e.getMessage());
        assertBitwiseEqual(before, other.stateDict());
    }
}
