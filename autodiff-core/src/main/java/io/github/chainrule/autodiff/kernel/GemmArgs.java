package io.github.chainrule.autodiff.kernel;

import java.util.Arrays;

/** Argument checks and the degenerate cases shared by every {@link Kernels#gemm} implementation. */
final class GemmArgs {

    private GemmArgs() {
    }

    /**
     * Validates dimensions and array bounds of a dense {@link Kernels#gemm} call up front, so that a
     * bad call fails with a clear message instead of an index error deep inside a packing loop
     * (possibly on a worker thread).
     *
     * @throws IllegalArgumentException if a dimension is negative
     * @throws IndexOutOfBoundsException if a matrix does not fit its array from its offset
     */
    static void check(double[] a, int aOffset, double[] b, int bOffset, double[] c, int cOffset,
                      int m, int n, int k) {
        if (m < 0 || n < 0 || k < 0) {
            throw new IllegalArgumentException("negative gemm dimension: m=" + m + " n=" + n + " k=" + k);
        }
        checkRange("A", a, aOffset, (long) m * k);
        checkRange("B", b, bOffset, (long) k * n);
        checkRange("C", c, cOffset, (long) m * n);
    }

    private static void checkRange(String what, double[] x, int offset, long size) {
        if (offset < 0 || size > x.length - (long) offset) {
            throw new IndexOutOfBoundsException(what + ": " + size + " elements from offset " + offset
                    + " do not fit in an array of length " + x.length);
        }
    }

    /**
     * Handles the products with no arithmetic: an empty {@code C}, or {@code k == 0} where
     * {@code op(A) op(B)} is the zero matrix (so overwrite means "set to zero").
     *
     * @return true if the call is complete and the caller must not go on
     */
    static boolean trivial(double[] c, int cOffset, int m, int n, int k, boolean accumulate) {
        if (m == 0 || n == 0) {
            return true;
        }
        if (k == 0) {
            if (!accumulate) {
                Arrays.fill(c, cOffset, cOffset + m * n, 0.0);
            }
            return true;
        }
        return false;
    }
}
