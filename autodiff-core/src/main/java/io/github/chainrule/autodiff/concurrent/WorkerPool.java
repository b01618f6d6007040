package io.github.chainrule.autodiff.concurrent;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;

/**
 * The one pool of worker threads chainrule's parallel loops share (matrix products, the
 * optimisers' passes): {@link #threads()} − 1 daemon workers, the caller being the last. One
 * pool, so that two kinds of parallel work never compete with each other for the same cores.
 * The thread count is the system property {@code chainrule.threads}, or the number of
 * available processors.
 */
public final class WorkerPool {
    private static final int THREADS = configuredThreads();

    private WorkerPool() {
    }

    /** How many threads a parallel loop may use, the caller's included (at least 1). */
    public static int threads() {
        return THREADS;
    }

    /** The shared pool; created on first use, so single-threaded users never start a thread. */
    public static ForkJoinPool pool() {
        return Holder.INSTANCE;
    }

    private static int configuredThreads() {
        String value = System.getProperty("chainrule.threads");
        if (value != null) {
            try {
                return Math.max(1, Integer.parseInt(value.trim()));
            } catch (NumberFormatException ignored) {
                // A malformed setting falls back to the default rather than breaking class init.
            }
        }
        return Math.max(1, Runtime.getRuntime().availableProcessors());
    }

    private static final class Holder {
        static final ForkJoinPool INSTANCE = new ForkJoinPool(Math.max(1, THREADS - 1), pool -> {
            ForkJoinWorkerThread t = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
            t.setName("chainrule-worker-" + t.getPoolIndex());
            t.setDaemon(true);
            return t;
        }, null, false);
    }
}
