package io.github.chainrule.nn.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.chainrule.autodiff.Tensor;
import org.junit.jupiter.api.Test;

/** Loss values and gradients against numbers worked out by hand. */
class LossValuesTest {
    private static final Tensor OUT = Tensor.of(new double[][] {{0.8, 0.2}, {0.4, 0.6}});
    private static final Tensor Y = Tensor.of(new double[][] {{1, 0}, {0, 1}});

    @Test
    void quadraticCostIsHalfTheSquaredErrorAveragedOverTheBatch() {
        // sample 1: ½(0.04 + 0.04) = 0.04; sample 2: ½(0.16 + 0.16) = 0.16; mean 0.1
        assertEquals(0.1, new QuadraticCost().compute(OUT, Y).item(), 1e-15);
        // one 1-d sample: m = 1
        assertEquals(0.04, new QuadraticCost().compute(Tensor.vector(0.8, 0.2), Tensor.vector(1, 0)).item(), 1e-15);
    }

    @Test
    void quadraticCostGradientIsTheErrorOverM() {
        Tensor a = Tensor.of(new double[][] {{0.8, 0.2}, {0.4, 0.6}}).requiresGrad();
        new QuadraticCost().compute(a, Y).backward();
        assertArrayEquals(new double[] {-0.1, 0.1, 0.2, -0.2}, a.grad().toArray(), 1e-15);
    }

    @Test
    void meanSquaredErrorAveragesOverAllElements() {
        assertEquals((0.04 + 0.04 + 0.16 + 0.16) / 4, new MeanSquaredError().compute(OUT, Y).item(), 1e-15);
    }

    @Test
    void meanSquaredErrorAcceptsAColumnAgainstAVector() {
        Tensor out = Tensor.of(new double[][] {{1}, {3}});
        assertEquals((1 + 1) / 2.0, new MeanSquaredError().compute(out, Tensor.vector(0, 2)).item(), 1e-15);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new MeanSquaredError().compute(out, Tensor.vector(0, 2, 4)));
        assertEquals("MeanSquaredError: output of shape [2, 1] and target of shape [3] do not match", e.getMessage());
    }

    @Test
    void crossEntropyIsMinusTheMeanLogProbabilityOfTheLabel() {
        Tensor logits = Tensor.of(new double[][] {{1, 2, 3}, {0, 0, 0}});
        double sample1 = Math.log(Math.exp(1) + Math.exp(2) + Math.exp(3)) - 3;
        double sample2 = Math.log(3);
        assertEquals((sample1 + sample2) / 2, new CrossEntropy().compute(logits, 2, 0).item(), 1e-15);
        assertEquals((sample1 + sample2) / 2, new CrossEntropy().compute(logits, Tensor.vector(2, 0)).item(), 1e-15);
    }

    @Test
    void crossEntropyGradientIsSoftmaxMinusOneHotOverM() {
        Tensor logits = Tensor.of(new double[][] {{1, 2, 3}, {0, 0, 0}}).requiresGrad();
        new CrossEntropy().compute(logits, 2, 0).backward();
        double z = Math.exp(1) + Math.exp(2) + Math.exp(3);
        double[] expected = {Math.exp(1) / z / 2, Math.exp(2) / z / 2, (Math.exp(3) / z - 1) / 2,
            (1.0 / 3 - 1) / 2, 1.0 / 6, 1.0 / 6};
        assertArrayEquals(expected, logits.grad().toArray(), 1e-15);
    }

    @Test
    void crossEntropyIsStableForLogitsOfMagnitudeAThousand() {
        Tensor logits = Tensor.of(new double[][] {{1000, -1000, 0}, {-1000, 1000, 500}}).requiresGrad();
        Tensor c = new CrossEntropy().compute(logits, 0, 0);
        // sample 1: log(1 + e^−2000 + e^−1000) ≈ 0; sample 2: 1000 − (−1000) = 2000 (+ log(1 + e^−500))
        assertEquals(1000, c.item(), 1e-9);
        c.backward();
        for (double g : logits.grad().toArray()) {
            assertTrue(Double.isFinite(g), "gradient must stay finite");
        }
        assertArrayEquals(new double[] {0, 0, 0, -0.5, 0.5, 0}, logits.grad().toArray(), 1e-15);
    }

    @Test
    void crossEntropyWithProbabilityTargets() {
        Tensor logits = Tensor.of(new double[][] {{0, 0}});
        Tensor p = Tensor.of(new double[][] {{0.25, 0.75}});
        assertEquals(Math.log(2), new CrossEntropy().compute(logits, p).item(), 1e-15);
    }

    @Test
    void crossEntropyNamesABadLabel() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new CrossEntropy().compute(Tensor.of(new double[][] {{1, 2}}), 2));
        assertEquals("CrossEntropy: label 2 of sample 0 is outside the 2 classes 0..1", e.getMessage());
    }

    @Test
    void binaryCrossEntropyWithLogitsMatchesTheDefinition() {
        // ℓ(0, 1) = log 2; ℓ(2, 0) = log(1 + e²); ℓ(−3, 1) = log(1 + e³)
        Tensor x = Tensor.vector(0, 2, -3).requiresGrad();
        Tensor c = new BinaryCrossEntropyWithLogits().compute(x, Tensor.vector(1, 0, 1));
        assertEquals((Math.log(2) + Math.log1p(Math.exp(2)) + Math.log1p(Math.exp(3))) / 3, c.item(), 1e-15);
        c.backward();
        // ∂ℓ/∂x = (σ(x) − y)/N
        double[] expected = {(0.5 - 1) / 3, (1 / (1 + Math.exp(-2))) / 3, (1 / (1 + Math.exp(3)) - 1) / 3};
        assertArrayEquals(expected, x.grad().toArray(), 1e-15);
    }

    @Test
    void binaryCrossEntropyIsStableForLargeLogits() {
        Tensor x = Tensor.vector(1000, -1000, 1000).requiresGrad();
        Tensor c = new BinaryCrossEntropyWithLogits().compute(x, Tensor.vector(0, 1, 1));
        assertEquals(2000.0 / 3, c.item(), 1e-12);
        c.backward();
        assertArrayEquals(new double[] {1.0 / 3, -1.0 / 3, 0}, x.grad().toArray(), 1e-15);
    }

    @Test
    void huberIsQuadraticInsideDeltaAndLinearOutside() {
        // δ = 1, d = (0.5, −2, 3): ½·0.25 = 0.125, 1·(2 − 0.5) = 1.5, 1·(3 − 0.5) = 2.5
        Tensor out = Tensor.vector(0.5, -2, 3).requiresGrad();
        Tensor c = new Huber(1.0).compute(out, Tensor.vector(0, 0, 0));
        assertEquals((0.125 + 1.5 + 2.5) / 3, c.item(), 1e-15);
        c.backward();
        // ∂/∂d = clamp(d, −δ, δ)/N
        assertArrayEquals(new double[] {0.5 / 3, -1.0 / 3, 1.0 / 3}, out.grad().toArray(), 1e-15);
    }

    @Test
    void huberWithOtherDelta() {
        // δ = 2, d = (1, 5): ½ and 2·(5 − 1) = 8
        assertEquals((0.5 + 8) / 2, new Huber(2.0).compute(Tensor.vector(1, 5), Tensor.vector(0, 0)).item(), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> new Huber(0));
    }
}
