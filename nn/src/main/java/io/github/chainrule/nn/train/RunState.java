package io.github.chainrule.nn.train;

import io.github.chainrule.autodiff.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where a training run is and what it has measured so far: everything a resumed run needs
 * besides the model's and the optimiser's state. The data order is not stored: it is drawn
 * again from the trainer's seed, so the epoch and the next batch fix the position in it.
 */
final class RunState {
    /** The epoch in progress, from 1. */
    int epoch = 1;
    /** The first batch of that epoch not yet taken (the epoch's end has not run while below or at the count). */
    int nextBatch;
    /** Σ loss · batch size over the epoch's batches taken so far. */
    double lossSum;
    /** Σ metric · batch size over the epoch's batches taken so far. */
    double metricSum;
    /** The best monitored value so far (early stopping), NaN before the first. */
    double best = Double.NaN;
    /** The epoch of {@link #best}, or −1. */
    int bestEpoch = -1;
    /** Epochs since the best one. */
    int sinceBest;
    /** The weights of the best epoch when early stopping restores them, else null. */
    Map<String, Tensor> bestState;
    /** The finished epochs. */
    final List<EpochStats> history = new ArrayList<>();
}
