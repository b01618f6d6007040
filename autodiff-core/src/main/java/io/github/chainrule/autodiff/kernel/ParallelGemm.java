package io.github.chainrule.autodiff.kernel;

import io.github.chainrule.autodiff.concurrent.WorkerPool;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;

/**
 * Splits a large product into independent blocks of {@code C} and runs them on a small fixed
 * pool of daemon threads; small products (under {@link #MIN_PARALLEL_MULADDS}) run on the
 * caller's thread untouched.
 *
 * <p>Blocks are bands of rows or of columns of {@code C}, along whichever of {@code m} and
 * {@code n} is larger: each band re-packs the whole of the other operand, so cutting the larger
 * dimension duplicates the smaller share of packing work. The caller computes one band itself
 * and then joins the others (parking, never spinning).
 *
 * <p>The thread count is the system property {@code chainrule.threads} (default
 * {@link Runtime#availableProcessors()}); {@code 1} disables splitting.
 */
final class ParallelGemm {

    /** Number of threads a product may use, the caller included. */
    static final int THREADS = WorkerPool.threads();

    /**
     * Below this many multiply-adds ({@code m·n·k}, about 17 MFLOP) a split does not pay: each
     * band re-packs the whole of one operand and waking a parked worker takes tens of
     * microseconds, while the packed kernel finishes such a product in ~150 µs on one AVX-512
     * core. Measured with 2 threads: 4.2M multiply-adds ran slower split (81 vs 105 GFLOP/s),
     * 8.4M about even, and the 25.7M-multiply-add MLP products 1.4–1.6× faster.
     */
    static final long MIN_PARALLEL_MULADDS = 1L << 23;

    /** Each band gets at least this much work, so a product just over the threshold uses 2 threads, not 16. */
    private static final long MIN_MULADDS_PER_BAND = 1L << 22;

    /** Bands are cut at multiples of this, so that only the last one has edge tiles. */
    private static final int ALIGN = 16;

    private ParallelGemm() {
    }

    /** The shared pool (created on first use), also for {@link Concurrently}. */
    static ForkJoinPool pool() {
        return WorkerPool.pool();
    }

    /**
     * Runs {@code serial} over {@code C}, split into bands when the product is large enough and
     * more than one thread is configured. Arguments as in {@link StridedGemm}.
     */
    static void run(StridedGemm serial,
                    double[] a, int aOffset, int lda, boolean transA,
                    double[] b, int bOffset, int ldb, boolean transB,
                    double[] c, int cOffset, int ldc,
                    int m, int n, int k, boolean accumulate) {
        run(serial, THREADS, a, aOffset, lda, transA, b, bOffset, ldb, transB, c, cOffset, ldc,
                m, n, k, accumulate);
    }

    /** As {@link #run(StridedGemm, double[], int, int, boolean, double[], int, int, boolean, double[], int, int, int, int, int, boolean)} with an explicit thread budget (for tests). */
    static void run(StridedGemm serial, int threads,
                    double[] a, int aOffset, int lda, boolean transA,
                    double[] b, int bOffset, int ldb, boolean transB,
                    double[] c, int cOffset, int ldc,
                    int m, int n, int k, boolean accumulate) {
        long work = (long) m * n * k;
        boolean splitRows = m >= n;
        int extent = splitRows ? m : n;
        int bands = (int) Math.min(Math.min(threads, work / MIN_MULADDS_PER_BAND),
                (extent + ALIGN - 1) / ALIGN);
        if (threads <= 1 || work < MIN_PARALLEL_MULADDS || bands <= 1) {
            serial.gemm(a, aOffset, lda, transA, b, bOffset, ldb, transB, c, cOffset, ldc,
                    m, n, k, accumulate);
            return;
        }
        int step = ((extent + bands - 1) / bands + ALIGN - 1) / ALIGN * ALIGN;
        ForkJoinTask<?>[] forked = new ForkJoinTask<?>[bands];
        int forkedCount = 0;
        // Band 0 stays on the caller; the rest go to the pool.
        for (int start = step; start < extent; start += step) {
            int from = start;
            int size = Math.min(step, extent - start);
            Runnable band = splitRows
                    ? () -> rows(serial, a, aOffset, lda, transA, b, bOffset, ldb, transB,
                            c, cOffset, ldc, from, size, n, k, accumulate)
                    : () -> columns(serial, a, aOffset, lda, transA, b, bOffset, ldb, transB,
                            c, cOffset, ldc, m, from, size, k, accumulate);
            forked[forkedCount++] = WorkerPool.pool().submit(band);
        }
        Throwable failure = null;
        try {
            if (splitRows) {
                rows(serial, a, aOffset, lda, transA, b, bOffset, ldb, transB, c, cOffset, ldc,
                        0, Math.min(step, extent), n, k, accumulate);
            } else {
                columns(serial, a, aOffset, lda, transA, b, bOffset, ldb, transB, c, cOffset, ldc,
                        m, 0, Math.min(step, extent), k, accumulate);
            }
        } catch (RuntimeException | Error e) {
            failure = e;
        }
        // Join every band even after a failure, so no worker still writes into C after we return.
        for (int i = 0; i < forkedCount; i++) {
            try {
                forked[i].join();
            } catch (RuntimeException | Error e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure instanceof RuntimeException) {
            throw (RuntimeException) failure;
        } else if (failure != null) {
            throw (Error) failure;
        }
    }

    /** Rows {@code [from, from+size)} of {@code C}: the same rows of {@code op(A)}, all of {@code op(B)}. */
    private static void rows(StridedGemm serial,
                             double[] a, int aOffset, int lda, boolean transA,
                             double[] b, int bOffset, int ldb, boolean transB,
                             double[] c, int cOffset, int ldc,
                             int from, int size, int n, int k, boolean accumulate) {
        int aStart = aOffset + (transA ? from : from * lda);
        serial.gemm(a, aStart, lda, transA, b, bOffset, ldb, transB,
                c, cOffset + from * ldc, ldc, size, n, k, accumulate);
    }

    /** Columns {@code [from, from+size)} of {@code C}: the same columns of {@code op(B)}, all of {@code op(A)}. */
    private static void columns(StridedGemm serial,
                                double[] a, int aOffset, int lda, boolean transA,
                                double[] b, int bOffset, int ldb, boolean transB,
                                double[] c, int cOffset, int ldc,
                                int m, int from, int size, int k, boolean accumulate) {
        int bStart = bOffset + (transB ? from * ldb : from);
        serial.gemm(a, aOffset, lda, transA, b, bStart, ldb, transB,
                c, cOffset + from, ldc, m, size, k, accumulate);
    }
}
