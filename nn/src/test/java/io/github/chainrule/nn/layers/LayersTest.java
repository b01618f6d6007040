package io.github.chainrule.nn.layers;

import org.apache.commons.math3.random.Well19937c;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.chainrule.autodiff.Tensor;
import io.github.chainrule.nn.Module;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Dropout and the train/eval mode, Embedding, LayerNorm's refusals, Linear on (…, in). */
class LayersTest {
    @Test
    void trainAndEvalPropagateToEverySubmodule() {
        Dropout inner = new Dropout(0.5, 1);
        Sequential net = Sequential.of(new Linear(2, 2, 1), Sequential.of(inner, new ReLU()));
        assertTrue(inner.isTraining(), "modules start in training mode");
        assertSame(net, net.eval());
        assertFalse(inner.isTraining());
        assertFalse(net.get(1).isTraining());
        net.train();
        assertTrue(inner.isTraining());
    }

    @Test
    void dropoutZeroesAboutPAndScalesTheRestByOneOverOneMinusP() {
        Dropout dropout = new Dropout(0.25, 7);
        Tensor x = Tensor.ones(100, 100);
        double[] y = dropout.forward(x).toArray();
        int zeros = 0;
        for (double v : y) {
            if (v == 0) {
                zeros++;
            } else {
                assertEquals(1 / 0.75, v, 0);
            }
        }
        // 10,000 Bernoulli(0.25) draws: the count lies within 5 standard deviations (43.3) of 2,500.
        assertTrue(Math.abs(zeros - 2500) < 5 * 43.3, "zeros: " + zeros);
    }

    @Test
    void dropoutInEvaluationModeIsTheIdentity() {
        Dropout dropout = new Dropout(0.9, 7);
        dropout.eval();
        Tensor x = Tensor.randn(new Well19937c(3), 4, 5);
        assertSame(x, dropout.forward(x));
        assertEquals(0, dropout.masksDrawn(), "evaluation draws no mask");
    }

    @Test
    void dropoutGradientIsTheMaskOverOneMinusP() {
        Dropout dropout = new Dropout(0.5, 3);
        Tensor x = Tensor.full(2.0, 4, 8).requiresGrad();
        Tensor y = dropout.forward(x);
        y.sum().backward();
        double[] out = y.toArray();
        double[] grad = x.grad().toArray();
        for (int i = 0; i < out.length; i++) {
            assertEquals(out[i] == 0 ? 0 : 2.0, grad[i], 0, "element " + i);
        }
    }

    @Test
    void dropoutMasksDependOnTheSeedAndTheCountAloneAndTheCountIsSavedState() {
        Dropout a = new Dropout(0.5, 11);
        Tensor x = Tensor.ones(64);
        double[] first = a.forward(x).toArray();
        double[] second = a.forward(x).toArray();
        assertFalse(java.util.Arrays.equals(first, second), "a fresh mask per call");
        assertEquals(Map.of("masksDrawn", 2.0), Map.of("masksDrawn", a.stateDict().get("masksDrawn").item()));

        Dropout b = new Dropout(0.5, 11);
        b.loadStateDict(Map.of("masksDrawn", Tensor.scalar(1)));
        assertArrayEquals(second, b.forward(x).toArray(), 0, "resumed after one mask, the next is the second");
        assertEquals(List.of(), List.copyOf(b.parameters()), "the count is a buffer, not a parameter");
    }

    @Test
    void dropoutRefusesAProbabilityOutsideZeroToOne() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Dropout(1.5));
        assertEquals("Dropout: probability must be in [0, 1], got 1.5", e.getMessage());
    }

    @Test
    void embeddingLooksUpRowsAndAddsGradientsIntoThem() {
        Embedding e = new Embedding(Tensor.of(new double[][] {{1, 2}, {3, 4}, {5, 6}}));
        Tensor idx = Tensor.of(new double[][] {{2, 0}, {2, 2}});
        Tensor out = e.forward(idx);
        assertArrayEquals(new int[] {2, 2, 2}, out.shape());
        assertArrayEquals(new double[] {5, 6, 1, 2, 5, 6, 5, 6}, out.toArray(), 0);
        out.sum().backward();
        // row 2 was looked up three times, row 0 once, row 1 never
        assertArrayEquals(new double[] {1, 1, 0, 0, 3, 3}, e.weight().grad().toArray(), 0);
    }

    @Test
    void embeddingRefusesAnIndexOutsideTheTable() {
        Embedding e = new Embedding(3, 2, 1);
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> e.forward(0, 3));
        assertEquals("Embedding(3, 2): index 3 at position 1 is outside 0..2", ex.getMessage());
        ex = assertThrows(IllegalArgumentException.class, () -> e.forward(Tensor.vector(1.5)));
        assertEquals("Embedding(3, 2): index 1.5 at flat position 0 is not a whole number in 0..2", ex.getMessage());
    }

    @Test
    void embeddingIsDrawnFromAStandardNormal() {
        double[] w = new Embedding(200, 50, 5).weight().value().toArray();
        double mean = 0;
        double squares = 0;
        for (double v : w) {
            mean += v / w.length;
            squares += v * v / w.length;
        }
        // 10,000 draws: the mean within 5/√10000 of 0, the second moment within 0.1 of 1.
        assertEquals(0, mean, 0.05);
        assertEquals(1, squares, 0.1);
    }

    @Test
    void layerNormNormalisesEveryRowToMeanZeroAndUnitVariance() {
        LayerNorm norm = new LayerNorm(4);
        Tensor y = norm.forward(Tensor.of(new double[][] {{1, 2, 3, 4}, {10, 10, 10, 14}}));
        // row 1: μ 2.5, σ² 1.25; row 2: μ 11, σ² 3
        double s1 = Math.sqrt(1.25 + 1e-5);
        double s2 = Math.sqrt(3 + 1e-5);
        assertArrayEquals(new double[] {-1.5 / s1, -0.5 / s1, 0.5 / s1, 1.5 / s1, -1 / s2, -1 / s2, -1 / s2, 3 / s2},
                y.toArray(), 1e-15);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> norm.forward(Tensor.ones(2, 3)));
        assertEquals("LayerNorm(4): input of shape [2, 3] must end in an axis of 4", e.getMessage());
    }

    @Test
    void linearOnAnInputOfRankThreeEqualsLinearOnEachRow() {
        Linear l = new Linear(3, 2, 4);
        Tensor x = Tensor.randn(new Well19937c(9), 2, 4, 3);
        Tensor y = l.forward(x);
        assertArrayEquals(new int[] {2, 4, 2}, y.shape());
        for (int b = 0; b < 2; b++) {
            Tensor rows = l.forward(x.select(0, b));
            assertArrayEquals(rows.toArray(), y.select(0, b).toArray(), 1e-15, "block " + b);
        }
    }

    @Test
    void linearOnRankFourGivesTheGradientOfTheFlattenedProduct() {
        Linear l = new Linear(3, 2, 4);
        Tensor x = Tensor.randn(new Well19937c(10), 2, 2, 5, 3);
        l.forward(x).square().sum().backward();
        double[] viaRank4 = l.weight().grad().toArray();
        l.zeroGrad();
        l.forward(x.reshape(20, 3)).square().sum().backward();
        assertArrayEquals(l.weight().grad().toArray(), viaRank4, 1e-12);
        assertNotEquals(0.0, viaRank4[0]);
    }

    @Test
    void aModuleWithoutSubmodulesHasNoBuffersUnlessItRegistersThem() {
        Module plain = new ReLU();
        assertEquals(Map.of(), plain.namedBuffers());
        Sequential s = Sequential.of(new Linear(1, 1, 0), new Dropout(0.1, 0));
        assertEquals(List.of("0.weight", "0.bias", "1.masksDrawn"), List.copyOf(s.stateDict().keySet()));
    }
}
