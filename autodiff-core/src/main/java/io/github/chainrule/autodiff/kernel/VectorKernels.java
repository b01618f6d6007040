package io.github.chainrule.autodiff.kernel;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Kernels on the incubator Vector API ({@code jdk.incubator.vector}), using the widest vector
 * shape the CPU offers ({@link DoubleVector#SPECIES_PREFERRED}; 8 doubles with AVX-512).
 *
 * <p>Matrix products large enough to amortise packing go through {@link PackedGemm}, split
 * across threads by {@link ParallelGemm}, with the micro-kernel (tile shape and vector width)
 * that {@link MicroKernels} chose for the CPU; tiny ones and matrix-vector shaped ones (one row or
 * fewer than four columns in {@code C}) take the plain loops, which have no set-up cost. Only usable when the JVM runs with
 * {@code --add-modules jdk.incubator.vector}; obtain kernels through {@link KernelProvider}
 * rather than constructing this class directly.
 */
public final class VectorKernels implements Kernels {

    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    /**
     * Below this many multiply-adds ({@code m·n·k}) the fixed cost of packing (a thread-local
     * lookup, zero-padded slivers, a spilled edge tile) outweighs the register blocking, and the
     * plain loops win. Measured on AVX-512: at 4×4×4 plain is faster, at 4×8×8 packed already
     * is (3.7 vs 2.8 GFLOP/s) and at 16×16×16 by 7×, even for a single row or column.
     */
    static final long MIN_PACKED_MULADDS = 256;

    private final PackedGemm packed;

    /** Creates the (stateless) vector kernels, with the micro-kernel chosen for this CPU. */
    public VectorKernels() {
        this(MicroKernels.forThisMachine());
    }

    /** Vector kernels whose products use {@code microKernel}, whatever the CPU prefers (for tests and comparisons). */
    VectorKernels(MicroKernel microKernel) {
        this.packed = new PackedGemm(microKernel);
    }

    /** The micro-kernel behind the packed products. */
    MicroKernel microKernel() {
        return packed.kernel();
    }

    /**
     * Whether this JVM's preferred vector shape holds at least two doubles; with one lane the
     * Vector API only adds overhead over plain loops.
     */
    static boolean worthwhile() {
        return L >= 2;
    }

    /**
     * {@inheritDoc}
     *
     * <p>{@code C[i][j] (+)= Σ_p op(A)[i][p] · op(B)[p][j]}. Results may differ from
     * {@link PlainKernels} in the last bits, since the sum over {@code p} is split into blocks
     * and fused multiply-adds round once per step.
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
        int lda = transA ? m : k;
        int ldb = transB ? k : n;
        // A single row or a few columns of C reuse almost nothing from packing: the product is a
        // matrix-vector one, bound by reading the matrix, which the plain loops do once.
        if ((long) m * n * k < MIN_PACKED_MULADDS || m == 1 || n < 4) {
            PlainKernels.SERIAL.gemm(a, aOffset, lda, transA, b, bOffset, ldb, transB,
                    c, cOffset, n, m, n, k, accumulate);
            return;
        }
        ParallelGemm.run(packed, a, aOffset, lda, transA, b, bOffset, ldb, transB,
                c, cOffset, n, m, n, k, accumulate);
    }

    /** {@inheritDoc} */
    @Override
    public double dot(double[] x, int xOffset, double[] y, int yOffset, int length) {
        int i = 0;
        double result = 0;
        if (length >= 4 * L) {
            // Four independent accumulators hide the FMA latency.
            DoubleVector s0 = DoubleVector.zero(S), s1 = s0, s2 = s0, s3 = s0;
            for (; i <= length - 4 * L; i += 4 * L) {
                s0 = DoubleVector.fromArray(S, x, xOffset + i)
                        .fma(DoubleVector.fromArray(S, y, yOffset + i), s0);
                s1 = DoubleVector.fromArray(S, x, xOffset + i + L)
                        .fma(DoubleVector.fromArray(S, y, yOffset + i + L), s1);
                s2 = DoubleVector.fromArray(S, x, xOffset + i + 2 * L)
                        .fma(DoubleVector.fromArray(S, y, yOffset + i + 2 * L), s2);
                s3 = DoubleVector.fromArray(S, x, xOffset + i + 3 * L)
                        .fma(DoubleVector.fromArray(S, y, yOffset + i + 3 * L), s3);
            }
            for (; i <= length - L; i += L) {
                s0 = DoubleVector.fromArray(S, x, xOffset + i)
                        .fma(DoubleVector.fromArray(S, y, yOffset + i), s0);
            }
            result = s0.add(s1).add(s2.add(s3)).reduceLanes(VectorOperators.ADD);
        }
        for (; i < length; i++) {
            result = Math.fma(x[xOffset + i], y[yOffset + i], result);
        }
        return result;
    }

    /** {@inheritDoc} */
    @Override
    public void axpy(double alpha, double[] x, int xOffset, double[] y, int yOffset, int length) {
        DoubleVector va = DoubleVector.broadcast(S, alpha);
        int i = 0;
        for (; i <= length - L; i += L) {
            va.fma(DoubleVector.fromArray(S, x, xOffset + i), DoubleVector.fromArray(S, y, yOffset + i))
                    .intoArray(y, yOffset + i);
        }
        for (; i < length; i++) {
            y[yOffset + i] = Math.fma(alpha, x[xOffset + i], y[yOffset + i]);
        }
    }

    /** {@inheritDoc} */
    @Override
    public double sum(double[] x, int offset, int length) {
        int i = 0;
        double result = 0;
        if (length >= 4 * L) {
            DoubleVector s0 = DoubleVector.zero(S), s1 = s0, s2 = s0, s3 = s0;
            for (; i <= length - 4 * L; i += 4 * L) {
                s0 = s0.add(DoubleVector.fromArray(S, x, offset + i));
                s1 = s1.add(DoubleVector.fromArray(S, x, offset + i + L));
                s2 = s2.add(DoubleVector.fromArray(S, x, offset + i + 2 * L));
                s3 = s3.add(DoubleVector.fromArray(S, x, offset + i + 3 * L));
            }
            for (; i <= length - L; i += L) {
                s0 = s0.add(DoubleVector.fromArray(S, x, offset + i));
            }
            result = s0.add(s1).add(s2.add(s3)).reduceLanes(VectorOperators.ADD);
        }
        for (; i < length; i++) {
            result += x[offset + i];
        }
        return result;
    }

    /** Returns {@code "vector-api"}. */
    @Override
    public String name() {
        return "vector-api";
    }

    /**
     * {@inheritDoc}
     *
     * <p>For example {@code "vector-api: gemm 8x16 on 512-bit vectors (preferred 512 bits,
     * 32 registers assumed), 2 threads"}.
     */
    @Override
    public String describe() {
        int preferred = MicroKernels.preferredBits();
        return name() + ": gemm " + packed.kernel().describe() + " (preferred " + preferred + " bits, "
                + MicroKernels.registers(preferred, System.getProperty("os.arch")) + " registers assumed), "
                + ParallelGemm.THREADS + (ParallelGemm.THREADS == 1 ? " thread" : " threads");
    }
}
