package io.github.chainrule.benchmarks;

import java.util.Random;

/**
 * The fixed problem both MLP steps train on: a batch of 128 inputs of 784 features (MNIST's
 * size), 10 classes, and the initial weights of the 784-256-128-10 network. Weights are stored
 * (out, in) as {@code nn.Linear} stores them; both implementations start from the same values.
 */
final class MlpProblem {
    static final int[] SIZES = {784, 256, 128, 10};
    static final int BATCH = 128;
    static final double LEARNING_RATE = 0.01;

    final double[] inputs;
    final int[] labels;
    /** weights[l] is (SIZES[l+1] × SIZES[l]) row-major; biases[l] has SIZES[l+1] entries. */
    final double[][] weights;
    final double[][] biases;

    MlpProblem(long seed) {
        Random rng = new Random(seed);
        inputs = new double[BATCH * SIZES[0]];
        for (int i = 0; i < inputs.length; i++) {
            inputs[i] = rng.nextGaussian();
        }
        labels = new int[BATCH];
        for (int i = 0; i < BATCH; i++) {
            labels[i] = rng.nextInt(SIZES[SIZES.length - 1]);
        }
        int layers = SIZES.length - 1;
        weights = new double[layers][];
        biases = new double[layers][];
        for (int l = 0; l < layers; l++) {
            // LeCun-uniform, as nn's default initialiser.
            double bound = Math.sqrt(3.0 / SIZES[l]);
            weights[l] = uniform(rng, SIZES[l + 1] * SIZES[l], bound);
            biases[l] = uniform(rng, SIZES[l + 1], bound);
        }
    }

    private static double[] uniform(Random rng, int n, double bound) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = (2 * rng.nextDouble() - 1) * bound;
        }
        return x;
    }

    static int layers() {
        return SIZES.length - 1;
    }
}
