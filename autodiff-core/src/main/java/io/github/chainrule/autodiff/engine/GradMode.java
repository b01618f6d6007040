package io.github.chainrule.autodiff.engine;

/**
 * Whether operations on the current thread are recorded into the graph.
 *
 * <p>Grad mode is per thread: a no-grad scope on one thread does not affect graphs built on
 * another. Public code uses {@link io.github.chainrule.autodiff.Grad}; this class is the
 * engine's side of it.
 */
public final class GradMode {
    private GradMode() {
    }

    /** True when new operations on this thread record their inputs for backward. */
    public static boolean isEnabled() {
        return ThreadState.current().gradEnabled;
    }

    /**
     * Sets grad mode on this thread and returns the previous setting, for the caller to restore.
     */
    public static boolean set(boolean enabled) {
        ThreadState thread = ThreadState.current();
        boolean previous = thread.gradEnabled;
        thread.gradEnabled = enabled;
        return previous;
    }
}
