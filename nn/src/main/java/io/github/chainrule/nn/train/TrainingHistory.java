package io.github.chainrule.nn.train;

import java.util.List;

/**
 * The record of a {@link Trainer#fit} run.
 *
 * @param epochs the statistics of every epoch run, in order
 * @param stoppedEarly true when early stopping ended the run before the last epoch
 * @param bestEpoch the epoch (from 1) with the best monitored value under early stopping, or
 *     the last epoch without it
 */
public record TrainingHistory(List<EpochStats> epochs, boolean stoppedEarly, int bestEpoch) {
    /** A history; the list is copied. */
    public TrainingHistory {
        epochs = List.copyOf(epochs);
    }

    /** The statistics of the last epoch run. */
    public EpochStats last() {
        if (epochs.isEmpty()) {
            throw new IllegalStateException("TrainingHistory.last: no epoch was run");
        }
        return epochs.get(epochs.size() - 1);
    }
}
