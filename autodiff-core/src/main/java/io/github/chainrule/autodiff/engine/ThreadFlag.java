package io.github.chainrule.autodiff.engine;

/**
 * A boolean setting with one value per thread: how grad mode and tracing stay per thread, so
 * that graphs on different threads never see each other's scopes.
 */
final class ThreadFlag {
    // A one-element array, so that set() needs one thread-local lookup rather than get() + set().
    private final ThreadLocal<boolean[]> cell;

    ThreadFlag(boolean initial) {
        this.cell = ThreadLocal.withInitial(() -> new boolean[] {initial});
    }

    /** The value on the current thread. */
    boolean get() {
        return cell.get()[0];
    }

    /** Sets the value on the current thread and returns the previous one, for the caller to restore. */
    boolean set(boolean value) {
        boolean[] slot = cell.get();
        boolean previous = slot[0];
        slot[0] = value;
        return previous;
    }
}
