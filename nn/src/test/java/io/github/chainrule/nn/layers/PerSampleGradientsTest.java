package io.github.chainrule.nn.layers;

import org.apache.commons.math3.random.Well19937c;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.chainrule.autodiff.Tensor;
import io.github.chainrule.nn.Parameter;
import io.github.chainrule.nn.loss.CrossEntropy;
import io.github.chainrule.nn.loss.Loss;
import io.github.chainrule.nn.loss.QuadraticCost;
import io.github.chainrule.nn.loss.Reduction;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Per-sample gradients from one pass against a loop of one backward pass per sample. */
class PerSampleGradientsTest {
    private static final double TOLERANCE = 1e-13;

    /** Each sample's gradients by its own forward and backward pass: the slow, obvious way. */
    private static List<Map<String, Tensor>> loop(MLP model, Loss loss, Tensor x, Tensor target) {
        List<Map<String, Tensor>> out = new ArrayList<>();
        for (int i = 0; i < x.dim(0); i++) {
            model.zeroGrad();
            Tensor xi = x.slice(0, i, i + 1);
            Tensor ti = target.slice(0, i, i + 1);
            loss.compute(model.forward(xi), ti).sum().backward();
            Map<String, Tensor> grads = new LinkedHashMap<>();
            model.namedParameters().forEach((name, p) -> grads.put(name, p.grad()));
            out.add(grads);
        }
        model.zeroGrad();
        return out;
    }

    private static void assertMatchesTheLoop(MLP model, Loss perSample, Tensor x, Tensor target) {
        PerSampleGradients fast = PerSampleGradients.of(model, perSample, x, target);
        List<Map<String, Tensor>> slow = loop(model, perSample, x, target);
        assertEquals(x.dim(0), fast.batchSize());
        for (Map.Entry<String, Tensor> e : fast.gradients().entrySet()) {
            Tensor all = e.getValue();
            assertEquals(x.dim(0), all.dim(0), e.getKey());
            for (int i = 0; i < x.dim(0); i++) {
                Tensor expected = slow.get(i).get(e.getKey());
                assertArrayEquals(expected.shape(), all.select(0, i).shape(), e.getKey());
                assertArrayEquals(expected.toArray(), all.select(0, i).toArray(), TOLERANCE, e.getKey() + " sample " + i);
            }
        }
        double[] norms = fast.norms();
        for (int i = 0; i < x.dim(0); i++) {
            double squares = 0;
            for (Tensor g : slow.get(i).values()) {
                for (double v : g.toArray()) {
                    squares += v * v;
                }
            }
            assertEquals(Math.sqrt(squares), norms[i], TOLERANCE * Math.max(1, norms[i]), "norm of sample " + i);
        }
    }

    @Test
    void crossEntropyGradientsOfEverySampleEqualTheLoopOverSamples() {
        MLP model = MLP.of(5, 7, 6, 3).hiddenActivation(Activation.TANH).build(3);
        Tensor x = Tensor.randn(new Well19937c(1), 9, 5);
        Tensor labels = Tensor.vector(0, 2, 1, 1, 0, 2, 2, 1, 0);
        assertMatchesTheLoop(model, new CrossEntropy(Reduction.NONE), x, labels);
    }

    @Test
    void theNotesNetworkWithTheQuadraticCostEqualsTheLoopOverSamples() {
        MLP model = MLP.of(2, 4, 3, 2).activation(Activation.SIGMOID).build(42);
        Tensor x = Tensor.randn(new Well19937c(2), 6, 2);
        Tensor y = Tensor.rand(new Well19937c(3), 6, 2);
        assertMatchesTheLoop(model, new QuadraticCost(Reduction.NONE), x, y);
    }

    @Test
    void theClippedSumScalesEachSampleToTheNormBoundThenAdds() {
        MLP model = MLP.of(4, 5, 3).hiddenActivation(Activation.RELU).build(8);
        Tensor x = Tensor.randn(new Well19937c(4), 7, 4).mul(3);
        Tensor labels = Tensor.vector(0, 1, 2, 0, 1, 2, 0);
        PerSampleGradients g = PerSampleGradients.of(model, new CrossEntropy(Reduction.NONE), x, labels);
        double maxNorm = 0.5;
        double[] norms = g.norms();
        Map<String, Tensor> clipped = g.clippedSum(maxNorm);
        for (Map.Entry<String, Tensor> e : g.gradients().entrySet()) {
            Tensor expected = null;
            for (int i = 0; i < 7; i++) {
                Tensor gi = e.getValue().select(0, i).mul(Math.min(1, maxNorm / norms[i]));
                expected = expected == null ? gi : expected.add(gi);
            }
            assertArrayEquals(expected.toArray(), clipped.get(e.getKey()).toArray(), TOLERANCE, e.getKey());
        }
    }

    @Test
    void theModelsAccumulatedGradientsAreLeftAsTheyWere() {
        MLP model = MLP.of(3, 2).build(1);
        Parameter w = model.layer(1).weight();
        w.setGrad(Tensor.full(7.0, 2, 3));
        PerSampleGradients.of(model, new CrossEntropy(Reduction.NONE), Tensor.randn(new Well19937c(5), 4, 3), Tensor.vector(0, 1, 1, 0));
        assertArrayEquals(Tensor.full(7.0, 2, 3).toArray(), w.grad().toArray(), 0);
        assertNull(model.layer(1).bias().grad());
    }

    @Test
    void aLossReducedToOneValueIsRefused() {
        MLP model = MLP.of(3, 2).build(1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PerSampleGradients.of(model,
                new CrossEntropy(), Tensor.randn(new Well19937c(5), 4, 3), Tensor.vector(0, 1, 1, 0)));
        assertEquals("PerSampleGradients: the loss must give one value per sample, shape (4), got shape []; "
                + "pass it with Reduction.NONE", e.getMessage());
    }
}
