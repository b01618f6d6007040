package io.github.chainrule.nn.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.chainrule.autodiff.Grad;
import io.github.chainrule.autodiff.Tensor;
import io.github.chainrule.nn.layers.MLP;
import io.github.chainrule.nn.loss.CrossEntropy;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;

/**
 * A training step written with nn (MLP, CrossEntropy, SGD) takes the parameters where the same
 * step written with plain tensor operations does: z = x Wᵀ + b through matmulTransposed and a
 * broadcast add, ReLU, −mean log softmax at the labels, and w ← w − η ∂L/∂w.
 */
class NnStepMatchesGraphStepTest {
    private static final int[] SIZES = {9, 7, 5, 4};
    private static final int BATCH = 6;
    private static final double LR = 0.1;

    @Test
    void threeStepsOfNnEqualThreeStepsOfTheGraph() {
        MLP model = MLP.of(SIZES).build(11L);
        SGD sgd = new SGD(model, LR);
        CrossEntropy loss = new CrossEntropy();
        int layers = SIZES.length - 1;
        Tensor[] w = new Tensor[layers];
        Tensor[] b = new Tensor[layers];
        for (int l = 0; l < layers; l++) {
            w[l] = Tensor.of(model.layer(l + 1).weight().value().toArray(), SIZES[l + 1], SIZES[l]).requiresGrad();
            b[l] = Tensor.of(model.layer(l + 1).bias().value().toArray(), SIZES[l + 1]).requiresGrad();
        }
        Well19937c rng = new Well19937c(5);
        Tensor x = Tensor.randn(rng, BATCH, SIZES[0]);
        int[] labels = {0, 3, 1, 2, 3, 0};
        for (int step = 0; step < 3; step++) {
            sgd.zeroGrad();
            Tensor nnLoss = loss.compute(model.forward(x), labels);
            nnLoss.backward();
            sgd.step();

            Tensor h = x;
            for (int l = 0; l < layers; l++) {
                w[l].zeroGrad();
                b[l].zeroGrad();
                h = h.matmulTransposed(w[l]).add(b[l]);
                if (l < layers - 1) {
                    h = h.relu();
                }
            }
            Tensor graphLoss = h.logSoftmax(1).gather(1, labels).mean().neg();
            graphLoss.backward();
            try (Grad.Scope off = Grad.disabled()) {
                for (Tensor p : new Tensor[] {w[0], b[0], w[1], b[1], w[2], b[2]}) {
                    p.updateInPlace((values, g) -> {
                        for (int i = 0; i < values.length; i++) {
                            values[i] -= LR * g[i];
                        }
                    });
                }
            }
            assertEquals(graphLoss.item(), nnLoss.item(), 1e-12, "loss at step " + step);
            for (int l = 0; l < layers; l++) {
                assertClose(w[l].toArray(), model.layer(l + 1).weight().value().toArray(), "W" + (l + 1), step);
                assertClose(b[l].toArray(), model.layer(l + 1).bias().value().toArray(), "b" + (l + 1), step);
            }
        }
    }

    private static void assertClose(double[] expected, double[] actual, String what, int step) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 1e-12, what + "[" + i + "] after step " + step);
        }
    }
}
