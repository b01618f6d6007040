package io.github.chainrule.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.chainrule.autodiff.Tensor;
import io.github.chainrule.nn.Module;
import io.github.chainrule.nn.data.Dataset;
import io.github.chainrule.nn.layers.MLP;
import io.github.chainrule.nn.loss.CrossEntropy;
import io.github.chainrule.nn.optim.Adam;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.junit.jupiter.api.Test;

/** Failures surface on the driver with clear messages and leave the model as it was. */
class SparkTrainerFailureTest {
    private static final int N = 64;
    private static final int[] FIRST = range(0, 32);
    private static final int[] SECOND = range(32, 64);

    private static int[] range(int from, int to) {
        int[] r = new int[to - from];
        Arrays.setAll(r, i -> from + i);
        return r;
    }

    private static SparkTrainer trainer(MLP model) {
        return SparkTrainer.builder(LocalSpark.get(), model, () -> SparkTrainerEquivalenceTest.net(0),
                CrossEntropy::new, new Adam(model, 0.05)).log(null).build();
    }

    private static JavaRDD<Sample> rows(List<Sample> samples) {
        return LocalSpark.get().parallelize(samples, 4);
    }

    private static void assertExactlyEqual(Map<String, Tensor> before, Module after) {
        Map<String, Tensor> now = after.stateDict();
        for (String name : before.keySet()) {
            assertTrue(Arrays.equals(before.get(name).toArray(), now.get(name).toArray()), name + " changed");
        }
    }

    /** Replaces row {@code index} of {@code samples} by {@code poisoned}. */
    private static List<Sample> with(List<Sample> samples, Sample poisoned) {
        List<Sample> out = new ArrayList<>(samples);
        out.set((int) poisoned.index(), poisoned);
        return out;
    }

    @Test
    void aNanFeatureFailsTheStepClearlyAndChangesNothing() {
        List<Sample> clean = SyntheticData.samples(SyntheticData.dataset(N, 1));
        double[] bad = clean.get(17).features();
        bad[3] = Double.NaN;
        JavaRDD<Sample> poisoned = rows(with(clean, Sample.labelled(17, bad, clean.get(17).label())));

        MLP model = SparkTrainerEquivalenceTest.net(3);
        SparkTrainer trainer = trainer(model);
        trainer.step(rows(clean), SECOND);
        Map<String, Tensor> before = model.stateDict();

        SparkTrainingException e = assertThrows(SparkTrainingException.class, () -> trainer.step(poisoned, FIRST));
        assertTrue(e.getMessage().contains("row 17 has feature 3 = NaN"), e.getMessage());
        assertTrue(e.getMessage().contains("unchanged"), e.getMessage());
        assertEquals(2, e.step());
        assertExactlyEqual(before, model);
        assertEquals(1, trainer.stepCount());

        // The optimiser's state is untouched too: the next clean step is that of a trainer that
        // never saw the failure.
        MLP reference = SparkTrainerEquivalenceTest.net(3);
        SparkTrainer untroubled = trainer(reference);
        untroubled.step(rows(clean), SECOND);
        untroubled.step(rows(clean), FIRST);
        trainer.step(rows(clean), FIRST);
        SparkTrainerEquivalenceTest.assertSameWeights(reference, model, 0);
    }

    @Test
    void aLabelOutOfRangeFailsTheStepClearlyAndChangesNothing() {
        List<Sample> clean = SyntheticData.samples(SyntheticData.dataset(N, 2));
        JavaRDD<Sample> poisoned = rows(with(clean, Sample.labelled(40, clean.get(40).features(), 7)));
        MLP model = SparkTrainerEquivalenceTest.net(3);
        SparkTrainer trainer = trainer(model);
        Map<String, Tensor> before = model.stateDict();

        SparkTrainingException e = assertThrows(SparkTrainingException.class, () -> trainer.step(poisoned, SECOND));
        assertTrue(e.getMessage().contains("label 7"), e.getMessage());
        assertTrue(e.getMessage().contains("outside the 3 classes"), e.getMessage());
        assertTrue(e.getMessage().contains("40"), e.getMessage());
        assertExactlyEqual(before, model);
        // The same data without the batch holding row 40 trains normally.
        trainer.step(poisoned, FIRST);
        assertEquals(1, trainer.stepCount());
    }

    /** Not serialisable: the anonymous factory captures this test instance. */
    private final Object notSerialisable = new Object();

    @Test
    void aFactoryThatDoesNotSerialiseIsRefusedBeforeAnyJob() {
        MLP model = SparkTrainerEquivalenceTest.net(3);
        ModelFactory captures = new ModelFactory() {
            private static final long serialVersionUID = 1L;

            @Override
            public Module create() {
                return notSerialisable == null ? null : SparkTrainerEquivalenceTest.net(0);
            }
        };
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SparkTrainer.builder(
                LocalSpark.get(), model, captures, CrossEntropy::new, new Adam(model, 0.01)).build());
        assertTrue(e.getMessage().contains("model factory"), e.getMessage());
        assertTrue(e.getMessage().contains("cannot be sent to the executors"), e.getMessage());
        assertTrue(e.getMessage().contains("NotSerializableException"), e.getMessage());
    }

    @Test
    void aFactoryOfAnotherArchitectureIsRefused() {
        MLP model = SparkTrainerEquivalenceTest.net(3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SparkTrainer.builder(
                LocalSpark.get(), model, () -> MLP.of(5, 9, 3).build(0), CrossEntropy::new, new Adam(model, 0.01))
                .build());
        assertTrue(e.getMessage().contains("'layers.0.weight' is [9, 5], not [8, 5]"), e.getMessage());
    }

    @Test
    void anOptimiserOverAnotherModelIsRefused() {
        MLP model = SparkTrainerEquivalenceTest.net(3);
        MLP other = SparkTrainerEquivalenceTest.net(3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SparkTrainer.builder(
                LocalSpark.get(), model, () -> SparkTrainerEquivalenceTest.net(0), CrossEntropy::new,
                new Adam(other, 0.01)).build());
        assertTrue(e.getMessage().contains("not a parameter of the model"), e.getMessage());
    }

    @Test
    void indicesThatAreNotZeroToNMinusOneAreRefused() {
        Dataset data = SyntheticData.dataset(8, 3);
        List<Sample> dup = new ArrayList<>(SyntheticData.samples(data));
        dup.set(5, Sample.labelled(4, dup.get(5).features(), dup.get(5).label()));
        MLP model = SparkTrainerEquivalenceTest.net(3);
        SparkTrainer trainer = trainer(model);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> trainer.fit(rows(dup)));
        assertTrue(e.getMessage().contains("each once"), e.getMessage());
        assertTrue(e.getMessage().contains("7 distinct"), e.getMessage());

        SparkTrainingException missing = assertThrows(SparkTrainingException.class,
                () -> trainer.step(rows(SyntheticData.samples(data)), 6, 7, 8));
        assertTrue(missing.getMessage().contains("asked for 3 rows but the data held 2"), missing.getMessage());
    }
}
