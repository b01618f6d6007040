package io.github.chainrule.autodiff.kernel;

import java.util.Arrays;

/**
 * Copies blocks of {@code op(A)} and {@code op(B)} into the contiguous layout the micro-kernel
 * reads, which is also where a transposed operand gets un-transposed: the kernel itself only
 * ever sees one layout.
 *
 * <p>Packed A is a run of slivers of {@code mr} rows: sliver {@code s} holds, for each
 * {@code p}, the {@code mr} values {@code op(A)[s·mr + r][p]} next to each other, so the kernel
 * reads one column of the sliver per step. Packed B is a run of slivers of {@code nr} columns:
 * for each {@code p}, the {@code nr} values {@code op(B)[p][s·nr + c]}, one row of the sliver
 * per step. The last sliver is padded to full width, so the kernel never needs a tail case in
 * its inner loop; only the write to {@code C} must respect the true edge. The padding only ever
 * reaches accumulators that are not written back, but it is zeroed anyway: stale values left in
 * a reused buffer could be subnormal, and subnormal operands can slow the FMAs badly.
 */
final class Packing {

    private Packing() {
    }

    /**
     * Packs the block {@code op(A)[i0 .. i0+mc)[p0 .. p0+kc)} into {@code dst} from index 0.
     * Needs {@code ceil(mc/mr)·mr·kc} elements.
     */
    static void packA(double[] a, int aOffset, int lda, boolean transA,
                      int i0, int mc, int p0, int kc, int mr, double[] dst) {
        for (int is = 0, d = 0; is < mc; is += mr, d += mr * kc) {
            int rows = Math.min(mr, mc - is);
            if (transA) {
                // Stored k×m: each p holds the sliver's rows contiguously.
                int src = aOffset + p0 * lda + i0 + is;
                for (int p = 0; p < kc; p++, src += lda) {
                    System.arraycopy(a, src, dst, d + p * mr, rows);
                }
            } else {
                // Stored m×k: read each row contiguously, write with stride mr (within L1).
                for (int r = 0; r < rows; r++) {
                    int src = aOffset + (i0 + is + r) * lda + p0;
                    for (int p = 0, o = d + r; p < kc; p++, o += mr) {
                        dst[o] = a[src + p];
                    }
                }
            }
            if (rows < mr) {
                for (int p = 0; p < kc; p++) {
                    int o = d + p * mr;
                    Arrays.fill(dst, o + rows, o + mr, 0.0);
                }
            }
        }
    }

    /**
     * Packs the block {@code op(B)[p0 .. p0+kc)[j0 .. j0+nc)} into {@code dst} from index 0.
     * Needs {@code ceil(nc/nr)·nr·kc} elements.
     */
    static void packB(double[] b, int bOffset, int ldb, boolean transB,
                      int p0, int kc, int j0, int nc, int nr, double[] dst) {
        for (int js = 0, d = 0; js < nc; js += nr, d += nr * kc) {
            int cols = Math.min(nr, nc - js);
            if (transB) {
                // Stored n×k: each column of op(B) is a contiguous row of storage.
                for (int col = 0; col < cols; col++) {
                    int src = bOffset + (j0 + js + col) * ldb + p0;
                    for (int p = 0, o = d + col; p < kc; p++, o += nr) {
                        dst[o] = b[src + p];
                    }
                }
            } else {
                int src = bOffset + p0 * ldb + j0 + js;
                for (int p = 0; p < kc; p++, src += ldb) {
                    System.arraycopy(b, src, dst, d + p * nr, cols);
                }
            }
            if (cols < nr) {
                for (int p = 0; p < kc; p++) {
                    int o = d + p * nr;
                    Arrays.fill(dst, o + cols, o + nr, 0.0);
                }
            }
        }
    }
}
