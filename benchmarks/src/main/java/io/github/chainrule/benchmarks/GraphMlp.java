package io.github.chainrule.benchmarks;

import io.github.chainrule.autodiff.Grad;
import io.github.chainrule.autodiff.Tensor;

/**
 * The same SGD step as {@link DeltaRuleMlp}, through the tensor graph with the operations
 * {@code nn.Linear}, {@code nn.MLP} and {@code nn.loss.CrossEntropy} record
 * ({@code x.linear(w, b)}, {@code relu}, {@code logSoftmax(1).gather(1, y).neg().mean()}),
 * and the plain SGD update (no momentum) {@code w ← w − lr·∂L/∂w}, written in place into the
 * leaves with {@link Tensor#updateInPlace} as an optimiser does.
 */
final class GraphMlp {
    private final Tensor input;
    private final int[] labels;
    private final Tensor[] weights;
    private final Tensor[] biases;

    GraphMlp(MlpProblem problem) {
        int[] sizes = MlpProblem.SIZES;
        int layers = MlpProblem.layers();
        input = Tensor.of(problem.inputs, MlpProblem.BATCH, sizes[0]);
        labels = problem.labels.clone();
        weights = new Tensor[layers];
        biases = new Tensor[layers];
        for (int l = 0; l < layers; l++) {
            weights[l] = Tensor.of(problem.weights[l], sizes[l + 1], sizes[l]).requiresGrad();
            biases[l] = Tensor.of(problem.biases[l], sizes[l + 1]).requiresGrad();
        }
    }

    /** One forward, backward and SGD update; returns the loss before the update. */
    double step() {
        Tensor loss = forwardBackward();
        try (Grad.Scope off = Grad.disabled()) {
            for (int l = 0; l < weights.length; l++) {
                update(weights[l]);
                update(biases[l]);
            }
        }
        return loss.item();
    }

    /** Forward and backward only (gradients accumulate into the current leaves): the graph's share of a step. */
    Tensor forwardBackward() {
        for (Tensor w : weights) {
            w.zeroGrad();
        }
        for (Tensor b : biases) {
            b.zeroGrad();
        }
        Tensor h = input;
        int layers = weights.length;
        for (int l = 0; l < layers; l++) {
            h = h.linear(weights[l], biases[l]);
            if (l < layers - 1) {
                h = h.relu();
            }
        }
        Tensor loss = h.logSoftmax(1).gather(1, labels).neg().mean();
        loss.backward();
        return loss;
    }

    private static void update(Tensor p) {
        p.updateInPlace((w, g) -> {
            for (int i = 0; i < w.length; i++) {
                w[i] -= MlpProblem.LEARNING_RATE * g[i];
            }
        });
    }

    Tensor weight(int layer) {
        return weights[layer];
    }
}
