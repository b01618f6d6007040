package io.github.chainrule.nn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.chainrule.autodiff.Grad;
import io.github.chainrule.autodiff.Tensor;
import io.github.chainrule.nn.data.Dataset;
import io.github.chainrule.nn.layers.Activation;
import io.github.chainrule.nn.layers.MLP;
import io.github.chainrule.nn.loss.BinaryCrossEntropyWithLogits;
import io.github.chainrule.nn.loss.MeanSquaredError;
import io.github.chainrule.nn.optim.Adam;
import io.github.chainrule.nn.optim.Optimizer;
import io.github.chainrule.nn.optim.SGD;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Training actually learns; every seed and number is fixed so the results are reproducible. */
class ConvergenceTest {
    private static final double[][] XOR_X = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};

    @Test
    void xorIsSolvedByATwoFourOneNetwork() {
        MLP net = MLP.of(2, 4, 1).hiddenActivation(Activation.TANH).outputActivation(Activation.IDENTITY).build(1);
        Dataset xor = Dataset.of(Tensor.of(XOR_X), Tensor.of(new double[][] {{0}, {1}, {1}, {0}}));
        TrainingHistory h = Trainer.builder(net, new BinaryCrossEntropyWithLogits(), new Adam(net, 0.05))
                .epochs(500).batchSize(4).seed(1).metric(Accuracy.ofLogits()).progress(ProgressMode.NEVER).build()
                .fit(xor);
        System.out.println("XOR 2-4-1 (tanh, BCE with logits, Adam η=0.05, 500 full-batch epochs): final loss "
                + h.last().trainLoss());
        try (Grad.Scope off = Grad.disabled()) {
            double[] out = net.forward(Tensor.of(XOR_X)).toArray();
            assertTrue(out[0] < 0 && out[1] > 0 && out[2] > 0 && out[3] < 0, java.util.Arrays.toString(out));
        }
        assertEquals(1.0, h.last().trainMetric(), 0);
        assertTrue(h.last().trainLoss() < 0.01, "loss " /* measured 1.18e-3 */ + h.last().trainLoss());
    }

    /** y = sin(x) on 64 evenly spaced points of [−π, π]. */
    private static Dataset sine() {
        double[][] x = new double[64][1];
        double[][] y = new double[64][1];
        for (int i = 0; i < 64; i++) {
            x[i][0] = -Math.PI + 2 * Math.PI * i / 63;
            y[i][0] = Math.sin(x[i][0]);
        }
        return Dataset.of(x, y);
    }

    private static TrainingHistory fitSine(Function<MLP, Optimizer> optimizer, int epochs) {
        MLP net = MLP.of(1, 16, 1).hiddenActivation(Activation.TANH).build(3);
        return Trainer.builder(net, new MeanSquaredError(), optimizer.apply(net))
                .epochs(epochs).batchSize(16).seed(2).progress(ProgressMode.NEVER).build().fit(sine());
    }

    @Test
    void aSmallRegressionFitsTheSine() {
        TrainingHistory h = fitSine(net -> new Adam(net, 0.01), 400);
        System.out.println("sin regression 1-16-1 (tanh, MSE, Adam η=0.01, batch 16, 400 epochs): first loss "
                + h.epochs().get(0).trainLoss() + ", final loss " + h.last().trainLoss());
        assertTrue(h.last().trainLoss() < 1e-4, "loss " /* measured 3.03e-5 */ + h.last().trainLoss());
    }

    @Test
    void adamReachesALowerLossThanPlainSgdOnTheSine() {
        TrainingHistory sgd = fitSine(net -> new SGD(net, 0.01), 100);
        TrainingHistory adam = fitSine(net -> new Adam(net, 0.01), 100);
        System.out.println("sin regression, 100 epochs from the same init: SGD η=0.01 loss " + sgd.last().trainLoss()
                + ", Adam η=0.01 loss " + adam.last().trainLoss());
        // measured: SGD 6.98e-2, Adam 1.16e-3
        assertTrue(adam.last().trainLoss() < sgd.last().trainLoss() / 10,
                "Adam " + adam.last().trainLoss() + " vs SGD " + sgd.last().trainLoss());
    }
}
