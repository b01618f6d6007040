package io.github.chainrule.autodiff.kernel;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The serial, packed, register-blocked matrix product behind {@link VectorKernels} (the
 * GotoBLAS/BLIS scheme): {@code C} is computed in {@code MR×NR} tiles whose accumulators live in
 * vector registers for a whole {@code kc}-long run of fused multiply-adds, reading operands that
 * {@link Packing} laid out contiguously beforehand.
 *
 * <p>Loop nest, outermost first: column panels of {@code nc} (packed B panel stays in L2/L3),
 * depth blocks of {@code kc} (pack {@code kc×nc} of B), row blocks of {@code mc} (pack
 * {@code mc×kc} of A, kept in L2), then B slivers ({@code kc×NR}, kept in L1) and A slivers,
 * each pair one micro-kernel call. Edge tiles run the same kernel on zero-padded slivers and are
 * written back through a small scratch tile.
 */
final class PackedGemm implements StridedGemm {

    static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    /** Doubles per vector (8 with AVX-512). */
    static final int L = S.length();
    /** Tile width: two vectors. */
    static final int NR = 2 * L;
    /**
     * Tile height. With 32 vector registers (AVX-512) an 8×2 block of accumulators plus two B
     * vectors and a broadcast fit; with 16 (AVX2, NEON) only 4×2 does without spilling.
     */
    static final int MR = L >= 8 ? 8 : 4;

    /**
     * Longest depth block. A B sliver of {@code KC·NR} doubles (32 KiB with AVX-512) should stay
     * in L1 while A slivers stream past; on the development machine (48 KiB L1) 128, 192, 256 and
     * 384 measured within noise, and the longest block touches {@code C} the fewest times.
     */
    private static final int KC_MAX = 256;
    /** Tallest row block: the packed A block {@code MC·KC} (256 KiB) sits in L2. */
    private static final int MC_MAX = 128;
    /** Widest column panel: the packed B panel {@code KC·NC} (4 MiB) sits in L2/L3. */
    private static final int NC_MAX = 2048;

    /** The single instance; the class has no state apart from per-thread scratch. */
    static final PackedGemm INSTANCE = new PackedGemm();

    /**
     * Packing buffers, one set per thread and grown on demand, so that a steady stream of
     * products allocates nothing. Safe because a thread never starts a second product while one
     * of its own is inside {@link #gemm}: the compute does not block or call out.
     */
    private static final ThreadLocal<Workspace> WORKSPACE = ThreadLocal.withInitial(Workspace::new);

    private PackedGemm() {
    }

    private static final class Workspace {
        double[] a = new double[0];
        double[] b = new double[0];
        final double[] tile = new double[MR * NR];

        double[] a(int size) {
            if (a.length < size) {
                a = new double[size];
            }
            return a;
        }

        double[] b(int size) {
            if (b.length < size) {
                b = new double[size];
            }
            return b;
        }
    }

    /** {@inheritDoc} */
    @Override
    public void gemm(double[] a, int aOffset, int lda, boolean transA,
                     double[] b, int bOffset, int ldb, boolean transB,
                     double[] c, int cOffset, int ldc,
                     int m, int n, int k, boolean accumulate) {
        // Equal-sized blocks rather than full blocks plus a remainder: k = 784 becomes 4×196,
        // not 3×256 + 16, so no block is too short to amortise its C update.
        int kcStep = ceilDiv(k, ceilDiv(k, KC_MAX));
        int mcStep = roundUp(ceilDiv(m, ceilDiv(m, MC_MAX)), MR);
        int ncStep = roundUp(ceilDiv(n, ceilDiv(n, NC_MAX)), NR);
        Workspace w = WORKSPACE.get();
        double[] ap = w.a(mcStep * kcStep);
        double[] bp = w.b(ncStep * kcStep);
        for (int jc = 0; jc < n; jc += ncStep) {
            int nc = Math.min(ncStep, n - jc);
            for (int pc = 0; pc < k; pc += kcStep) {
                int kc = Math.min(kcStep, k - pc);
                Packing.packB(b, bOffset, ldb, transB, pc, kc, jc, nc, NR, bp);
                boolean overwrite = !accumulate && pc == 0;
                for (int ic = 0; ic < m; ic += mcStep) {
                    int mc = Math.min(mcStep, m - ic);
                    Packing.packA(a, aOffset, lda, transA, ic, mc, pc, kc, MR, ap);
                    macroKernel(ap, bp, mc, nc, kc, c, cOffset + ic * ldc + jc, ldc, overwrite, w.tile);
                }
            }
        }
    }

    /** All tiles of one packed {@code mc×kc} A block against one packed {@code kc×nc} B panel. */
    private static void macroKernel(double[] ap, double[] bp, int mc, int nc, int kc,
                                    double[] c, int co, int ldc, boolean overwrite, double[] tile) {
        for (int jr = 0; jr < nc; jr += NR) {
            int cols = Math.min(NR, nc - jr);
            int bo = jr * kc;
            for (int ir = 0; ir < mc; ir += MR) {
                int rows = Math.min(MR, mc - ir);
                int ci = co + ir * ldc + jr;
                if (MR == 8) {
                    kernel8(ap, ir * kc, bp, bo, kc, c, ci, ldc, rows, cols, overwrite, tile);
                } else {
                    kernel4(ap, ir * kc, bp, bo, kc, c, ci, ldc, rows, cols, overwrite, tile);
                }
            }
        }
    }

    /**
     * The 8×{@code NR} micro-kernel: {@code C[r][j] (+)= Σ_p Ap[p][r] · Bp[p][j]} over one
     * packed A sliver and one packed B sliver, with the whole tile held in 16 vector
     * accumulators so the inner loop only loads two B vectors and broadcasts 8 A values per step.
     *
     * <p>The write-back is spelled out rather than delegated to a helper: if the JIT ever declined
     * to inline such a helper, every accumulator would be boxed and the kernel would run at a
     * fraction of its speed.
     */
    private static void kernel8(double[] ap, int ao, double[] bp, int bo, int kc,
                                double[] c, int co, int ldc, int rows, int cols,
                                boolean overwrite, double[] tile) {
        DoubleVector zero = DoubleVector.zero(S);
        DoubleVector c00 = zero, c01 = zero;
        DoubleVector c10 = zero, c11 = zero;
        DoubleVector c20 = zero, c21 = zero;
        DoubleVector c30 = zero, c31 = zero;
        DoubleVector c40 = zero, c41 = zero;
        DoubleVector c50 = zero, c51 = zero;
        DoubleVector c60 = zero, c61 = zero;
        DoubleVector c70 = zero, c71 = zero;
        for (int p = 0; p < kc; p++) {
            int ai = ao + p * 8;
            int bi = bo + p * NR;
            DoubleVector b0 = DoubleVector.fromArray(S, bp, bi);
            DoubleVector b1 = DoubleVector.fromArray(S, bp, bi + L);
            DoubleVector x;
            x = DoubleVector.broadcast(S, ap[ai]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = DoubleVector.broadcast(S, ap[ai + 1]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = DoubleVector.broadcast(S, ap[ai + 2]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = DoubleVector.broadcast(S, ap[ai + 3]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
            x = DoubleVector.broadcast(S, ap[ai + 4]);
            c40 = x.fma(b0, c40);
            c41 = x.fma(b1, c41);
            x = DoubleVector.broadcast(S, ap[ai + 5]);
            c50 = x.fma(b0, c50);
            c51 = x.fma(b1, c51);
            x = DoubleVector.broadcast(S, ap[ai + 6]);
            c60 = x.fma(b0, c60);
            c61 = x.fma(b1, c61);
            x = DoubleVector.broadcast(S, ap[ai + 7]);
            c70 = x.fma(b0, c70);
            c71 = x.fma(b1, c71);
        }
        if (rows < 8 || cols < NR) {
            c00.intoArray(tile, 0);
            c01.intoArray(tile, L);
            c10.intoArray(tile, NR);
            c11.intoArray(tile, NR + L);
            c20.intoArray(tile, 2 * NR);
            c21.intoArray(tile, 2 * NR + L);
            c30.intoArray(tile, 3 * NR);
            c31.intoArray(tile, 3 * NR + L);
            c40.intoArray(tile, 4 * NR);
            c41.intoArray(tile, 4 * NR + L);
            c50.intoArray(tile, 5 * NR);
            c51.intoArray(tile, 5 * NR + L);
            c60.intoArray(tile, 6 * NR);
            c61.intoArray(tile, 6 * NR + L);
            c70.intoArray(tile, 7 * NR);
            c71.intoArray(tile, 7 * NR + L);
            updateEdge(tile, c, co, ldc, rows, cols, overwrite);
            return;
        }
        if (overwrite) {
            c00.intoArray(c, co);
            c01.intoArray(c, co + L);
            c10.intoArray(c, co + ldc);
            c11.intoArray(c, co + ldc + L);
            c20.intoArray(c, co + 2 * ldc);
            c21.intoArray(c, co + 2 * ldc + L);
            c30.intoArray(c, co + 3 * ldc);
            c31.intoArray(c, co + 3 * ldc + L);
            c40.intoArray(c, co + 4 * ldc);
            c41.intoArray(c, co + 4 * ldc + L);
            c50.intoArray(c, co + 5 * ldc);
            c51.intoArray(c, co + 5 * ldc + L);
            c60.intoArray(c, co + 6 * ldc);
            c61.intoArray(c, co + 6 * ldc + L);
            c70.intoArray(c, co + 7 * ldc);
            c71.intoArray(c, co + 7 * ldc + L);
        } else {
            c00.add(DoubleVector.fromArray(S, c, co)).intoArray(c, co);
            c01.add(DoubleVector.fromArray(S, c, co + L)).intoArray(c, co + L);
            c10.add(DoubleVector.fromArray(S, c, co + ldc)).intoArray(c, co + ldc);
            c11.add(DoubleVector.fromArray(S, c, co + ldc + L)).intoArray(c, co + ldc + L);
            c20.add(DoubleVector.fromArray(S, c, co + 2 * ldc)).intoArray(c, co + 2 * ldc);
            c21.add(DoubleVector.fromArray(S, c, co + 2 * ldc + L)).intoArray(c, co + 2 * ldc + L);
            c30.add(DoubleVector.fromArray(S, c, co + 3 * ldc)).intoArray(c, co + 3 * ldc);
            c31.add(DoubleVector.fromArray(S, c, co + 3 * ldc + L)).intoArray(c, co + 3 * ldc + L);
            c40.add(DoubleVector.fromArray(S, c, co + 4 * ldc)).intoArray(c, co + 4 * ldc);
            c41.add(DoubleVector.fromArray(S, c, co + 4 * ldc + L)).intoArray(c, co + 4 * ldc + L);
            c50.add(DoubleVector.fromArray(S, c, co + 5 * ldc)).intoArray(c, co + 5 * ldc);
            c51.add(DoubleVector.fromArray(S, c, co + 5 * ldc + L)).intoArray(c, co + 5 * ldc + L);
            c60.add(DoubleVector.fromArray(S, c, co + 6 * ldc)).intoArray(c, co + 6 * ldc);
            c61.add(DoubleVector.fromArray(S, c, co + 6 * ldc + L)).intoArray(c, co + 6 * ldc + L);
            c70.add(DoubleVector.fromArray(S, c, co + 7 * ldc)).intoArray(c, co + 7 * ldc);
            c71.add(DoubleVector.fromArray(S, c, co + 7 * ldc + L)).intoArray(c, co + 7 * ldc + L);
        }
    }

    /**
     * The 4×{@code NR} micro-kernel: {@code C[r][j] (+)= Σ_p Ap[p][r] · Bp[p][j]} over one
     * packed A sliver and one packed B sliver, with the whole tile held in 8 vector
     * accumulators so the inner loop only loads two B vectors and broadcasts 4 A values per step.
     *
     * <p>The write-back is spelled out rather than delegated to a helper: if the JIT ever declined
     * to inline such a helper, every accumulator would be boxed and the kernel would run at a
     * fraction of its speed.
     */
    private static void kernel4(double[] ap, int ao, double[] bp, int bo, int kc,
                                double[] c, int co, int ldc, int rows, int cols,
                                boolean overwrite, double[] tile) {
        DoubleVector zero = DoubleVector.zero(S);
        DoubleVector c00 = zero, c01 = zero;
        DoubleVector c10 = zero, c11 = zero;
        DoubleVector c20 = zero, c21 = zero;
        DoubleVector c30 = zero, c31 = zero;
        for (int p = 0; p < kc; p++) {
            int ai = ao + p * 4;
            int bi = bo + p * NR;
            DoubleVector b0 = DoubleVector.fromArray(S, bp, bi);
            DoubleVector b1 = DoubleVector.fromArray(S, bp, bi + L);
            DoubleVector x;
            x = DoubleVector.broadcast(S, ap[ai]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = DoubleVector.broadcast(S, ap[ai + 1]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = DoubleVector.broadcast(S, ap[ai + 2]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = DoubleVector.broadcast(S, ap[ai + 3]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
        }
        if (rows < 4 || cols < NR) {
            c00.intoArray(tile, 0);
            c01.intoArray(tile, L);
            c10.intoArray(tile, NR);
            c11.intoArray(tile, NR + L);
            c20.intoArray(tile, 2 * NR);
            c21.intoArray(tile, 2 * NR + L);
            c30.intoArray(tile, 3 * NR);
            c31.intoArray(tile, 3 * NR + L);
            updateEdge(tile, c, co, ldc, rows, cols, overwrite);
            return;
        }
        if (overwrite) {
            c00.intoArray(c, co);
            c01.intoArray(c, co + L);
            c10.intoArray(c, co + ldc);
            c11.intoArray(c, co + ldc + L);
            c20.intoArray(c, co + 2 * ldc);
            c21.intoArray(c, co + 2 * ldc + L);
            c30.intoArray(c, co + 3 * ldc);
            c31.intoArray(c, co + 3 * ldc + L);
        } else {
            c00.add(DoubleVector.fromArray(S, c, co)).intoArray(c, co);
            c01.add(DoubleVector.fromArray(S, c, co + L)).intoArray(c, co + L);
            c10.add(DoubleVector.fromArray(S, c, co + ldc)).intoArray(c, co + ldc);
            c11.add(DoubleVector.fromArray(S, c, co + ldc + L)).intoArray(c, co + ldc + L);
            c20.add(DoubleVector.fromArray(S, c, co + 2 * ldc)).intoArray(c, co + 2 * ldc);
            c21.add(DoubleVector.fromArray(S, c, co + 2 * ldc + L)).intoArray(c, co + 2 * ldc + L);
            c30.add(DoubleVector.fromArray(S, c, co + 3 * ldc)).intoArray(c, co + 3 * ldc);
            c31.add(DoubleVector.fromArray(S, c, co + 3 * ldc + L)).intoArray(c, co + 3 * ldc + L);
        }
    }

    /** Writes the valid {@code rows×cols} corner of a tile spilled to {@code tile} (row stride {@code NR}). */
    private static void updateEdge(double[] tile, double[] c, int co, int ldc, int rows, int cols,
                                   boolean overwrite) {
        for (int r = 0; r < rows; r++) {
            int ci = co + r * ldc;
            int ti = r * NR;
            if (overwrite) {
                System.arraycopy(tile, ti, c, ci, cols);
            } else {
                for (int j = 0; j < cols; j++) {
                    c[ci + j] += tile[ti + j];
                }
            }
        }
    }

    private static int ceilDiv(int x, int y) {
        return (x + y - 1) / y;
    }

    private static int roundUp(int x, int multiple) {
        return ceilDiv(x, multiple) * multiple;
    }
}
