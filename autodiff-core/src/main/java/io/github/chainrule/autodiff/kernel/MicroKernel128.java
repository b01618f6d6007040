package io.github.chainrule.autodiff.kernel;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The 6×8 micro-kernel on 128-bit vectors (2 doubles): 6 rows of 4 vectors,
 * 24 accumulators, plus 4 B vectors and one broadcast per step: 29 vector registers.
 * Needs 32 registers: the shape of BLIS's ARMv8 NEON kernel ({@code bli_gemm_armv8a_asm_6x8},
 * 24 accumulators); on a 128-bit x86 CPU (16 registers, no AVX) some accumulators spill.
 *
 * <p>The write-back is spelled out rather than delegated to a helper: if the JIT ever declined
 * to inline such a helper, every accumulator would be boxed and the kernel would run at a
 * fraction of its speed.
 */
final class MicroKernel128 extends MicroKernel {

    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_128;
    private static final int L = 2;
    private static final int MR = 6;
    private static final int NR = 8;

    MicroKernel128() {
        super(MR, 4, 128);
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
        DoubleVector c00 = zero, c01 = zero, c02 = zero, c03 = zero;
        DoubleVector c10 = zero, c11 = zero, c12 = zero, c13 = zero;
        DoubleVector c20 = zero, c21 = zero, c22 = zero, c23 = zero;
        DoubleVector c30 = zero, c31 = zero, c32 = zero, c33 = zero;
        DoubleVector c40 = zero, c41 = zero, c42 = zero, c43 = zero;
        DoubleVector c50 = zero, c51 = zero, c52 = zero, c53 = zero;
        for (int p = 0; p < kc; p++) {
            int ai = ao + p * MR;
            int bi = bo + p * NR;
            DoubleVector b0 = DoubleVector.fromArray(S, bp, bi);
            DoubleVector b1 = DoubleVector.fromArray(S, bp, bi + L);
            DoubleVector b2 = DoubleVector.fromArray(S, bp, bi + 2 * L);
            DoubleVector b3 = DoubleVector.fromArray(S, bp, bi + 3 * L);
            DoubleVector x;
            x = DoubleVector.broadcast(S, a[ai]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            c02 = x.fma(b2, c02);
            c03 = x.fma(b3, c03);
            x = DoubleVector.broadcast(S, a[ai + 1]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            c12 = x.fma(b2, c12);
            c13 = x.fma(b3, c13);
            x = DoubleVector.broadcast(S, a[ai + 2]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            c22 = x.fma(b2, c22);
            c23 = x.fma(b3, c23);
            x = DoubleVector.broadcast(S, a[ai + 3]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
            c32 = x.fma(b2, c32);
            c33 = x.fma(b3, c33);
            x = DoubleVector.broadcast(S, a[ai + 4]);
            c40 = x.fma(b0, c40);
            c41 = x.fma(b1, c41);
            c42 = x.fma(b2, c42);
            c43 = x.fma(b3, c43);
            x = DoubleVector.broadcast(S, a[ai + 5]);
            c50 = x.fma(b0, c50);
            c51 = x.fma(b1, c51);
            c52 = x.fma(b2, c52);
            c53 = x.fma(b3, c53);
        }
        if (validRows < MR || validCols < NR) {
            c00.intoArray(tile, 0);
            c01.intoArray(tile, L);
            c02.intoArray(tile, 2 * L);
            c03.intoArray(tile, 3 * L);
            c10.intoArray(tile, NR);
            c11.intoArray(tile, NR + L);
            c12.intoArray(tile, NR + 2 * L);
            c13.intoArray(tile, NR + 3 * L);
            c20.intoArray(tile, 2 * NR);
            c21.intoArray(tile, 2 * NR + L);
            c22.intoArray(tile, 2 * NR + 2 * L);
            c23.intoArray(tile, 2 * NR + 3 * L);
            c30.intoArray(tile, 3 * NR);
            c31.intoArray(tile, 3 * NR + L);
            c32.intoArray(tile, 3 * NR + 2 * L);
            c33.intoArray(tile, 3 * NR + 3 * L);
            c40.intoArray(tile, 4 * NR);
            c41.intoArray(tile, 4 * NR + L);
            c42.intoArray(tile, 4 * NR + 2 * L);
            c43.intoArray(tile, 4 * NR + 3 * L);
            c50.intoArray(tile, 5 * NR);
            c51.intoArray(tile, 5 * NR + L);
            c52.intoArray(tile, 5 * NR + 2 * L);
            c53.intoArray(tile, 5 * NR + 3 * L);
            MicroKernel.updateEdge(tile, NR, c, co, ldc, validRows, validCols, overwrite);
            return;
        }
        if (overwrite) {
            c00.intoArray(c, co);
            c01.intoArray(c, co + L);
            c02.intoArray(c, co + 2 * L);
            c03.intoArray(c, co + 3 * L);
            c10.intoArray(c, co + ldc);
            c11.intoArray(c, co + ldc + L);
            c12.intoArray(c, co + ldc + 2 * L);
            c13.intoArray(c, co + ldc + 3 * L);
            c20.intoArray(c, co + 2 * ldc);
            c21.intoArray(c, co + 2 * ldc + L);
            c22.intoArray(c, co + 2 * ldc + 2 * L);
            c23.intoArray(c, co + 2 * ldc + 3 * L);
            c30.intoArray(c, co + 3 * ldc);
            c31.intoArray(c, co + 3 * ldc + L);
            c32.intoArray(c, co + 3 * ldc + 2 * L);
            c33.intoArray(c, co + 3 * ldc + 3 * L);
            c40.intoArray(c, co + 4 * ldc);
            c41.intoArray(c, co + 4 * ldc + L);
            c42.intoArray(c, co + 4 * ldc + 2 * L);
            c43.intoArray(c, co + 4 * ldc + 3 * L);
            c50.intoArray(c, co + 5 * ldc);
            c51.intoArray(c, co + 5 * ldc + L);
            c52.intoArray(c, co + 5 * ldc + 2 * L);
            c53.intoArray(c, co + 5 * ldc + 3 * L);
        } else {
            c00.add(DoubleVector.fromArray(S, c, co)).intoArray(c, co);
            c01.add(DoubleVector.fromArray(S, c, co + L)).intoArray(c, co + L);
            c02.add(DoubleVector.fromArray(S, c, co + 2 * L)).intoArray(c, co + 2 * L);
            c03.add(DoubleVector.fromArray(S, c, co + 3 * L)).intoArray(c, co + 3 * L);
            c10.add(DoubleVector.fromArray(S, c, co + ldc)).intoArray(c, co + ldc);
            c11.add(DoubleVector.fromArray(S, c, co + ldc + L)).intoArray(c, co + ldc + L);
            c12.add(DoubleVector.fromArray(S, c, co + ldc + 2 * L)).intoArray(c, co + ldc + 2 * L);
            c13.add(DoubleVector.fromArray(S, c, co + ldc + 3 * L)).intoArray(c, co + ldc + 3 * L);
            c20.add(DoubleVector.fromArray(S, c, co + 2 * ldc)).intoArray(c, co + 2 * ldc);
            c21.add(DoubleVector.fromArray(S, c, co + 2 * ldc + L)).intoArray(c, co + 2 * ldc + L);
            c22.add(DoubleVector.fromArray(S, c, co + 2 * ldc + 2 * L)).intoArray(c, co + 2 * ldc + 2 * L);
            c23.add(DoubleVector.fromArray(S, c, co + 2 * ldc + 3 * L)).intoArray(c, co + 2 * ldc + 3 * L);
            c30.add(DoubleVector.fromArray(S, c, co + 3 * ldc)).intoArray(c, co + 3 * ldc);
            c31.add(DoubleVector.fromArray(S, c, co + 3 * ldc + L)).intoArray(c, co + 3 * ldc + L);
            c32.add(DoubleVector.fromArray(S, c, co + 3 * ldc + 2 * L)).intoArray(c, co + 3 * ldc + 2 * L);
            c33.add(DoubleVector.fromArray(S, c, co + 3 * ldc + 3 * L)).intoArray(c, co + 3 * ldc + 3 * L);
            c40.add(DoubleVector.fromArray(S, c, co + 4 * ldc)).intoArray(c, co + 4 * ldc);
            c41.add(DoubleVector.fromArray(S, c, co + 4 * ldc + L)).intoArray(c, co + 4 * ldc + L);
            c42.add(DoubleVector.fromArray(S, c, co + 4 * ldc + 2 * L)).intoArray(c, co + 4 * ldc + 2 * L);
            c43.add(DoubleVector.fromArray(S, c, co + 4 * ldc + 3 * L)).intoArray(c, co + 4 * ldc + 3 * L);
            c50.add(DoubleVector.fromArray(S, c, co + 5 * ldc)).intoArray(c, co + 5 * ldc);
            c51.add(DoubleVector.fromArray(S, c, co + 5 * ldc + L)).intoArray(c, co + 5 * ldc + L);
            c52.add(DoubleVector.fromArray(S, c, co + 5 * ldc + 2 * L)).intoArray(c, co + 5 * ldc + 2 * L);
            c53.add(DoubleVector.fromArray(S, c, co + 5 * ldc + 3 * L)).intoArray(c, co + 5 * ldc + 3 * L);
        }
    }

    /** {@link #multiply} with A's rows read in place ({@code lda > 0}). */
    private void multiplyInPlace(double[] a, int ao, int lda, double[] bp, int bo, int kc,
                                 double[] c, int co, int ldc, int validRows, int validCols,
                                 boolean overwrite, double[] tile) {
        DoubleVector zero = DoubleVector.zero(S);
        DoubleVector c00 = zero, c01 = zero, c02 = zero, c03 = zero;
        DoubleVector c10 = zero, c11 = zero, c12 = zero, c13 = zero;
        DoubleVector c20 = zero, c21 = zero, c22 = zero, c23 = zero;
        DoubleVector c30 = zero, c31 = zero, c32 = zero, c33 = zero;
        DoubleVector c40 = zero, c41 = zero, c42 = zero, c43 = zero;
        DoubleVector c50 = zero, c51 = zero, c52 = zero, c53 = zero;
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
            DoubleVector b2 = DoubleVector.fromArray(S, bp, bi + 2 * L);
            DoubleVector b3 = DoubleVector.fromArray(S, bp, bi + 3 * L);
            DoubleVector x;
            x = DoubleVector.broadcast(S, a[a0 + p]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            c02 = x.fma(b2, c02);
            c03 = x.fma(b3, c03);
            x = DoubleVector.broadcast(S, a[a1 + p]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            c12 = x.fma(b2, c12);
            c13 = x.fma(b3, c13);
            x = DoubleVector.broadcast(S, a[a2 + p]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            c22 = x.fma(b2, c22);
            c23 = x.fma(b3, c23);
            x = DoubleVector.broadcast(S, a[a3 + p]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
            c32 = x.fma(b2, c32);
            c33 = x.fma(b3, c33);
            x = DoubleVector.broadcast(S, a[a4 + p]);
            c40 = x.fma(b0, c40);
            c41 = x.fma(b1, c41);
            c42 = x.fma(b2, c42);
            c43 = x.fma(b3, c43);
            x = DoubleVector.broadcast(S, a[a5 + p]);
            c50 = x.fma(b0, c50);
            c51 = x.fma(b1, c51);
            c52 = x.fma(b2, c52);
            c53 = x.fma(b3, c53);
        }
        if (validRows < MR || validCols < NR) {
            c00.intoArray(tile, 0);
            c01.intoArray(tile, L);
            c02.intoArray(tile, 2 * L);
            c03.intoArray(tile, 3 * L);
            c10.intoArray(tile, NR);
            c11.intoArray(tile, NR + L);
            c12.intoArray(tile, NR + 2 * L);
            c13.intoArray(tile, NR + 3 * L);
            c20.intoArray(tile, 2 * NR);
            c21.intoArray(tile, 2 * NR + L);
            c22.intoArray(tile, 2 * NR + 2 * L);
            c23.intoArray(tile, 2 * NR + 3 * L);
            c30.intoArray(tile, 3 * NR);
            c31.intoArray(tile, 3 * NR + L);
            c32.intoArray(tile, 3 * NR + 2 * L);
            c33.intoArray(tile, 3 * NR + 3 * L);
            c40.intoArray(tile, 4 * NR);
            c41.intoArray(tile, 4 * NR + L);
            c42.intoArray(tile, 4 * NR + 2 * L);
            c43.intoArray(tile, 4 * NR + 3 * L);
            c50.intoArray(tile, 5 * NR);
            c51.intoArray(tile, 5 * NR + L);
            c52.intoArray(tile, 5 * NR + 2 * L);
            c53.intoArray(tile, 5 * NR + 3 * L);
            MicroKernel.updateEdge(tile, NR, c, co, ldc, validRows, validCols, overwrite);
            return;
        }
        if (overwrite) {
            c00.intoArray(c, co);
            c01.intoArray(c, co + L);
            c02.intoArray(c, co + 2 * L);
            c03.intoArray(c, co + 3 * L);
            c10.intoArray(c, co + ldc);
            c11.intoArray(c, co + ldc + L);
            c12.intoArray(c, co + ldc + 2 * L);
            c13.intoArray(c, co + ldc + 3 * L);
            c20.intoArray(c, co + 2 * ldc);
            c21.intoArray(c, co + 2 * ldc + L);
            c22.intoArray(c, co + 2 * ldc + 2 * L);
            c23.intoArray(c, co + 2 * ldc + 3 * L);
            c30.intoArray(c, co + 3 * ldc);
            c31.intoArray(c, co + 3 * ldc + L);
            c32.intoArray(c, co + 3 * ldc + 2 * L);
            c33.intoArray(c, co + 3 * ldc + 3 * L);
            c40.intoArray(c, co + 4 * ldc);
            c41.intoArray(c, co + 4 * ldc + L);
            c42.intoArray(c, co + 4 * ldc + 2 * L);
            c43.intoArray(c, co + 4 * ldc + 3 * L);
            c50.intoArray(c, co + 5 * ldc);
            c51.intoArray(c, co + 5 * ldc + L);
            c52.intoArray(c, co + 5 * ldc + 2 * L);
            c53.intoArray(c, co + 5 * ldc + 3 * L);
        } else {
            c00.add(DoubleVector.fromArray(S, c, co)).intoArray(c, co);
            c01.add(DoubleVector.fromArray(S, c, co + L)).intoArray(c, co + L);
            c02.add(DoubleVector.fromArray(S, c, co + 2 * L)).intoArray(c, co + 2 * L);
            c03.add(DoubleVector.fromArray(S, c, co + 3 * L)).intoArray(c, co + 3 * L);
            c10.add(DoubleVector.fromArray(S, c, co + ldc)).intoArray(c, co + ldc);
            c11.add(DoubleVector.fromArray(S, c, co + ldc + L)).intoArray(c, co + ldc + L);
            c12.add(DoubleVector.fromArray(S, c, co + ldc + 2 * L)).intoArray(c, co + ldc + 2 * L);
            c13.add(DoubleVector.fromArray(S, c, co + ldc + 3 * L)).intoArray(c, co + ldc + 3 * L);
            c20.add(DoubleVector.fromArray(S, c, co + 2 * ldc)).intoArray(c, co + 2 * ldc);
            c21.add(DoubleVector.fromArray(S, c, co + 2 * ldc + L)).intoArray(c, co + 2 * ldc + L);
            c22.add(DoubleVector.fromArray(S, c, co + 2 * ldc + 2 * L)).intoArray(c, co + 2 * ldc + 2 * L);
            c23.add(DoubleVector.fromArray(S, c, co + 2 * ldc + 3 * L)).intoArray(c, co + 2 * ldc + 3 * L);
            c30.add(DoubleVector.fromArray(S, c, co + 3 * ldc)).intoArray(c, co + 3 * ldc);
            c31.add(DoubleVector.fromArray(S, c, co + 3 * ldc + L)).intoArray(c, co + 3 * ldc + L);
            c32.add(DoubleVector.fromArray(S, c, co + 3 * ldc + 2 * L)).intoArray(c, co + 3 * ldc + 2 * L);
            c33.add(DoubleVector.fromArray(S, c, co + 3 * ldc + 3 * L)).intoArray(c, co + 3 * ldc + 3 * L);
            c40.add(DoubleVector.fromArray(S, c, co + 4 * ldc)).intoArray(c, co + 4 * ldc);
            c41.add(DoubleVector.fromArray(S, c, co + 4 * ldc + L)).intoArray(c, co + 4 * ldc + L);
            c42.add(DoubleVector.fromArray(S, c, co + 4 * ldc + 2 * L)).intoArray(c, co + 4 * ldc + 2 * L);
            c43.add(DoubleVector.fromArray(S, c, co + 4 * ldc + 3 * L)).intoArray(c, co + 4 * ldc + 3 * L);
            c50.add(DoubleVector.fromArray(S, c, co + 5 * ldc)).intoArray(c, co + 5 * ldc);
            c51.add(DoubleVector.fromArray(S, c, co + 5 * ldc + L)).intoArray(c, co + 5 * ldc + L);
            c52.add(DoubleVector.fromArray(S, c, co + 5 * ldc + 2 * L)).intoArray(c, co + 5 * ldc + 2 * L);
            c53.add(DoubleVector.fromArray(S, c, co + 5 * ldc + 3 * L)).intoArray(c, co + 5 * ldc + 3 * L);
        }
    }
}
