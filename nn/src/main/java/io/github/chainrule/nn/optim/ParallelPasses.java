package io.github.chainrule.nn.optim;

import io.github.chainrule.autodiff.concurrent.WorkerPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;

/**
 * Runs an optimiser's pass over a large parameter in chunks on several threads. The thread
 * count is the system property {@code chainrule.threads}, as for the matrix kernels (default
 * {@link Runtime#availableProcessors()}; {@code 1} keeps every pass on the caller's thread).
 * Parameters under {@link #MIN_PARALLEL} elements are updated by the caller alone. A pass
 * such as plain SGD's is bound by memory bandwidth, which a second core on the same socket
 * barely adds to, while handing chunks to a worker costs tens of microseconds and, on a busy
 * machine, the wait for the worker to be scheduled. Splitting the largest weight of the MLP
 * 784-256-128-10 (200k elements) cost more than it saved (benchmarks/PERFORMANCE.md).
 */
final class ParallelPasses {
    /** Elements per chunk: a chunk's arrays (values, gradient, state, backup) stay in L2. */
    static final int CHUNK = 1 << 14;
    /** Below this many elements a parameter's pass runs on the caller's thread. */
    static final int MIN_PARALLEL = 1 << 18;

    private static final int THREADS = WorkerPool.threads();

    private ParallelPasses() {
    }

    /** The number of chunks of a parameter of {@code size} elements. */
    static int chunks(int size) {
        return Math.max(1, (size + CHUNK - 1) / CHUNK);
    }

    /**
     * Runs {@code chunk} for every chunk 0…chunks(size)−1, split among the threads when the
     * parameter is large enough; returns when all are done, rethrowing the first failure.
     */
    static void forEachChunk(int size, IntConsumer chunk) {
        forEachChunk(size, chunk, THREADS);
    }

    /** As {@link #forEachChunk(int, IntConsumer)} with the given thread count (tests reach every path). */
    static void forEachChunk(int size, IntConsumer chunk, int maxThreads) {
        int n = chunks(size);
        int threads = Math.min(maxThreads, n);
        if (threads == 1 || size < MIN_PARALLEL) {
            for (int c = 0; c < n; c++) {
                chunk.accept(c);
            }
            return;
        }
        // Every chunk finishes before this returns, even when one fails: the caller restores the
        // parameter after a failure, and no worker may still be writing then. Chunks are claimed
        // one at a time rather than dealt out in advance, so that a worker the scheduler starts
        // late (other processes on the cores) leaves its share to the caller instead of making it wait.
        AtomicInteger next = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        ForkJoinTask<?>[] others = new ForkJoinTask<?>[threads - 1];
        for (int t = 1; t < threads; t++) {
            others[t - 1] = WorkerPool.pool().submit(() -> runClaimed(next, n, chunk, failure));
        }
        runClaimed(next, n, chunk, failure);
        for (ForkJoinTask<?> task : others) {
            task.quietlyJoin();
        }
        Throwable t = failure.get();
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
    }

    /** Runs chunks until none is left unclaimed; a failing chunk is recorded and the others still run. */
    private static void runClaimed(AtomicInteger next, int n, IntConsumer chunk, AtomicReference<Throwable> failure) {
        for (int c = next.getAndIncrement(); c < n; c = next.getAndIncrement()) {
            try {
                chunk.accept(c);
            } catch (RuntimeException | Error e) {
                failure.compareAndSet(null, e);
            }
        }
    }
}
