package io.github.chainrule.autodiff.engine;

/**
 * Tracing switch, per thread, for checkers that inspect a recorded graph: when on, every
 * recorded node remembers where it was created (as in anomaly mode, but without the NaN
 * checks) and, when its operation offers one, a {@link Replay} that applies the same operation
 * to other inputs. Off by default, so ordinary graphs keep neither.
 */
public final class Tracing {
    private static final ThreadFlag ENABLED = new ThreadFlag(false);

    private Tracing() {
    }

    /** True when tracing is on for this thread. */
    public static boolean isEnabled() {
        return ENABLED.get();
    }

    /** Sets tracing on this thread and returns the previous setting, for the caller to restore. */
    public static boolean set(boolean enabled) {
        return ENABLED.set(enabled);
    }
}
