package io.github.chainrule.autodiff.engine;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Tracing switch, per thread, for checkers that inspect a recorded graph: when on, every
 * recorded node remembers where it was created (as in anomaly mode, but without the NaN
 * checks) and, when its operation offers one, a {@link Replay} that applies the same operation
 * to other inputs. Off by default, so ordinary graphs keep neither.
 */
public final class Tracing {
    private static final ThreadFlag ENABLED = new ThreadFlag(false);
    /**
     * How many threads have tracing on. Every recorded node asks {@link #isEnabled()}; while no
     * thread traces (nearly always) this one shared read answers without the thread-local
     * lookup, as {@link Anomaly} does.
     */
    private static final AtomicInteger THREADS_ON = new AtomicInteger();

    private Tracing() {
    }

    /** True when tracing is on for this thread. */
    public static boolean isEnabled() {
        return THREADS_ON.get() > 0 && ENABLED.get();
    }

    /** Sets tracing on this thread and returns the previous setting, for the caller to restore. */
    public static boolean set(boolean enabled) {
        boolean previous = ENABLED.set(enabled);
        if (previous != enabled) {
            THREADS_ON.addAndGet(enabled ? 1 : -1);
        }
        return previous;
    }
}
