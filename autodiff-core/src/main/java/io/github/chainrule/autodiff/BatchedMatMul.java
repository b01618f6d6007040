package io.github.chainrule.autodiff;

import java.util.Arrays;

/**
 * Matrix products of operands of any rank, by NumPy's rules: the last two axes are the
 * matrices, every axis before them is a batch axis, and batch axes broadcast (a 1-d operand
 * is a row or column vector whose axis is removed afterwards). The batch axes are broadcast,
 * flattened into one, and the product taken by the 3-d batched product, whose kernels and
 * derivatives are those of {@link MatMul}; reshape and broadcastTo carry the gradient back.
 */
final class BatchedMatMul {
    private BatchedMatMul() {
    }

    static Tensor matmul(Tensor a, Tensor b) {
        boolean vectorA = a.rank() == 1;
        boolean vectorB = b.rank() == 1;
        Tensor left = vectorA ? a.reshape(1, -1) : a;
        Tensor right = vectorB ? b.reshape(-1, 1) : b;
        int m = left.shape[left.rank() - 2];
        int k = left.shape[left.rank() - 1];
        int kb = right.shape[right.rank() - 2];
        int n = right.shape[right.rank() - 1];
        if (k != kb) {
            throw new IllegalArgumentException("matmul: shapes " + Shapes.str(a.shape) + " and " + Shapes.str(b.shape)
                    + " do not align: " + k + " != " + kb);
        }
        int[] batchA = Arrays.copyOf(left.shape, left.rank() - 2);
        int[] batchB = Arrays.copyOf(right.shape, right.rank() - 2);
        int[] batch;
        try {
            batch = Shapes.broadcast("matmul", batchA, batchB);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("matmul: the batch axes of shapes " + Shapes.str(a.shape) + " and "
                    + Shapes.str(b.shape) + " do not broadcast: " + Shapes.str(batchA) + " against "
                    + Shapes.str(batchB), e);
        }
        int count = Shapes.size(batch);
        Tensor a3 = left.broadcastTo(concat(batch, m, k)).reshape(count, m, k);
        Tensor b3 = right.broadcastTo(concat(batch, k, n)).reshape(count, k, n);
        int[] shape = concat(batch, m, n);
        Tensor product = MatMul.product(a3, b3, false, false).reshape(shape);
        if (vectorA || vectorB) {
            int[] squeezed = Arrays.copyOf(batch, batch.length + (vectorA ? 0 : 1) + (vectorB ? 0 : 1));
            int at = batch.length;
            if (!vectorA) {
                squeezed[at++] = m;
            }
            if (!vectorB) {
                squeezed[at] = n;
            }
            return product.reshape(squeezed);
        }
        return product;
    }

    private static int[] concat(int[] batch, int rows, int cols) {
        int[] shape = Arrays.copyOf(batch, batch.length + 2);
        shape[batch.length] = rows;
        shape[batch.length + 1] = cols;
        return shape;
    }
}
