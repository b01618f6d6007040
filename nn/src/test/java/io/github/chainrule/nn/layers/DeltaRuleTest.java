package io.github.chainrule.nn.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.chainrule.autodiff.Tensor;
import io.github.chainrule.nn.loss.QuadraticCost;
import io.github.chainrule.nn.optim.SGD;
import java.util.function.DoubleUnaryOperator;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;

/**
 * The lecture notes' backpropagation equations, computed here with plain double loops, against
 * what the graph computes for an {@link MLP}:
 * <pre>
 *   δ^L = (a^L − y) ⊙ f'(z^L)
 *   δ^l = ((W^(l+1))ᵀ δ^(l+1)) ⊙ f'(z^l)
 *   ∂C/∂W^l = δ^l (a^(l−1))ᵀ,  ∂C/∂b^l = δ^l
 *   W ← W − (η/m) Σ_x δ^(x,l) (a^(x,l−1))ᵀ,  b ← b − (η/m) Σ_x δ^(x,l)
 * </pre>
 * For a batch of m samples with the averaged cost C = (1/m) Σ_x C_x, the graph's ∂C/∂z^(x,l)
 * is δ^(x,l)/m (the per-sample δ of the notes scaled by the average).
 */
class DeltaRuleTest {
    private static final double TOLERANCE = 1e-12;
    private static final double ETA = 0.5;
    private static double maxDifference;

    private static final DoubleUnaryOperator SIGMOID = z -> 1 / (1 + Math.exp(-z));
    private static final DoubleUnaryOperator SIGMOID_PRIME = z -> SIGMOID.applyAsDouble(z) * (1 - SIGMOID.applyAsDouble(z));
    private static final DoubleUnaryOperator RELU = z -> Math.max(z, 0);
    private static final DoubleUnaryOperator RELU_PRIME = z -> z > 0 ? 1 : 0;

    /** The notes' equations, by hand, for one network and one batch. */
    private static final class ByHand {
        final int layers;
        final double[][][] w;
        final double[][] b;
        final double[][][] z;      // [x][l][j], l = 1..L
        final double[][][] a;      // [x][l][j], l = 0..L
        final double[][][] delta;  // [x][l][j], per-sample δ of the notes
        final double[][][] gradW;  // (1/m) Σ_x δ aᵀ
        final double[][] gradB;    // (1/m) Σ_x δ

        ByHand(MLP net, double[][] xs, double[][] ys, DoubleUnaryOperator hidden, DoubleUnaryOperator hiddenPrime,
                DoubleUnaryOperator out, DoubleUnaryOperator outPrime) {
            layers = net.layers().size();
            int m = xs.length;
            w = new double[layers + 1][][];
            b = new double[layers + 1][];
            for (int l = 1; l <= layers; l++) {
                w[l] = net.layer(l).weight().value().toRows();
                b[l] = net.layer(l).bias().value().toArray();
            }
            z = new double[m][layers + 1][];
            a = new double[m][layers + 1][];
            delta = new double[m][layers + 1][];
            for (int x = 0; x < m; x++) {
                a[x][0] = xs[x].clone();
                for (int l = 1; l <= layers; l++) {
                    DoubleUnaryOperator f = l == layers ? out : hidden;
                    int rows = w[l].length;
                    z[x][l] = new double[rows];
                    a[x][l] = new double[rows];
                    for (int j = 0; j < rows; j++) {
                        double s = b[l][j];
                        for (int k = 0; k < w[l][j].length; k++) {
                            s += w[l][j][k] * a[x][l - 1][k];
                        }
                        z[x][l][j] = s;
                        a[x][l][j] = f.applyAsDouble(s);
                    }
                }
                // δ^L = (a^L − y) ⊙ f'(z^L)
                int outputs = w[layers].length;
                delta[x][layers] = new double[outputs];
                for (int j = 0; j < outputs; j++) {
                    delta[x][layers][j] = (a[x][layers][j] - ys[x][j]) * outPrime.applyAsDouble(z[x][layers][j]);
                }
                // δ^l = ((W^(l+1))ᵀ δ^(l+1)) ⊙ f'(z^l)
                for (int l = layers - 1; l >= 1; l--) {
                    int units = w[l].length;
                    delta[x][l] = new double[units];
                    for (int k = 0; k < units; k++) {
                        double s = 0;
                        for (int j = 0; j < w[l + 1].length; j++) {
                            s += w[l + 1][j][k] * delta[x][l + 1][j];
                        }
                        delta[x][l][k] = s * hiddenPrime.applyAsDouble(z[x][l][k]);
                    }
                }
            }
            // ∂C/∂W^l = (1/m) Σ_x δ^(x,l) (a^(x,l−1))ᵀ,  ∂C/∂b^l = (1/m) Σ_x δ^(x,l)
            gradW = new double[layers + 1][][];
            gradB = new double[layers + 1][];
            for (int l = 1; l <= layers; l++) {
                gradW[l] = new double[w[l].length][w[l][0].length];
                gradB[l] = new double[w[l].length];
                for (int x = 0; x < m; x++) {
                    for (int j = 0; j < w[l].length; j++) {
                        gradB[l][j] += delta[x][l][j] / m;
                        for (int k = 0; k < w[l][0].length; k++) {
                            gradW[l][j][k] += delta[x][l][j] * a[x][l - 1][k] / m;
                        }
                    }
                }
            }
        }
    }

    private static double[][] randomRows(long seed, int rows, int cols, double lo, double hi) {
        Well19937c rng = new Well19937c(seed);
        double[][] out = new double[rows][cols];
        for (double[] row : out) {
            for (int j = 0; j < cols; j++) {
                row[j] = lo + (hi - lo) * rng.nextDouble();
            }
        }
        return out;
    }

    private static void assertClose(double expected, double actual, String what) {
        double d = Math.abs(expected - actual);
        maxDifference = Math.max(maxDifference, d);
        assertTrue(d <= TOLERANCE, what + ": by hand " + expected + ", graph " + actual + ", difference " + d);
    }

    /** Runs the graph on a batch (or one 1-d sample) and compares everything with the loops. */
    private static void checkNetwork(MLP net, double[][] xs, double[][] ys, boolean singleVector,
            DoubleUnaryOperator hidden, DoubleUnaryOperator hiddenPrime) {
        ByHand hand = new ByHand(net, xs, ys, hidden, hiddenPrime, SIGMOID, SIGMOID_PRIME);
        int m = xs.length;
        Tensor x = singleVector ? Tensor.vector(xs[0]) : Tensor.of(xs);
        Tensor y = singleVector ? Tensor.vector(ys[0]) : Tensor.of(ys);

        Trace trace = net.forwardWithTrace(x);
        new QuadraticCost().compute(trace.output(), y).backward();

        for (int l = 1; l <= hand.layers; l++) {
            double[] z = trace.z(l).toArray();
            double[] delta = trace.delta(l).toArray();
            int units = hand.w[l].length;
            for (int s = 0; s < m; s++) {
                for (int j = 0; j < units; j++) {
                    assertClose(hand.z[s][l][j], z[s * units + j], "z^" + l + "[" + s + "][" + j + "]");
                    assertClose(hand.delta[s][l][j] / m, delta[s * units + j], "δ^" + l + "[" + s + "][" + j + "]");
                }
            }
            double[][] gw = net.layer(l).weight().grad().toRows();
            double[] gb = net.layer(l).bias().grad().toArray();
            for (int j = 0; j < units; j++) {
                assertClose(hand.gradB[l][j], gb[j], "∂C/∂b^" + l + "[" + j + "]");
                for (int k = 0; k < gw[j].length; k++) {
                    assertClose(hand.gradW[l][j][k], gw[j][k], "∂C/∂W^" + l + "[" + j + "][" + k + "]");
                }
            }
        }

        // One SGD step: W ← W − (η/m) Σ_x δ^(x,l) (a^(x,l−1))ᵀ, b ← b − (η/m) Σ_x δ^(x,l).
        new SGD(net, ETA).step();
        for (int l = 1; l <= hand.layers; l++) {
            double[][] w = net.layer(l).weight().value().toRows();
            double[] b = net.layer(l).bias().value().toArray();
            for (int j = 0; j < w.length; j++) {
                double sumDelta = 0;
                for (int s = 0; s < m; s++) {
                    sumDelta += hand.delta[s][l][j];
                }
                assertClose(hand.b[l][j] - ETA / m * sumDelta, b[j], "b^" + l + "[" + j + "] after SGD");
                for (int k = 0; k < w[j].length; k++) {
                    double sum = 0;
                    for (int s = 0; s < m; s++) {
                        sum += hand.delta[s][l][j] * hand.a[s][l - 1][k];
                    }
                    assertClose(hand.w[l][j][k] - ETA / m * sum, w[j][k], "W^" + l + "[" + j + "][" + k + "] after SGD");
                }
            }
        }
    }

    @Test
    void sigmoidNetworkSingleSampleMatchesTheDeltaRule() {
        MLP net = MLP.of(2, 4, 3, 2).activation(Activation.SIGMOID).build(42);
        checkNetwork(net, new double[][] {{0.05, 0.10}}, new double[][] {{0.01, 0.99}}, true, SIGMOID, SIGMOID_PRIME);
        report("sigmoid 2-4-3-2, one 1-d sample");
    }

    @Test
    void sigmoidNetworkBatchOfEightMatchesTheDeltaRule() {
        MLP net = MLP.of(2, 4, 3, 2).activation(Activation.SIGMOID).build(7);
        checkNetwork(net, randomRows(1, 8, 2, -2, 2), randomRows(2, 8, 2, 0, 1), false, SIGMOID, SIGMOID_PRIME);
        report("sigmoid 2-4-3-2, batch of 8");
    }

    @Test
    void reluHiddenLayersMatchTheDeltaRule() {
        MLP net = MLP.of(2, 4, 3, 2).hiddenActivation(Activation.RELU).outputActivation(Activation.SIGMOID).build(3);
        double[][] xs = randomRows(4, 8, 2, -2, 2);
        // The check means something only if both branches of ReLU' are taken.
        for (int l = 1; l <= 2; l++) {
            double[] z = net.forwardWithTrace(Tensor.of(xs)).z(l).toArray();
            assertTrue(java.util.Arrays.stream(z).anyMatch(v -> v > 0) && java.util.Arrays.stream(z).anyMatch(v -> v < 0),
                    "layer " + l + " should have active and inactive ReLUs");
        }
        checkNetwork(net, xs, randomRows(5, 8, 2, 0, 1), false, RELU, RELU_PRIME);
        report("ReLU hidden, sigmoid out, batch of 8");
    }

    @Test
    void reluHiddenLayersSingleSampleMatchTheDeltaRule() {
        MLP net = MLP.of(2, 4, 3, 2).hiddenActivation(Activation.RELU).outputActivation(Activation.SIGMOID).build(11);
        checkNetwork(net, new double[][] {{0.7, -0.3}}, new double[][] {{1.0, 0.0}}, true, RELU, RELU_PRIME);
        report("ReLU hidden, one 1-d sample");
    }

    @Test
    void theTraceExposesEveryLayer() {
        MLP net = MLP.of(2, 4, 3, 2).activation(Activation.SIGMOID).build(42);
        Trace t = net.forwardWithTrace(Tensor.of(new double[][] {{1, 2}}));
        assertEquals(3, t.depth());
        assertEquals(2, t.a(0).dim(1));
        assertEquals(4, t.z(1).dim(1));
        assertEquals(3, t.a(2).dim(1));
        assertEquals(t.output(), t.a(3));
        IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, () -> t.delta(1));
        assertTrue(e.getMessage().contains("no gradient yet"), e.getMessage());
    }

    private static void report(String what) {
        System.out.println("DeltaRuleTest " + what + ": max |hand − graph| so far = " + maxDifference);
    }
}
