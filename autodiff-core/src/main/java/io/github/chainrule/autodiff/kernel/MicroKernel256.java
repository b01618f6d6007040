package io.github.chainrule.autodiff.kernel;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The 6×8 micro-kernel on 256-bit vectors (4 doubles): 6 rows of 2 vectors,
 * 12 accumulators, plus 2 B vectors and one broadcast per step: 15 vector registers.
 * Fits the 16 registers of AVX2 with one to spare: the shape of BLIS's Haswell kernel
 * ({@code bli_gemm_haswell_asm_d6x8}: 12 ymm accumulators, 2 B vectors, 1 broadcast). The 8×16
 * tile would need 32 accumulators at this width, twice the register file.
 *
 * <p>The write-back is spelled out rather than delegated to a helper: if the JIT ever declined
 * to inline such a helper, every accumulator would be boxed and the kernel would run at a
 * fraction of its speed.
 */
final class MicroKernel256 extends MicroKernel {

    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_256;
    private static final int L = 4;
    private static final int MR = 6;
    private static final int NR = 8;

    MicroKernel256() {
        super(MR, 2, 256);
    }

    @Override
    void multiply(double[] a, int ao, int lda, double[] bp, int bo, int kc,
                  double[] c, int co, int ldc, int validRows, int validCols,
                  boolean overwrite, double[] tile) {
        if (lda != PACKED_A) {
            multiplyInPlace(a, ao, lda, bp, bo, kc, c, co, ldc, validRows, validCols, overwrite, tile);
            return;
        }
        DoubleVector zero = DoubleVector.zero(S);
        DoubleVector c00 = zero, c01 = zero;
        DoubleVector c10 = zero, c11 = zero;
        DoubleVector c20 = zero, c21 = zero;
        DoubleVector c30 = zero, c31 = zero;
        DoubleVector c40 = zero, c41 = zero;
        DoubleVector c50 = zero, c51 = zero;
        for (int p = 0; p < kc; p++) {
            int ai = ao + p * MR;
            int bi = bo + p * NR;
            DoubleVector b0 = DoubleVector.fromArray(S, bp, bi);
            DoubleVector b1 = DoubleVector.fromArray(S, bp, bi + L);
            DoubleVector x;
            x = DoubleVector.broadcast(S, a[ai]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = DoubleVector.broadcast(S, a[ai + 1]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = DoubleVector.broadcast(S, a[ai + 2]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = DoubleVector.broadcast(S, a[ai + 3]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
            x = DoubleVector.broadcast(S, a[ai + 4]);
            c40 = x.fma(b0, c40);
            c41 = x.fma(b1, c41);
            x = DoubleVector.broadcast(S, a[ai + 5]);
            c50 = x.fma(b0, c50);
            c51 = x.fma(b1, c51);
        }
        if (validRows < MR || validCols < NR) {
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
            MicroKernel.updateEdge(tile, NR, c, co, ldc, validRows, validCols, overwrite);
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
        }
    }

    /** {@link #multiply} with A's rows read in place ({@code lda > 0}). */
    private void multiplyInPlace(double[] a, int ao, int lda, double[] bp, int bo, int kc,
                                 double[] c, int co, int ldc, int validRows, int validCols,
                                 boolean overwrite, double[] tile) {
        DoubleVector zero = DoubleVector.zero(S);
        DoubleVector c00 = zero, c01 = zero;
        DoubleVector c10 = zero, c11 = zero;
        DoubleVector c20 = zero, c21 = zero;
        DoubleVector c30 = zero, c31 = zero;
        DoubleVector c40 = zero, c41 = zero;
        DoubleVector c50 = zero, c51 = zero;
        // Rows of the tile below the edge of A re-read its last row: their sums are dropped.
        int last = validRows - 1;
        int a0 = ao;
        int a1 = ao + Math.min(1, last) * lda;
        int a2 = ao + Math.min(2, last) * lda;
        int a3 = ao + Math.min(3, last) * lda;
        int a4 = ao + Math.min(4, last) * lda;
        int a5 = ao + Math.min(5, last) * lda;
        for (int p = 0; p < kc; p++) {
            int bi = bo + p * NR;
            DoubleVector b0 = DoubleVector.fromArray(S, bp, bi);
            DoubleVector b1 = DoubleVector.fromArray(S, bp, bi + L);
            DoubleVector x;
            x = DoubleVector.broadcast(S, a[a0 + p]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = DoubleVector.broadcast(S, a[a1 + p]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = DoubleVector.broadcast(S, a[a2 + p]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = DoubleVector.broadcast(S, a[a3 + p]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
            x = DoubleVector.broadcast(S, a[a4 + p]);
            c40 = x.fma(b0, c40);
            c41 = x.fma(b1, c41);
            x = DoubleVector.broadcast(S, a[a5 + p]);
            c50 = x.fma(b0, c50);
            c51 = x.fma(b1, c51);
        }
        if (validRows < MR || validCols < NR) {
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
            MicroKernel.updateEdge(tile, NR, c, co, ldc, validRows, validCols, overwrite);
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
        }
    }
}
