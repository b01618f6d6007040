package io.github.chainrule.autodiff.kernel;

import java.util.concurrent.ForkJoinTask;
import java.util.function.Supplier;

/**
 * Runs two independent pieces of work at once on the product pool, for work that
 * {@link ParallelGemm} would not split by itself: the two products of a matrix product's
 * backward (∂A and ∂B), each too small to gain from being cut in bands, run side by side.
 */
public final class Concurrently {
    /**
     * Below this many multiply-adds per product, handing one to the pool costs about what it
     * saves (a parked worker takes tens of microseconds to wake).
     */
    public static final long MIN_MULADDS = 1L << 20;

    private Concurrently() {
    }

    /** Whether the pool has a thread to spare at all. */
    public static boolean available() {
        return ParallelGemm.THREADS > 1;
    }

    /**
     * Whether two products of these sizes ({@code m·n·k} each) are worth running side by side:
     * each is large enough to pay for the hand-off, and neither is large enough for
     * {@link ParallelGemm} to split (then it already uses every thread).
     */
    public static boolean worthIt(long first, long second) {
        return available()
                && Math.min(first, second) >= MIN_MULADDS
                && Math.max(first, second) < ParallelGemm.MIN_PARALLEL_MULADDS;
    }

    /**
     * Computes {@code second} on the pool while the caller computes {@code first}; returns both
     * results as {@code [first, second]}. A failure of either is rethrown after both finished.
     */
    public static Object[] both(Supplier<?> first, Supplier<?> second) {
        ForkJoinTask<?> forked = ParallelGemm.pool().submit(second::get);
        Object a;
        try {
            a = first.get();
        } catch (RuntimeException | Error e) {
            try {
                forked.join();
            } catch (RuntimeException | Error f) {
                e.addSuppressed(f);
            }
            throw e;
        }
        return new Object[] {a, forked.join()};
    }
}
