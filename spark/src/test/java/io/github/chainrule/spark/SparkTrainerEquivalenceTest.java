package io.github.chainrule.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.chainrule.autodiff.Tensor;
import io.github.chainrule.nn.Module;
import io.github.chainrule.nn.data.Batch;
import io.github.chainrule.nn.data.Dataset;
import io.github.chainrule.nn.layers.Activation;
import io.github.chainrule.nn.layers.MLP;
import io.github.chainrule.nn.loss.CrossEntropy;
import io.github.chainrule.nn.optim.Adam;
import io.github.chainrule.nn.optim.Optimizer;
import io.github.chainrule.nn.optim.SGD;
import io.github.chainrule.nn.train.Accuracy;
import io.github.chainrule.nn.train.ProgressMode;
import io.github.chainrule.nn.train.Trainer;
import io.github.chainrule.nn.train.TrainingHistory;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.commons.math3.random.Well19937c;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;

/** Distributed training equals single-machine training on the same batches. */
class SparkTrainerEquivalenceTest {
    private static final double TOLERANCE = 1e-10;
    private static final int N = 200;
    private static final int BATCH = 16;

    static MLP net(long seed) {
        return MLP.of(SyntheticData.FEATURES, 8, SyntheticData.CLASSES).hiddenActivation(Activation.TANH).build(seed);
    }

    /** Plain nn: the batches of the shared seeded permutations, stepped on one machine. */
    private static Module singleMachine(Dataset data, int steps, Function<Module, Optimizer> opt) {
        MLP model = net(3);
        Optimizer optimizer = opt.apply(model);
        CrossEntropy loss = new CrossEntropy();
        Well19937c rng = new Well19937c(11);
        int taken = 0;
        while (taken < steps) {
            for (Batch b : data.batches(BATCH, rng)) {
                if (taken++ == steps) {
                    break;
                }
                optimizer.zeroGrad();
                loss.compute(model.forward(b.features()), b.targets()).backward();
                optimizer.step();
            }
        }
        return model;
    }

    private static Module distributed(JavaRDD<Sample> rows, int steps, Function<Module, Optimizer> opt) {
        MLP model = net(3);
        SparkTrainer trainer = SparkTrainer.builder(LocalSpark.get(), model, () -> net(0), CrossEntropy::new,
                opt.apply(model)).log(null).build();
        Well19937c rng = new Well19937c(11);
        int taken = 0;
        while (taken < steps) {
            int[] order = Dataset.permutation(N, rng);
            for (int from = 0; from < N && taken < steps; from += BATCH, taken++) {
                trainer.step(rows, Arrays.copyOfRange(order, from, Math.min(N, from + BATCH)));
            }
        }
        assertEquals(steps, trainer.stepCount());
        return model;
    }

    static void assertSameWeights(Module expected, Module actual, double tolerance) {
        Map<String, Tensor> e = expected.stateDict();
        Map<String, Tensor> a = actual.stateDict();
        assertEquals(e.keySet(), a.keySet());
        for (String name : e.keySet()) {
            double[] x = e.get(name).toArray();
            double[] y = a.get(name).toArray();
            for (int i = 0; i < x.length; i++) {
                assertEquals(x[i], y[i], tolerance, name + "[" + i + "]");
            }
        }
    }

    @Test
    void twentyAdamStepsOnFourPartitionsEqualOneMachine() {
        Dataset data = SyntheticData.dataset(N, 5);
        JavaRDD<Sample> rows = LocalSpark.get().parallelize(SyntheticData.samples(data), 4).cache();
        Function<Module, Optimizer> adam = m -> new Adam(m, 0.05);
        Module expected = singleMachine(data, 20, adam);
        Module actual = distributed(rows, 20, adam);
        assertSameWeights(expected, actual, TOLERANCE);
        // And training moved the weights: the comparison is not of two untouched models.
        assertTrue(Math.abs(expected.stateDict().get("layers.0.weight").toArray()[0]
                - net(3).stateDict().get("layers.0.weight").toArray()[0]) > 1e-3);
        rows.unpersist();
    }

    @Test
    void twentyMomentumStepsOnFourPartitionsEqualOneMachine() {
        Dataset data = SyntheticData.dataset(N, 6);
        JavaRDD<Sample> rows = LocalSpark.get().parallelize(SyntheticData.samples(data), 4).cache();
        Function<Module, Optimizer> sgd = m -> new SGD(m, 0.1).momentum(0.9);
        assertSameWeights(singleMachine(data, 20, sgd), distributed(rows, 20, sgd), TOLERANCE);
        rows.unpersist();
    }

    @Test
    void anEmptyPartitionChangesNothing() {
        JavaSparkContext sc = LocalSpark.get();
        Dataset data = SyntheticData.dataset(N, 7);
        JavaRDD<Sample> rows = sc.parallelize(SyntheticData.samples(data), 3)
                .union(sc.parallelize(Collections.<Sample>emptyList(), 1));
        assertEquals(4, rows.getNumPartitions());
        List<Integer> sizes = rows.glom().map(List::size).collect();
        assertTrue(sizes.contains(0), "one partition is empty: " + sizes);
        Function<Module, Optimizer> sgd = m -> new SGD(m, 0.2);
        assertSameWeights(singleMachine(data, 20, sgd), distributed(rows, 20, sgd), TOLERANCE);
    }

    @Test
    void fitReportsWhatNnsTrainerReportsOnTheSameSeed() {
        Dataset data = SyntheticData.dataset(N, 8);
        MLP local = net(3);
        TrainingHistory expected = Trainer.builder(local, new CrossEntropy(), new Adam(local, 0.02))
                .epochs(2).batchSize(BATCH).seed(4).metric(Accuracy.ofClasses()).progress(ProgressMode.NEVER)
                .build().fit(data);

        MLP model = net(3);
        JavaRDD<Sample> rows = LocalSpark.get().parallelize(SyntheticData.samples(data), 4);
        TrainingHistory actual = SparkTrainer.builder(LocalSpark.get(), model, () -> net(0), CrossEntropy::new,
                        new Adam(model, 0.02))
                .epochs(2).batchSize(BATCH).seed(4).metric(Accuracy::ofClasses).log(null)
                .build().fit(rows);

        assertSameWeights(local, model, TOLERANCE);
        assertEquals(2, actual.epochs().size());
        for (int e = 0; e < 2; e++) {
            assertEquals(expected.epochs().get(e).trainLoss(), actual.epochs().get(e).trainLoss(), TOLERANCE);
            assertEquals(expected.epochs().get(e).trainMetric(), actual.epochs().get(e).trainMetric(), TOLERANCE);
        }
    }
}
