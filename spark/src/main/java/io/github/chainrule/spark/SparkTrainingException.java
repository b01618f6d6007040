package io.github.chainrule.spark;

/**
 * A distributed step failed (a task threw on an executor, or the summed gradient was refused by
 * the optimiser). The driver's model and optimiser are exactly as they were before the step.
 */
public final class SparkTrainingException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final long step;

    SparkTrainingException(long step, String message, Throwable cause) {
        super(message, cause);
        this.step = step;
    }

    /** The number of the failed step (counted from 1 over the trainer's life). */
    public long step() {
        return step;
    }
}
