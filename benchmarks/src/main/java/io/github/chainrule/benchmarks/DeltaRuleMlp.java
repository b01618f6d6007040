package io.github.chainrule.benchmarks;

import io.github.chainrule.autodiff.kernel.KernelProvider;
import io.github.chainrule.autodiff.kernel.Kernels;

/**
 * The no-overhead baseline: one SGD step of the ReLU MLP with softmax cross-entropy, written
 * by hand as the delta rule on the same {@link Kernels} the graph uses, with every buffer
 * allocated once. Whatever the graph step costs beyond this is graph overhead.
 *
 * <p>Per layer l (weights W (out × in), inputs A, pre-activations Z = A Wᵀ + b):
 * δ_L = (softmax(Z_L) − onehot(y)) / batch; dW = δᵀ A; db = Σ_rows δ; δ_{l−1} = (δ W) ⊙ [Z_{l−1} > 0].
 */
final class DeltaRuleMlp {
    private static final Kernels KERNELS = KernelProvider.get();

    private final MlpProblem problem;
    private final double[][] weights;
    private final double[][] biases;
    /** activations[0] is the input; activations[l+1] = relu(z[l]) (the last one is the softmax). */
    private final double[][] activations;
    private final double[][] z;
    private final double[][] delta;
    private final double[][] weightGrads;
    private final double[][] biasGrads;

    DeltaRuleMlp(MlpProblem problem) {
        this.problem = problem;
        int layers = MlpProblem.layers();
        int batch = MlpProblem.BATCH;
        int[] sizes = MlpProblem.SIZES;
        weights = new double[layers][];
        biases = new double[layers][];
        activations = new double[layers + 1][];
        z = new double[layers][];
        delta = new double[layers][];
        weightGrads = new double[layers][];
        biasGrads = new double[layers][];
        activations[0] = problem.inputs;
        for (int l = 0; l < layers; l++) {
            weights[l] = problem.weights[l].clone();
            biases[l] = problem.biases[l].clone();
            z[l] = new double[batch * sizes[l + 1]];
            activations[l + 1] = new double[batch * sizes[l + 1]];
            delta[l] = new double[batch * sizes[l + 1]];
            weightGrads[l] = new double[sizes[l + 1] * sizes[l]];
            biasGrads[l] = new double[sizes[l + 1]];
        }
    }

    /** One forward, backward and SGD update; returns the loss before the update. */
    double step() {
        int layers = MlpProblem.layers();
        int batch = MlpProblem.BATCH;
        int[] sizes = MlpProblem.SIZES;
        for (int l = 0; l < layers; l++) {
            int in = sizes[l];
            int out = sizes[l + 1];
            KERNELS.gemm(activations[l], 0, false, weights[l], 0, true, z[l], 0, batch, out, in, false);
            addRows(z[l], biases[l], batch, out);
            if (l < layers - 1) {
                relu(z[l], activations[l + 1]);
            }
        }
        double loss = softmaxCrossEntropyDelta(z[layers - 1], delta[layers - 1], batch, sizes[layers]);
        for (int l = layers - 1; l >= 0; l--) {
            int in = sizes[l];
            int out = sizes[l + 1];
            KERNELS.gemm(delta[l], 0, true, activations[l], 0, false, weightGrads[l], 0, out, in, batch, false);
            columnSums(delta[l], biasGrads[l], batch, out);
            if (l > 0) {
                KERNELS.gemm(delta[l], 0, false, weights[l], 0, false, delta[l - 1], 0, batch, in, out, false);
                maskByPositive(delta[l - 1], z[l - 1]);
            }
        }
        for (int l = 0; l < layers; l++) {
            KERNELS.axpy(-MlpProblem.LEARNING_RATE, weightGrads[l], 0, weights[l], 0, weights[l].length);
            KERNELS.axpy(-MlpProblem.LEARNING_RATE, biasGrads[l], 0, biases[l], 0, biases[l].length);
        }
        return loss;
    }

    private static void addRows(double[] m, double[] row, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            int base = r * cols;
            for (int j = 0; j < cols; j++) {
                m[base + j] += row[j];
            }
        }
    }

    private static void relu(double[] in, double[] out) {
        for (int i = 0; i < in.length; i++) {
            out[i] = Math.max(in[i], 0);
        }
    }

    private static void maskByPositive(double[] d, double[] zPrev) {
        for (int i = 0; i < d.length; i++) {
            if (!(zPrev[i] > 0)) {
                d[i] = 0;
            }
        }
    }

    private static void columnSums(double[] m, double[] out, int rows, int cols) {
        java.util.Arrays.fill(out, 0);
        for (int r = 0; r < rows; r++) {
            int base = r * cols;
            for (int j = 0; j < cols; j++) {
                out[j] += m[base + j];
            }
        }
    }

    /** Writes (softmax − onehot)/batch into delta and returns the mean cross-entropy. */
    private double softmaxCrossEntropyDelta(double[] logits, double[] d, int batch, int classes) {
        double loss = 0;
        for (int r = 0; r < batch; r++) {
            int base = r * classes;
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < classes; j++) {
                max = Math.max(max, logits[base + j]);
            }
            double total = 0;
            for (int j = 0; j < classes; j++) {
                double e = Math.exp(logits[base + j] - max);
                d[base + j] = e;
                total += e;
            }
            int y = problem.labels[r];
            loss -= logits[base + y] - max - Math.log(total);
            for (int j = 0; j < classes; j++) {
                d[base + j] = (d[base + j] / total - (j == y ? 1 : 0)) / batch;
            }
        }
        return loss / batch;
    }

    double[] weights(int layer) {
        return weights[layer];
    }
}
