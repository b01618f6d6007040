package io.github.chainrule.spark;

/**
 * Distributed training failed: a barrier task threw (a poisoned row, an executor lost more often
 * than the trainer reruns an epoch), or the optimiser refused the summed gradient. The driver's
 * model and optimiser hold the checkpoint of the last completed epoch (the values before the
 * fit when no epoch completed).
 */
public final class SparkTrainingException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int epoch;

    SparkTrainingException(int epoch, String message, Throwable cause) {
        super(message, cause);
        this.epoch = epoch;
    }

    /** The epoch that failed (from 1, counted within the fit). */
    public int epoch() {
        return epoch;
    }
}
