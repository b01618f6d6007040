package io.github.chainrule.autodiff.kernel;

import java.util.Arrays;

/**
 * Kernels in plain Java: no intrinsics, only loop orders chosen so that the innermost loop walks
 * memory contiguously, which lets the JIT's auto-vectoriser and the hardware prefetcher do their
 * work. Used when the Vector API is unavailable, and for products too small to be worth packing.
 *
 * <p>Large products are split across threads like the vector kernels (see {@link ParallelGemm}).
 */
public final class PlainKernels implements Kernels {

    /** The serial strided product, shared with {@link VectorKernels} for its small-product path. */
    static final StridedGemm SERIAL = PlainKernels::gemmSerial;

    /** Creates the (stateless) plain kernels. */
    public PlainKernels() {
    }

    /**
     * {@inheritDoc}
     *
     * <p>{@code C[i][j] (+)= Σ_p op(A)[i][p] · op(B)[p][j]}.
     */
    @Override
    public void gemm(double[] a, int aOffset, boolean transA,
                     double[] b, int bOffset, boolean transB,
                     double[] c, int cOffset,
                     int m, int n, int k, boolean accumulate) {
        GemmArgs.check(a, aOffset, b, bOffset, c, cOffset, m, n, k);
        if (GemmArgs.trivial(c, cOffset, m, n, k, accumulate)) {
            return;
        }
        ParallelGemm.run(SERIAL, a, aOffset, transA ? m : k, transA,
                b, bOffset, transB ? k : n, transB, c, cOffset, n, m, n, k, accumulate);
    }

    /** {@inheritDoc} */
    @Override
    public double dot(double[] x, int xOffset, double[] y, int yOffset, int length) {
        // Four partial sums break the dependency chain on one adder; the JIT may not reorder a
        // floating-point reduction by itself.
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int i = 0;
        for (; i <= length - 4; i += 4) {
            s0 += x[xOffset + i] * y[yOffset + i];
            s1 += x[xOffset + i + 1] * y[yOffset + i + 1];
            s2 += x[xOffset + i + 2] * y[yOffset + i + 2];
            s3 += x[xOffset + i + 3] * y[yOffset + i + 3];
        }
        for (; i < length; i++) {
            s0 += x[xOffset + i] * y[yOffset + i];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** {@inheritDoc} */
    @Override
    public void axpy(double alpha, double[] x, int xOffset, double[] y, int yOffset, int length) {
        for (int i = 0; i < length; i++) {
            y[yOffset + i] += alpha * x[xOffset + i];
        }
    }

    /** {@inheritDoc} */
    @Override
    public double sum(double[] x, int offset, int length) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int i = 0;
        for (; i <= length - 4; i += 4) {
            s0 += x[offset + i];
            s1 += x[offset + i + 1];
            s2 += x[offset + i + 2];
            s3 += x[offset + i + 3];
        }
        for (; i < length; i++) {
            s0 += x[offset + i];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** Returns {@code "plain"}. */
    @Override
    public String name() {
        return "plain";
    }

    /** {@inheritDoc} */
    @Override
    public String describe() {
        return name() + ": gemm in plain Java loops, " + ParallelGemm.THREADS
                + (ParallelGemm.THREADS == 1 ? " thread" : " threads");
    }

    /** Serial product on strides; see {@link StridedGemm} for the contract. */
    static void gemmSerial(double[] a, int aOffset, int lda, boolean transA,
                           double[] b, int bOffset, int ldb, boolean transB,
                           double[] c, int cOffset, int ldc,
                           int m, int n, int k, boolean accumulate) {
        if (!transB && n < 4) {
            columnDots(a, aOffset, lda, transA, b, bOffset, ldb, c, cOffset, ldc, m, n, k, accumulate);
        } else if (!transB) {
            // Both N and T for A: the inner loop is an axpy of a row of B into a row of C.
            rowAxpy(a, aOffset, lda, transA, b, bOffset, ldb, c, cOffset, ldc, m, n, k, accumulate);
        } else if (!transA) {
            // A row i and B "row" j are both contiguous along p: inner loop is a dot product.
            rowDots(a, aOffset, lda, b, bOffset, ldb, c, cOffset, ldc, m, n, k, accumulate);
        } else {
            transTrans(a, aOffset, lda, b, bOffset, ldb, c, cOffset, ldc, m, n, k, accumulate);
        }
    }

    /**
     * i-p-j order: {@code C[i][:] += Σ_p op(A)[i][p] · B[p][:]}, streaming rows of B and C. Four
     * rows of B are folded into each pass over {@code C[i][:]}, so C is loaded and stored a
     * quarter as often.
     */
    private static void rowAxpy(double[] a, int aOffset, int lda, boolean transA,
                                double[] b, int bOffset, int ldb,
                                double[] c, int cOffset, int ldc,
                                int m, int n, int k, boolean accumulate) {
        // For transposed A the i-p-j order reads A with stride lda; that is one scalar per n-long
        // inner loop, so it costs little and keeps C's row hot for the whole p loop.
        int aRowStep = transA ? 1 : lda;
        int aColStep = transA ? lda : 1;
        for (int i = 0; i < m; i++) {
            int ci = cOffset + i * ldc;
            if (!accumulate) {
                Arrays.fill(c, ci, ci + n, 0.0);
            }
            int ai = aOffset + i * aRowStep;
            int p = 0;
            // No skipping of zero A values: 0 · ∞ must still give NaN, as in the vector kernels.
            for (; p <= k - 4; p += 4) {
                double a0 = a[ai + p * aColStep];
                double a1 = a[ai + (p + 1) * aColStep];
                double a2 = a[ai + (p + 2) * aColStep];
                double a3 = a[ai + (p + 3) * aColStep];
                int b0 = bOffset + p * ldb;
                int b1 = b0 + ldb;
                int b2 = b1 + ldb;
                int b3 = b2 + ldb;
                for (int j = 0; j < n; j++) {
                    c[ci + j] += a0 * b[b0 + j] + a1 * b[b1 + j] + a2 * b[b2 + j] + a3 * b[b3 + j];
                }
            }
            for (; p < k; p++) {
                double ap = a[ai + p * aColStep];
                int bp = bOffset + p * ldb;
                for (int j = 0; j < n; j++) {
                    c[ci + j] += ap * b[bp + j];
                }
            }
        }
    }

    /**
     * i-j-p order for a C only a few columns wide, where {@link #rowAxpy}'s inner loop would be
     * too short to pay for itself: each element is one (strided) dot product kept in a register.
     */
    private static void columnDots(double[] a, int aOffset, int lda, boolean transA,
                                   double[] b, int bOffset, int ldb,
                                   double[] c, int cOffset, int ldc,
                                   int m, int n, int k, boolean accumulate) {
        int aRowStep = transA ? 1 : lda;
        int aColStep = transA ? lda : 1;
        for (int i = 0; i < m; i++) {
            int ai = aOffset + i * aRowStep;
            for (int j = 0; j < n; j++) {
                double s0 = 0, s1 = 0;
                int p = 0;
                for (; p <= k - 2; p += 2) {
                    s0 += a[ai + p * aColStep] * b[bOffset + p * ldb + j];
                    s1 += a[ai + (p + 1) * aColStep] * b[bOffset + (p + 1) * ldb + j];
                }
                if (p < k) {
                    s0 += a[ai + p * aColStep] * b[bOffset + p * ldb + j];
                }
                store(c, cOffset + i * ldc + j, s0 + s1, accumulate);
            }
        }
    }

    /**
     * i-j-p order with contiguous A rows and Bᵀ rows, four columns of C at a time so each load
     * of {@code A[i][p]} feeds four products.
     */
    private static void rowDots(double[] a, int aOffset, int lda,
                                double[] b, int bOffset, int ldb,
                                double[] c, int cOffset, int ldc,
                                int m, int n, int k, boolean accumulate) {
        for (int i = 0; i < m; i++) {
            int ai = aOffset + i * lda;
            int ci = cOffset + i * ldc;
            int j = 0;
            for (; j <= n - 4; j += 4) {
                int b0 = bOffset + j * ldb;
                int b1 = b0 + ldb;
                int b2 = b1 + ldb;
                int b3 = b2 + ldb;
                double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
                for (int p = 0; p < k; p++) {
                    double x = a[ai + p];
                    s0 += x * b[b0 + p];
                    s1 += x * b[b1 + p];
                    s2 += x * b[b2 + p];
                    s3 += x * b[b3 + p];
                }
                store(c, ci + j, s0, accumulate);
                store(c, ci + j + 1, s1, accumulate);
                store(c, ci + j + 2, s2, accumulate);
                store(c, ci + j + 3, s3, accumulate);
            }
            for (; j < n; j++) {
                int bj = bOffset + j * ldb;
                double s = 0;
                for (int p = 0; p < k; p++) {
                    s += a[ai + p] * b[bj + p];
                }
                store(c, ci + j, s, accumulate);
            }
        }
    }

    /**
     * Both operands transposed: neither loop order reads both contiguously, so each column of A
     * (a row of {@code op(A)}) is gathered once into a scratch row and the rest is
     * {@link #rowDots}.
     */
    private static void transTrans(double[] a, int aOffset, int lda,
                                   double[] b, int bOffset, int ldb,
                                   double[] c, int cOffset, int ldc,
                                   int m, int n, int k, boolean accumulate) {
        double[] row = new double[k];
        for (int i = 0; i < m; i++) {
            for (int p = 0; p < k; p++) {
                row[p] = a[aOffset + p * lda + i];
            }
            rowDots(row, 0, k, b, bOffset, ldb, c, cOffset + i * ldc, ldc, 1, n, k, accumulate);
        }
    }

    private static void store(double[] c, int index, double value, boolean accumulate) {
        if (accumulate) {
            c[index] += value;
        } else {
            c[index] = value;
        }
    }
}
