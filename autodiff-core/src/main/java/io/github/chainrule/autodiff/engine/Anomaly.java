package io.github.chainrule.autodiff.engine;

/**
 * Anomaly mode switch, per thread: when on, every recorded node remembers where it was
 * created and every value produced in forward or backward is checked for NaN and infinity.
 * Off by default; when off it costs one thread-local read per recorded node.
 */
public final class Anomaly {
    private static final ThreadLocal<boolean[]> ENABLED = ThreadLocal.withInitial(() -> new boolean[] {false});

    private Anomaly() {
    }

    /** True when anomaly mode is on for this thread. */
    public static boolean isEnabled() {
        return ENABLED.get()[0];
    }

    /** Sets anomaly mode on this thread and returns the previous setting. */
    public static boolean set(boolean enabled) {
        boolean[] cell = ENABLED.get();
        boolean previous = cell[0];
        cell[0] = enabled;
        return previous;
    }
}
