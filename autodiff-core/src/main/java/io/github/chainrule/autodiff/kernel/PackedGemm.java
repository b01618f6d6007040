package io.github.chainrule.autodiff.kernel;

/**
 * The serial, packed, register-blocked matrix product behind {@link VectorKernels} (the
 * GotoBLAS/BLIS scheme): {@code C} is computed in {@code MR×NR} tiles whose accumulators live in
 * vector registers for a whole {@code kc}-long run of fused multiply-adds, reading operands that
 * {@link Packing} laid out contiguously beforehand.
 *
 * <p>Loop nest, outermost first: column panels of {@code nc} (packed B panel stays in L2/L3),
 * depth blocks of {@code kc} (pack {@code kc×nc} of B), row blocks of {@code mc} (pack
 * {@code mc×kc} of A, kept in L2, unless {@link #readsAInPlace} finds the copy not worth it),
 * then B slivers ({@code kc×NR}, kept in L1) and A slivers, each pair one micro-kernel call.
 * Edge tiles run the same kernel on zero-padded slivers and are written back through a small
 * scratch tile.
 *
 * <p>The tile shape {@code MR×NR} is the {@link MicroKernel}'s; {@link MicroKernels} picks it for
 * the CPU.
 */
final class PackedGemm implements StridedGemm {

    /**
     * Longest depth block. A B sliver of {@code KC·NR} doubles (32 KiB with the 8×16 tile) should
     * stay in L1 while A slivers stream past; on an AVX-512 machine (48 KiB L1) 128, 192, 256 and
     * 384 measured within noise, and the longest block touches {@code C} the fewest times.
     */
    private static final int KC_MAX = 256;
    /** Tallest row block: the packed A block {@code MC·KC} (256 KiB) sits in L2. */
    private static final int MC_MAX = 128;
    /** Widest column panel: the packed B panel {@code KC·NC} (4 MiB) sits in L2/L3. */
    private static final int NC_MAX = 2048;
    /** A packed B panel of at most this many values (16 KiB) stays in any L1 data cache whole. */
    private static final int L1_PANEL = 2048;

    /**
     * Packing buffers, one set per thread and grown on demand, so that a steady stream of
     * products allocates nothing. Safe because a thread never starts a second product while one
     * of its own is inside {@link #gemm}: the compute does not block or call out.
     */
    private static final ThreadLocal<Workspace> WORKSPACE = ThreadLocal.withInitial(Workspace::new);

    private final MicroKernel kernel;
    private final int mr;
    private final int nr;
    private final boolean aInPlaceAllowed;

    /** A packed product whose tiles are computed by {@code kernel}. */
    PackedGemm(MicroKernel kernel) {
        this.kernel = kernel;
        this.mr = kernel.rows();
        this.nr = kernel.columns();
        this.aInPlaceAllowed = MicroKernels.canReadAInPlace(kernel);
    }

    /** The micro-kernel computing the tiles. */
    MicroKernel kernel() {
        return kernel;
    }

    private static final class Workspace {
        double[] a = new double[0];
        double[] b = new double[0];
        double[] tile = new double[0];

        static double[] atLeast(double[] x, int size) {
            return x.length < size ? new double[size] : x;
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
        int mcStep = roundUp(ceilDiv(m, ceilDiv(m, MC_MAX)), mr);
        int ncStep = roundUp(ceilDiv(n, ceilDiv(n, NC_MAX)), nr);
        Workspace w = WORKSPACE.get();
        double[] ap = w.a = Workspace.atLeast(w.a, mcStep * kcStep);
        double[] bp = w.b = Workspace.atLeast(w.b, ncStep * kcStep);
        double[] tile = w.tile = Workspace.atLeast(w.tile, mr * nr);
        for (int jc = 0; jc < n; jc += ncStep) {
            int nc = Math.min(ncStep, n - jc);
            for (int pc = 0; pc < k; pc += kcStep) {
                int kc = Math.min(kcStep, k - pc);
                Packing.packB(b, bOffset, ldb, transB, pc, kc, jc, nc, nr, bp);
                boolean overwrite = !accumulate && pc == 0;
                boolean inPlace = readsAInPlace(transA, nc, kc);
                for (int ic = 0; ic < m; ic += mcStep) {
                    int mc = Math.min(mcStep, m - ic);
                    int co = cOffset + ic * ldc + jc;
                    if (inPlace) {
                        macroKernel(a, aOffset + ic * lda + pc, lda, bp, mc, nc, kc, c, co, ldc, overwrite, tile);
                    } else {
                        Packing.packA(a, aOffset, lda, transA, ic, mc, pc, kc, mr, ap);
                        macroKernel(ap, 0, MicroKernel.PACKED_A, bp, mc, nc, kc, c, co, ldc, overwrite, tile);
                    }
                }
            }
        }
    }

    /**
     * Whether to read {@code op(A)} where it lies instead of packing it. Packing copies every
     * value of the block once; reading in place costs the micro-kernel a fixed set-up per tile
     * (a row address and its bounds check for each row). So: always when the B panel is a
     * single sliver, where each value of {@code A} is used by one tile only and packing would
     * save nothing; otherwise when the block is deep for the panel's width ({@code 2·kc > nc}).
     * Measured on AVX-512 (AMD Zen 5): in place is 3–12% faster at 128×256×784 and 128×128×256,
     * packing 2–7% faster at 512³ and at depth 10. The micro-kernel reads rows, so only an
     * untransposed {@code A} qualifies, and only where the CPU has registers to spare for it
     * ({@link MicroKernels#canReadAInPlace}).
     */
    boolean readsAInPlace(boolean transA, int nc, int kc) {
        return aInPlaceAllowed && !transA && (nc <= nr || 2 * kc > nc);
    }

    /**
     * All tiles of one {@code mc×kc} A block against one packed {@code kc×nc} B panel. The A
     * block starts at {@code ao}: packed when {@code lda} is {@link MicroKernel#PACKED_A}, else
     * row-major with row stride {@code lda}.
     *
     * <p>Tiles go down each B sliver in turn, so the sliver stays in L1 while A streams past;
     * but a panel of at most {@link #L1_PANEL} values stays in L1 whole, and then the tiles go
     * along the rows of {@code C} instead, writing it in address order (a few percent faster
     * at depth 10).
     */
    private void macroKernel(double[] a, int ao, int lda, double[] bp, int mc, int nc, int kc,
                             double[] c, int co, int ldc, boolean overwrite, double[] tile) {
        int aRowStep = lda == MicroKernel.PACKED_A ? kc : lda;
        if (kc * roundUp(nc, nr) <= L1_PANEL) {
            for (int ir = 0; ir < mc; ir += mr) {
                int rows = Math.min(mr, mc - ir);
                for (int jr = 0; jr < nc; jr += nr) {
                    kernel.multiply(a, ao + ir * aRowStep, lda, bp, jr * kc, kc, c, co + ir * ldc + jr, ldc,
                            rows, Math.min(nr, nc - jr), overwrite, tile);
                }
            }
            return;
        }
        for (int jr = 0; jr < nc; jr += nr) {
            int cols = Math.min(nr, nc - jr);
            int bo = jr * kc;
            for (int ir = 0; ir < mc; ir += mr) {
                int rows = Math.min(mr, mc - ir);
                kernel.multiply(a, ao + ir * aRowStep, lda, bp, bo, kc, c, co + ir * ldc + jr, ldc,
                        rows, cols, overwrite, tile);
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
