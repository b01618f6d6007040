package io.github.chainrule.benchmarks;

import io.github.chainrule.autodiff.Tensor;
import io.github.chainrule.nn.layers.MLP;
import io.github.chainrule.nn.loss.CrossEntropy;
import io.github.chainrule.nn.optim.SGD;

/**
 * The step as a user writes it with {@code nn}: {@code MLP}, {@code CrossEntropy} and plain
 * {@code SGD} (which validates gradients and new values, and commits all parameters or none).
 * It records the same graph as {@link GraphMlp}; the difference between the two is the
 * optimiser's bookkeeping.
 */
final class NnMlp {
    private final MLP model;
    private final CrossEntropy loss = new CrossEntropy();
    private final SGD optimizer;
    private final Tensor input;
    private final int[] labels;

    NnMlp(MlpProblem problem) {
        int[] sizes = MlpProblem.SIZES;
        model = MLP.of(sizes).build(0L);
        for (int l = 0; l < MlpProblem.layers(); l++) {
            model.layer(l + 1).weight().assign(problem.weights[l]);
            model.layer(l + 1).bias().assign(problem.biases[l]);
        }
        optimizer = new SGD(model, MlpProblem.LEARNING_RATE);
        input = Tensor.of(problem.inputs, MlpProblem.BATCH, sizes[0]);
        labels = problem.labels.clone();
    }

    /** One forward, backward and SGD update; returns the loss before the update. */
    double step() {
        optimizer.zeroGrad();
        Tensor value = loss.compute(model.forward(input), labels);
        value.backward();
        optimizer.step();
        return value.item();
    }

    double[] weights(int layer) {
        return model.layer(layer + 1).weight().value().toArray();
    }
}
