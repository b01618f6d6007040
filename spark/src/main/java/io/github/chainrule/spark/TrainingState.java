package io.github.chainrule.spark;

import io.github.chainrule.nn.Module;
import io.github.chainrule.nn.optim.Optimizer;
import java.io.Serializable;

/**
 * A checkpoint of training after a completed epoch: the weights, the optimiser's state and the
 * number of epochs and steps done. The driver holds the latest one; every epoch's tasks start
 * from it, and a failed epoch is rerun from it.
 */
final class TrainingState implements Serializable {
    private static final long serialVersionUID = 1L;

    private final WeightSnapshot weights;
    private final TensorMap optimizerState;
    private final int epoch;
    private final long steps;

    TrainingState(WeightSnapshot weights, TensorMap optimizerState, int epoch, long steps) {
        this.weights = weights;
        this.optimizerState = optimizerState;
        this.epoch = epoch;
        this.steps = steps;
    }

    /** The state of {@code model} and {@code optimizer} after {@code epoch} epochs and {@code steps} steps. */
    static TrainingState of(Module model, Optimizer optimizer, int epoch, long steps) {
        return new TrainingState(WeightSnapshot.of(model), TensorMap.of(optimizer.stateDict()), epoch, steps);
    }

    /** Loads the weights into {@code model} and the state into {@code optimizer} (names and shapes checked). */
    void restore(Module model, Optimizer optimizer) {
        weights.loadInto(model);
        optimizer.loadStateDict(optimizerState.toTensors());
    }

    WeightSnapshot weights() {
        return weights;
    }

    int epoch() {
        return epoch;
    }

    long steps() {
        return steps;
    }
}
