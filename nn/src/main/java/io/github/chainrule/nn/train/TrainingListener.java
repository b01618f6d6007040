package io.github.chainrule.nn.train;

/** Called by the {@link Trainer} as training proceeds (e.g. to log or plot). */
@FunctionalInterface
public interface TrainingListener {
    /** Called after every epoch with what it measured. */
    void onEpochEnd(EpochStats stats);
}
