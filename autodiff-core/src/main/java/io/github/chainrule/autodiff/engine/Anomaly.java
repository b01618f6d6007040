package io.github.chainrule.autodiff.engine;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Anomaly mode switch, per thread: when on, every recorded node remembers where it was
 * created and every value produced in forward or backward is checked for NaN and infinity.
 *
 * <p>Off by default. When off on every thread, the test on each new node is one read of a
 * static counter: the thread-local is consulted only while some thread has anomaly mode on.
 */
public final class Anomaly {
    /** Per thread: [0] anomaly mode on, [1] a backward sweep is running (forward checks paused). */
    private static final ThreadLocal<boolean[]> STATE = ThreadLocal.withInitial(() -> new boolean[2]);
    /** How many threads have anomaly mode on; keeps the off path free of thread-local reads. */
    private static final AtomicInteger THREADS_ON = new AtomicInteger();

    private Anomaly() {
    }

    /** True when anomaly mode is on for this thread. */
    public static boolean isEnabled() {
        return THREADS_ON.get() > 0 && STATE.get()[0];
    }

    /**
     * True when a value just produced by an operation should be checked as a forward value:
     * anomaly mode is on and no backward sweep is running on this thread (inside a sweep, the
     * engine checks each rule's result as a whole and names the rule's operation instead).
     */
    public static boolean checksForward() {
        if (THREADS_ON.get() == 0) {
            return false;
        }
        boolean[] state = STATE.get();
        return state[0] && !state[1];
    }

    /** Sets anomaly mode on this thread and returns the previous setting. */
    public static boolean set(boolean enabled) {
        boolean[] state = STATE.get();
        boolean previous = state[0];
        if (previous != enabled) {
            THREADS_ON.addAndGet(enabled ? 1 : -1);
        }
        state[0] = enabled;
        return previous;
    }

    /** Marks this thread as inside (or outside) a backward sweep; returns the previous mark. */
    static boolean enterBackward(boolean inside) {
        boolean[] state = STATE.get();
        boolean previous = state[1];
        state[1] = inside;
        return previous;
    }
}
