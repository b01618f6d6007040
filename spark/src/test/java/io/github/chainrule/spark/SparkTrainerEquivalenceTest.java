package io.github.chainrule.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.chainrule.autodiff.Tensor;
import io.github.chainrule.nn.Module;
import io.github.chainrule.nn.data.Dataset;
import io.github.chainrule.nn.layers.Activation;
import io.github.chainrule.nn.layers.MLP;
import io.github.chainrule.nn.loss.CrossEntropy;
import io.github.chainrule.nn.loss.MeanSquaredError;
import io.github.chainrule.nn.optim.Adam;
import io.github.chainrule.nn.optim.Optimizer;
import io.github.chainrule.nn.optim.SGD;
import io.github.chainrule.nn.train.Accuracy;
import io.github.chainrule.nn.train.ProgressMode;
import io.github.chainrule.nn.train.Trainer;
import io.github.chainrule.nn.train.TrainingHistory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;

/**
 * A distributed fit equals nn's Trainer on the same rows with the same {@link BatchPlan}, to
 * 1e-10: weights, optimiser state, per-epoch loss and metric, and the distributed validation.
 */
class SparkTrainerEquivalenceTest {
    private static final double TOLERANCE = 1e-10;
    private static final int N = 201;
    private static final int BATCH = 16;
    private static final long SEED = 11;

    static MLP net(long seed) {
        return MLP.of(SyntheticData.FEATURES, 8, SyntheticData.CLASSES).hiddenActivation(Activation.TANH).build(seed);
    }

    static void assertSameWeights(Module expected, Module actual, double tolerance) {
        Map<String, Tensor> e = expected.stateDict();
        Map<String, Tensor> a = actual.stateDict();
        assertEquals(e.keySet(), a.keySet());
        for (String name : e.keySet()) {
            assertArrayEquals(e.get(name).toArray(), a.get(name).toArray(), tolerance, name);
        }
    }

    static void assertSameState(Optimizer expected, Optimizer actual, double tolerance) {
        Map<String, Tensor> e = expected.stateDict();
        Map<String, Tensor> a = actual.stateDict();
        assertEquals(e.keySet(), a.keySet());
        for (String key : e.keySet()) {
            assertArrayEquals(e.get(key).toArray(), a.get(key).toArray(), tolerance, key);
        }
    }

    /** Fits both ways with the optimiser from {@code optimizer} and compares everything. */
    private static void assertFitsAgree(Dataset train, Dataset validation, JavaRDD<Sample> rows, OptimizerFactory optimizer,
            int epochs, boolean hasState) {
        JavaSparkContext sc = LocalSpark.get();
        MLP distributedModel = net(3);
        SparkTrainer trainer = SparkTrainer.builder(sc, distributedModel, () -> net(0), CrossEntropy::new, optimizer)
                .epochs(epochs).batchSize(BATCH).seed(SEED).metric(Accuracy::ofClasses)
                .validation(sc.parallelize(SyntheticData.samples(validation), 2)).log(null).build();
        TrainingHistory actual = trainer.fit(rows);

        MLP localModel = net(3);
        Optimizer localOptimizer = optimizer.create(localModel);
        BatchPlan plan = new BatchPlan(trainer.partitionSizes(), BATCH, SEED);
        TrainingHistory expected = Trainer.builder(localModel, new CrossEntropy(), localOptimizer)
                .epochs(epochs).batchOrder(plan).metric(Accuracy.ofClasses()).validation(validation)
                .progress(ProgressMode.NEVER).build().fit(train);

        assertSameWeights(localModel, distributedModel, TOLERANCE);
        assertSameState(localOptimizer, trainer.optimizer(), TOLERANCE);
        assertEquals(hasState, localOptimizer.stateDict().size() > 1, "optimiser state beyond the learning rate");
        assertEquals(epochs, actual.epochs().size());
        for (int e = 0; e < epochs; e++) {
            assertEquals(expected.epochs().get(e).trainLoss(), actual.epochs().get(e).trainLoss(), TOLERANCE);
            assertEquals(expected.epochs().get(e).trainMetric(), actual.epochs().get(e).trainMetric(), TOLERANCE);
            assertEquals(expected.epochs().get(e).validationLoss(), actual.epochs().get(e).validationLoss(), TOLERANCE);
            assertEquals(expected.epochs().get(e).validationMetric(), actual.epochs().get(e).validationMetric(), TOLERANCE);
        }
        // Training moved the weights: the comparison is not of two untouched models.
        assertTrue(Math.abs(localModel.stateDict().get("layers.0.weight").toArray()[0]
                - net(3).stateDict().get("layers.0.weight").toArray()[0]) > 1e-3);
        assertEquals(epochs * (long) plan.batches(1, train.size()).size(), trainer.stepCount());
    }

    @Test
    void adamOnTwoPartitionsEqualsOneMachineWithTheSameBatchPlan() {
        Dataset data = SyntheticData.dataset(N, 5);
        JavaRDD<Sample> rows = LocalSpark.get().parallelize(SyntheticData.samples(data), 2);
        assertFitsAgree(data, SyntheticData.dataset(60, 50), rows, m -> new Adam(m, 0.05), 3, true);
    }

    @Test
    void sgdWithMomentumOnTwoPartitionsEqualsOneMachineWithTheSameBatchPlan() {
        Dataset data = SyntheticData.dataset(N, 6);
        JavaRDD<Sample> rows = LocalSpark.get().parallelize(SyntheticData.samples(data), 2);
        assertFitsAgree(data, SyntheticData.dataset(60, 60), rows, m -> new SGD(m, 0.1).momentum(0.9), 3, true);
    }

    @Test
    void anEmptyPartitionChangesNothing() {
        JavaSparkContext sc = LocalSpark.get();
        Dataset data = SyntheticData.dataset(N, 7);
        // Partition 1 drops its rows: partition 0 holds rows 0…99, partition 1 none.
        JavaRDD<Sample> rows = sc.parallelize(SyntheticData.samples(data), 2)
                .mapPartitionsWithIndex((p, it) -> p == 1 ? Collections.<Sample>emptyIterator() : it, true);
        assertFitsAgree(data.subset(range(100)), SyntheticData.dataset(30, 70), rows, m -> new SGD(m, 0.2), 2, false);
    }

    private static int[] range(int n) {
        int[] r = new int[n];
        for (int i = 0; i < n; i++) {
            r[i] = i;
        }
        return r;
    }

    static MLP regressionNet(long seed) {
        return MLP.of(3, 6, 2).hiddenActivation(Activation.SIGMOID).build(seed);
    }

    @Test
    void targetVectorsWithMeanSquaredErrorEqualOneMachine() {
        Random r = new Random(9);
        int n = 90;
        double[][] x = new double[n][3];
        double[][] y = new double[n][2];
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 3; j++) {
                x[i][j] = r.nextGaussian();
            }
            y[i][0] = x[i][0] - 2 * x[i][1];
            y[i][1] = Math.sin(x[i][2]);
            samples.add(Sample.withTarget(i, x[i], y[i]));
        }
        MLP actual = regressionNet(2);
        SparkTrainer trainer = SparkTrainer.builder(LocalSpark.get(), actual, () -> regressionNet(0),
                MeanSquaredError::new, m -> new SGD(m, 0.1)).epochs(2).batchSize(20).seed(3).log(null).build();
        trainer.fit(LocalSpark.get().parallelize(samples, 2));

        MLP expected = regressionNet(2);
        Trainer.builder(expected, new MeanSquaredError(), new SGD(expected, 0.1)).epochs(2)
                .batchOrder(new BatchPlan(trainer.partitionSizes(), 20, 3)).progress(ProgressMode.NEVER).build()
                .fit(Dataset.of(x, y));
        assertSameWeights(expected, actual, TOLERANCE);
    }
}
