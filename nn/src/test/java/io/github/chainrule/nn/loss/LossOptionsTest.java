package io.github.chainrule.nn.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.chainrule.autodiff.Tensor;
import org.junit.jupiter.api.Test;

/** Reductions, CrossEntropy's options and its refusals (PyTorch's values: PyTorchReferenceTest). */
class LossOptionsTest {
    private static final Tensor OUT = Tensor.of(new double[][] {{0.8, 0.2}, {0.4, 0.6}});
    private static final Tensor Y = Tensor.of(new double[][] {{1, 0}, {0, 1}});

    @Test
    void quadraticCostReducesOverSamples() {
        // per sample ½‖a − y‖²: 0.04 and 0.16
        assertArrayEquals(new double[] {0.04, 0.16}, new QuadraticCost(Reduction.NONE).compute(OUT, Y).toArray(), 1e-15);
        assertEquals(0.2, new QuadraticCost(Reduction.SUM).compute(OUT, Y).item(), 1e-15);
        assertEquals(0.1, new QuadraticCost(Reduction.MEAN).compute(OUT, Y).item(), 1e-15);
        assertEquals(0, new QuadraticCost(Reduction.NONE).compute(Tensor.vector(0.8, 0.2), Tensor.vector(1, 0)).rank());
    }

    @Test
    void elementwiseLossesWithoutReductionKeepTheOutputsShape() {
        assertArrayEquals(new double[] {0.04, 0.04, 0.16, 0.16},
                new MeanSquaredError(Reduction.NONE).compute(OUT, Y).toArray(), 1e-15);
        assertArrayEquals(new int[] {2, 2}, new Huber(1, Reduction.NONE).compute(OUT, Y).shape());
        assertArrayEquals(new int[] {2, 2}, new BinaryCrossEntropyWithLogits(Reduction.NONE).compute(OUT, Y).shape());
        assertEquals(0.4, new MeanSquaredError(Reduction.SUM).compute(OUT, Y).item(), 1e-15);
    }

    @Test
    void crossEntropyPerSampleValuesAreMinusTheLogProbabilityOfTheLabel() {
        Tensor logits = Tensor.of(new double[][] {{1, 2, 3}, {0, 0, 0}});
        double sample1 = Math.log(Math.exp(1) + Math.exp(2) + Math.exp(3)) - 3;
        double sample2 = Math.log(3);
        assertArrayEquals(new double[] {sample1, sample2},
                new CrossEntropy(Reduction.NONE).compute(logits, 2, 0).toArray(), 1e-15);
        assertEquals(sample1 + sample2, new CrossEntropy(Reduction.SUM).compute(logits, 2, 0).item(), 1e-15);
        assertEquals(sample2, new CrossEntropy(Reduction.NONE).compute(Tensor.vector(0, 0, 0), 0).item(), 1e-15);
    }

    @Test
    void weightedMeanDividesByTheWeightsOfTheLabels() {
        Tensor logits = Tensor.of(new double[][] {{0, 0}, {0, 0}});
        // each sample's −log q = ln 2; weights 3 (label 0) and 1 (label 1): (3 ln2 + ln2) / (3 + 1)
        assertEquals(Math.log(2), new CrossEntropy().weights(3, 1).compute(logits, 0, 1).item(), 1e-15);
        assertEquals(4 * Math.log(2), new CrossEntropy(Reduction.SUM).weights(3, 1).compute(logits, 0, 1).item(), 1e-15);
    }

    @Test
    void anIgnoredSampleContributesNothingAndDoesNotCount() {
        Tensor logits = Tensor.of(new double[][] {{1, 2, 3}, {50, -50, 0}}).requiresGrad();
        CrossEntropy loss = new CrossEntropy().ignoreIndex(-1);
        Tensor value = loss.compute(logits, 2, -1);
        assertEquals(Math.log(Math.exp(1) + Math.exp(2) + Math.exp(3)) - 3, value.item(), 1e-15);
        value.backward();
        assertArrayEquals(new double[] {0, 0, 0}, logits.grad().select(0, 1).toArray(), 0);
    }

    @Test
    void aMeanOverOnlyIgnoredSamplesIsRefusedNotNaN() {
        CrossEntropy loss = new CrossEntropy().ignoreIndex(-1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> loss.compute(Tensor.zeros(2, 3), -1, -1));
        assertEquals("CrossEntropy: the mean is undefined: every one of the 2 samples is ignored or has class weight 0",
                e.getMessage());
        assertEquals(0, loss.reduction(Reduction.SUM).compute(Tensor.zeros(2, 3), -1, -1).item(), 0);
    }

    @Test
    void aNegativeLabelIsRefusedUnlessItIsTheIgnoredIndex() {
        SampleException e = assertThrows(SampleException.class, () -> new CrossEntropy().compute(Tensor.zeros(2, 3), 0, -100));
        assertEquals("CrossEntropy: label -100 of sample 1 is outside the 3 classes 0..2", e.getMessage());
        assertEquals(1, e.sample());
        e = assertThrows(SampleException.class,
                () -> new CrossEntropy().ignoreIndex(-1).compute(Tensor.zeros(2, 3), 0, -100));
        assertEquals("CrossEntropy: label -100 of sample 1 is outside the 3 classes 0..2 and is not the ignored index -1",
                e.getMessage());
    }

    @Test
    void aHugeOrInfiniteLabelIsReportedAsWhatItIs() {
        Tensor logits = Tensor.zeros(3, 10);
        SampleException e = assertThrows(SampleException.class,
                () -> new CrossEntropy().compute(logits, Tensor.vector(1, 1e10, 2)));
        assertEquals("CrossEntropy: label 10000000000 of sample 1 is outside the 10 classes 0..9", e.getMessage());
        e = assertThrows(SampleException.class,
                () -> new CrossEntropy().compute(logits, Tensor.vector(1, 2, Double.POSITIVE_INFINITY)));
        assertEquals("CrossEntropy: label Infinity of sample 2 is outside the 10 classes 0..9", e.getMessage());
        e = assertThrows(SampleException.class, () -> new CrossEntropy().compute(logits, Tensor.vector(Double.NaN, 1, 2)));
        assertEquals("CrossEntropy: target of sample 0 is NaN, not a whole-number class label", e.getMessage());
        assertEquals("CrossEntropy: target of data set row 41 is NaN, not a whole-number class label",
                e.messageNaming("data set row 41"));
    }

    @Test
    void optionsAreCheckedWhenGiven() {
        assertEquals("CrossEntropy: class weight 1 must be finite and >= 0, got -1.0",
                assertThrows(IllegalArgumentException.class, () -> new CrossEntropy().weights(1, -1)).getMessage());
        assertEquals("CrossEntropy: label smoothing must be in [0, 1], got 1.5",
                assertThrows(IllegalArgumentException.class, () -> new CrossEntropy().labelSmoothing(1.5)).getMessage());
        assertEquals("CrossEntropy: 2 class weights for 3 classes", assertThrows(IllegalArgumentException.class,
                () -> new CrossEntropy().weights(1, 2).compute(Tensor.zeros(1, 3), 0)).getMessage());
    }
}
