package io.github.chainrule.spark;

/**
 * A row the model cannot train on (a non-finite value, a wrong width, a label the loss refuses),
 * named by partition, position and id. It fails the same way on every attempt, so the trainer
 * does not rerun the epoch.
 */
public final class PoisonedRowException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    PoisonedRowException(String message) {
        super(message);
    }

    PoisonedRowException(String message, Throwable cause) {
        super(message, cause);
    }
}
