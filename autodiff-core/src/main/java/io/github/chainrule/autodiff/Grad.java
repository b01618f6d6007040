package io.github.chainrule.autodiff;

import io.github.chainrule.autodiff.engine.Anomaly;
import io.github.chainrule.autodiff.engine.GradMode;
import java.util.function.Consumer;

/**
 * Scopes that switch recording on or off for the current thread.
 *
 * <pre>{@code
 * try (Grad.Scope off = Grad.disabled()) {
 *     // operations here are not recorded: no graph, no memory kept for backward
 * }
 * }</pre>
 *
 * Scopes nest and restore the previous setting when closed. Closing a scope again does
 * nothing, so a scope closed twice cannot undo an outer scope that is still open. Grad mode is
 * per thread.
 */
public final class Grad {
    private Grad() {
    }

    /** A scope that restores the previous setting when closed. */
    public interface Scope extends AutoCloseable {
        /** Restores the setting that was in force when the scope opened; later calls do nothing. */
        @Override
        void close();
    }

    /** A scope that restores a setting once, on its first close. */
    private static final class Restore implements Scope {
        private final Consumer<Boolean> setter;
        private final boolean previous;
        private boolean closed;

        Restore(Consumer<Boolean> setter, boolean previous) {
            this.setter = setter;
            this.previous = previous;
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                setter.accept(previous);
            }
        }
    }

    /** Stops recording on this thread until the returned scope is closed. */
    public static Scope disabled() {
        return new Restore(GradMode::set, GradMode.set(false));
    }

    /** Records operations on this thread until the returned scope is closed. */
    public static Scope enabled() {
        return new Restore(GradMode::set, GradMode.set(true));
    }

    /** True when operations on this thread are recorded. */
    public static boolean isEnabled() {
        return GradMode.isEnabled();
    }

    /**
     * Turns on anomaly mode on this thread until the returned scope is closed: the first NaN
     * or infinity produced in forward or backward raises an
     * {@link io.github.chainrule.autodiff.engine.AnomalyException} naming the operation, where
     * it was created, and its inputs.
     *
     * <p>Checked are the values of recorded operations (those that take part in backward) and
     * every gradient contribution of backward. An operation is blamed when it makes a NaN that
     * none of its inputs had, or an infinity from all-finite inputs; carrying the user's own
     * −∞ mask or NaN data through is not an anomaly. When off (the default) the cost is one
     * read of a static counter per new node; when on, each recorded node also walks the stack.
     */
    public static Scope detectAnomaly() {
        return new Restore(Anomaly::set, Anomaly.set(true));
    }
}
