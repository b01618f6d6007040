package io.github.chainrule.nn.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.chainrule.autodiff.Tensor;
import io.github.chainrule.nn.data.Dataset;
import io.github.chainrule.nn.layers.Dropout;
import io.github.chainrule.nn.layers.Linear;
import io.github.chainrule.nn.layers.MLP;
import io.github.chainrule.nn.layers.Sequential;
import io.github.chainrule.nn.loss.CrossEntropy;
import io.github.chainrule.nn.loss.MeanSquaredError;
import io.github.chainrule.nn.optim.LearningRateSchedule;
import io.github.chainrule.nn.optim.SGD;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;

class TrainerTest {
    /** Two Gaussian blobs in the plane, labelled 0 and 1. */
    private static Dataset blobs(int n, long seed) {
        Well19937c rng = new Well19937c(seed);
        double[][] x = new double[n][2];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 2;
            x[i][0] = (y[i] == 0 ? -1.5 : 1.5) + rng.nextGaussian();
            x[i][1] = (y[i] == 0 ? 1 : -1) + rng.nextGaussian();
        }
        return Dataset.of(x, y);
    }

    private static Trainer.Builder classifier(MLP net, double lr) {
        return Trainer.builder(net, new CrossEntropy(), new SGD(net, lr)).batchSize(16).seed(4)
                .metric(Accuracy.ofClasses()).progress(ProgressMode.NEVER);
    }

    @Test
    void listenersSeeEveryEpochAndAccuracyRises() {
        MLP net = MLP.of(2, 8, 2).build(1);
        List<EpochStats> seen = new ArrayList<>();
        Dataset data = blobs(200, 1);
        TrainingHistory h = classifier(net, 0.1).epochs(20).validation(blobs(100, 2)).listener(seen::add).build().fit(data);
        assertEquals(20, seen.size());
        assertEquals(h.epochs(), seen);
        for (int i = 0; i < seen.size(); i++) {
            assertEquals(i + 1, seen.get(i).epoch());
        }
        assertTrue(h.last().trainMetric() > 0.9, h.last().summary());
        assertTrue(h.last().validationMetric() > 0.9, h.last().summary());
        assertTrue(h.last().trainLoss() < h.epochs().get(0).trainLoss());
        assertFalse(h.stoppedEarly());
    }

    @Test
    void theSameSeedGivesTheSameRun() {
        TrainingHistory a = classifier(MLP.of(2, 4, 2).build(5), 0.1).epochs(5).build().fit(blobs(64, 3));
        TrainingHistory b = classifier(MLP.of(2, 4, 2).build(5), 0.1).epochs(5).build().fit(blobs(64, 3));
        for (int i = 0; i < 5; i++) {
            assertEquals(a.epochs().get(i).trainLoss(), b.epochs().get(i).trainLoss(), 0);
        }
    }

    @Test
    void earlyStoppingStopsAfterPatienceEpochsWithoutImprovement() {
        // η = 0: nothing changes, so the loss never improves after epoch 1.
        MLP net = MLP.of(2, 4, 2).build(5);
        TrainingHistory h = classifier(net, 0.0).epochs(50)
                .earlyStopping(EarlyStopping.on(Monitor.TRAIN_LOSS).patience(3).minDelta(1e-9)).build().fit(blobs(64, 3));
        assertEquals(4, h.epochs().size());
        assertTrue(h.stoppedEarly());
        assertEquals(1, h.bestEpoch());
    }

    @Test
    void earlyStoppingCanRestoreTheBestWeights() {
        // With a large learning rate the validation loss stops improving; the best epoch's weights
        // replace those of the later epochs.
        MLP net = MLP.of(2, 4, 2).build(5);
        List<Map<String, Tensor>> states = new ArrayList<>();
        TrainingHistory h = Trainer.builder(net, new CrossEntropy(), new SGD(net, 5.0)).batchSize(16).seed(4)
                .progress(ProgressMode.NEVER).epochs(30).validation(blobs(64, 9))
                .listener(s -> states.add(net.stateDict()))
                .earlyStopping(EarlyStopping.on(Monitor.VALIDATION_LOSS).patience(2).restoreBestWeights(true))
                .build().fit(blobs(64, 3));
        System.out.println("restore-best: ran " + h.epochs().size() + " epochs, best " + h.bestEpoch());
        assertTrue(h.stoppedEarly() && h.bestEpoch() < h.epochs().size());
        Map<String, Tensor> best = states.get(h.bestEpoch() - 1);
        Map<String, Tensor> lastState = states.get(states.size() - 1);
        assertTrue(best.keySet().stream().anyMatch(
                k -> !java.util.Arrays.equals(best.get(k).toArray(), lastState.get(k).toArray())),
                "the last epoch's weights should differ from the best ones");
        for (String k : best.keySet()) {
            assertArrayEquals(best.get(k).toArray(), net.stateDict().get(k).toArray(), 0, k);
        }
    }

    @Test
    void monitoringValidationWithoutAValidationSetIsRefused() {
        MLP net = MLP.of(2, 2).build(1);
        Trainer t = classifier(net, 0.1).earlyStopping(EarlyStopping.on(Monitor.VALIDATION_LOSS)).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.fit(blobs(8, 1)));
        assertEquals("Trainer: early stopping monitors VALIDATION_LOSS but no validation set was given", e.getMessage());
    }

    @Test
    void theScheduleSetsTheLearningRateEachEpoch() {
        MLP net = MLP.of(2, 2).build(1);
        TrainingHistory h = classifier(net, 0.1).epochs(4).schedule(LearningRateSchedule.step(0.1, 2, 0.5)).build()
                .fit(blobs(16, 1));
        assertEquals(List.of(0.1, 0.1, 0.05, 0.05), h.epochs().stream().map(EpochStats::learningRate).toList());
    }

    @Test
    void theProgressBarIsQuietUnlessAskedFor() {
        List<String> lines = new ArrayList<>();
        MLP net = MLP.of(1, 1).build(1);
        Dataset d = Dataset.of(new double[][] {{1}, {2}}, new double[][] {{2}, {4}});
        Trainer.builder(net, new MeanSquaredError(), new SGD(net, 0.01)).epochs(3).progressTo(lines::add).build().fit(d);
        assertTrue(lines.isEmpty(), "AUTO must stay quiet without a console: " + lines);
        Trainer.builder(net, new MeanSquaredError(), new SGD(net, 0.01)).epochs(3).progress(ProgressMode.ALWAYS)
                .progressTo(lines::add).build().fit(d);
        assertFalse(lines.isEmpty());
        assertTrue(lines.get(lines.size() - 1).contains("train"), lines.get(lines.size() - 1));
    }

    @Test
    void evaluateRecordsNoGraph() {
        MLP net = MLP.of(2, 2).build(1);
        Trainer t = classifier(net, 0.1).build();
        Evaluation e = t.evaluate(blobs(10, 1));
        assertTrue(Double.isFinite(e.loss()) && e.metric() >= 0 && e.metric() <= 1);
        net.parameters().forEach(p -> assertEquals(null, p.grad()));
    }

    @Test
    void anEmptyTrainingSetIsRefusedInsteadOfNaNLosses() {
        MLP net = MLP.of(2, 2).build(1);
        Dataset empty = Dataset.of(Tensor.zeros(0, 2), new int[0]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> classifier(net, 0.1).build().fit(empty));
        assertEquals("Trainer.fit: the training set is empty (0 samples); there is nothing to train on", e.getMessage());
    }

    @Test
    void anEmptyValidationSetIsRefusedInsteadOfNaNLosses() {
        MLP net = MLP.of(2, 2).build(1);
        Dataset empty = Dataset.of(Tensor.zeros(0, 2), new int[0]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> classifier(net, 0.1).validation(empty));
        assertEquals("Trainer.validation: the data set is empty (0 samples); its mean loss would be NaN", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> classifier(net, 0.1).build().evaluate(empty));
        assertEquals("Trainer.evaluate: the data set is empty (0 samples); its mean loss would be NaN", e.getMessage());
    }

    @Test
    void aBadLabelIsNamedByItsRowInTheDataSetNotItsPlaceInTheShuffledBatch() {
        // Labels as a target tensor, so that the data set accepts 1e10 and the loss must refuse it.
        double[][] x = new double[40][2];
        double[] y = new double[40];
        for (int i = 0; i < 40; i++) {
            x[i][0] = i;
            y[i] = i % 2;
        }
        y[29] = 1e10;
        MLP net = MLP.of(2, 2).build(1);
        Trainer t = Trainer.builder(net, new CrossEntropy(), new SGD(net, 0.1)).batchSize(8).seed(4)
                .progress(ProgressMode.NEVER).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> t.fit(Dataset.of(Tensor.of(x), Tensor.vector(y))));
        assertEquals("CrossEntropy: label 10000000000 of data set row 29 is outside the 2 classes 0..1 (epoch 1)",
                e.getMessage());
    }

    @Test
    void evaluationRunsWithoutDropoutAndTrainingUsesIt() {
        Dropout dropout = new Dropout(0.5, 1);
        Sequential net = Sequential.of(new Linear(2, 4, 1), dropout, new Linear(4, 2, 2));
        Trainer t = Trainer.builder(net, new CrossEntropy(), new SGD(net, 0.1)).epochs(1).batchSize(10)
                .progress(ProgressMode.NEVER).build();
        Dataset data = blobs(20, 1);
        Evaluation first = t.evaluate(data);
        assertEquals(0, dropout.masksDrawn(), "evaluation draws no dropout mask");
        assertEquals(first.loss(), t.evaluate(data).loss(), 0, "evaluation is deterministic");
        assertTrue(net.isTraining(), "the model is back in training mode");
        t.fit(data);
        assertEquals(2, dropout.masksDrawn(), "one mask per training batch");
    }
}
