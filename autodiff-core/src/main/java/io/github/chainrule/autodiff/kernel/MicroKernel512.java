package io.github.chainrule.autodiff.kernel;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The 8×16 micro-kernel on 512-bit vectors (8 doubles): 8 rows of 2 vectors,
 * 16 accumulators, plus 2 B vectors and one broadcast per step: 19 vector registers.
 * Needs the 32 registers of AVX-512 (or SVE); the tile shape of BLIS's and OpenBLAS's AVX-512
 * kernels is of this kind (8 rows × 2 zmm vectors here).
 *
 * <p>The write-back is spelled out rather than delegated to a helper: if the JIT ever declined
 * to inline such a helper, every accumulator would be boxed and the kernel would run at a
 * fraction of its speed.
 */
final class MicroKernel512 extends MicroKernel {

    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_512;
    private static final int L = 8;
    private static final int MR = 8;
    private static final int NR = 16;

    MicroKernel512() {
        super(MR, 2, 512);
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
        DoubleVector c60 = zero, c61 = zero;
        DoubleVector c70 = zero, c71 = zero;
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
            x = DoubleVector.broadcast(S, a[ai + 6]);
            c60 = x.fma(b0, c60);
            c61 = x.fma(b1, c61);
            x = DoubleVector.broadcast(S, a[ai + 7]);
            c70 = x.fma(b0, c70);
            c71 = x.fma(b1, c71);
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
            c60.intoArray(tile, 6 * NR);
            c61.intoArray(tile, 6 * NR + L);
            c70.intoArray(tile, 7 * NR);
            c71.intoArray(tile, 7 * NR + L);
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
        DoubleVector c60 = zero, c61 = zero;
        DoubleVector c70 = zero, c71 = zero;
        // Rows of the tile below the edge of A re-read its last row: their sums are dropped.
        int last = validRows - 1;
        int a0 = ao;
        int a1 = ao + Math.min(1, last) * lda;
        int a2 = ao + Math.min(2, last) * lda;
        int a3 = ao + Math.min(3, last) * lda;
        int a4 = ao + Math.min(4, last) * lda;
        int a5 = ao + Math.min(5, last) * lda;
        int a6 = ao + Math.min(6, last) * lda;
        int a7 = ao + Math.min(7, last) * lda;
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
            x = DoubleVector.broadcast(S, a[a6 + p]);
            c60 = x.fma(b0, c60);
            c61 = x.fma(b1, c61);
            x = DoubleVector.broadcast(S, a[a7 + p]);
            c70 = x.fma(b0, c70);
            c71 = x.fma(b1, c71);
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
            c60.intoArray(tile, 6 * NR);
            c61.intoArray(tile, 6 * NR + L);
            c70.intoArray(tile, 7 * NR);
            c71.intoArray(tile, 7 * NR + L);
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
}
