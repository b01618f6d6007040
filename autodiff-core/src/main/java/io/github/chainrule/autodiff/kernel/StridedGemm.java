package io.github.chainrule.autodiff.kernel;

/**
 * A serial matrix product on explicit row strides, so that a caller can hand it any rectangular
 * block of {@code C} (and the matching rows of {@code op(A)} and columns of {@code op(B)}) without
 * copying; {@link ParallelGemm} splits a product this way.
 *
 * <p>Computes {@code C = op(A) op(B)} (or {@code C += op(A) op(B)} when {@code accumulate}), with
 * {@code op(A)} {@code m×k}, {@code op(B)} {@code k×n} and {@code C} {@code m×n}. Element
 * {@code op(A)[i][p]} is {@code a[aOffset + i*lda + p]}, or {@code a[aOffset + p*lda + i]} when
 * {@code transA}; {@code op(B)[p][j]} is {@code b[bOffset + p*ldb + j]}, or
 * {@code b[bOffset + j*ldb + p]} when {@code transB}; {@code C[i][j]} is
 * {@code c[cOffset + i*ldc + j]}. Implementations may assume {@code m, n, k > 0} and valid
 * indices.
 */
@FunctionalInterface
interface StridedGemm {

    /** {@code C = op(A) op(B)}, or {@code C += op(A) op(B)} when {@code accumulate}. */
    void gemm(double[] a, int aOffset, int lda, boolean transA,
              double[] b, int bOffset, int ldb, boolean transB,
              double[] c, int cOffset, int ldc,
              int m, int n, int k, boolean accumulate);
}
