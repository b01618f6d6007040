package io.github.chainrule.autodiff;

import io.github.chainrule.autodiff.engine.GradMode;
import io.github.chainrule.autodiff.kernel.Concurrently;
import io.github.chainrule.autodiff.kernel.KernelProvider;
import io.github.chainrule.autodiff.kernel.Kernels;

/**
 * Matrix products. The primitive is {@code C = op(A) op(B)} with op = identity or transpose,
 * for 2-d operands or 3-d batches; its four variants are closed under differentiation
 * (e.g. for C = A B: dA = G Bᵀ, dB = Aᵀ G), so no transpose is ever copied and the products
 * can be differentiated again. {@link #matmul} maps NumPy's rules onto it by reshaping;
 * operands of rank above 3 go through {@link BatchedMatMul}.
 */
final class MatMul {
    private static final Kernels KERNELS = KernelProvider.get();

    private MatMul() {
    }

    static Tensor matmul(Tensor a, Tensor b) {
        int ra = a.rank();
        int rb = b.rank();
        if (ra == 0 || rb == 0) {
            throw new IllegalArgumentException("matmul: needs operands of rank 1 or more, got shapes "
                    + Shapes.str(a.shape) + " and " + Shapes.str(b.shape));
        }
        if (ra > 3 || rb > 3) {
            return BatchedMatMul.matmul(a, b);
        }
        checkInner("matmul", a.shape[ra - 1], rowsDim(b), a, b);
        if (ra == 1 && rb == 1) {
            return product(a.reshape(1, -1), b.reshape(-1, 1), false, false).reshape();
        }
        if (rb == 1) {
            Tensor column = product3(a, b.reshape(-1, 1));
            int[] shape = a.shape.clone();
            return column.reshape(java.util.Arrays.copyOf(shape, shape.length - 1));
        }
        if (ra == 1) {
            Tensor row = product3(a.reshape(1, -1), b);
            int[] shape = row.shape.clone();
            return rb == 2 ? row.reshape(shape[1]) : row.reshape(shape[0], shape[2]);
        }
        return product3(a, b);
    }

    private static int rowsDim(Tensor b) {
        return b.rank() == 1 ? b.shape[0] : b.shape[b.rank() - 2];
    }

    /** Products where either side may be a 3-d batch (a 2-d side is shared by the batch). */
    private static Tensor product3(Tensor a, Tensor b) {
        if (a.rank() == 3 && b.rank() == 2) {
            int batch = a.shape[0];
            int m = a.shape[1];
            return product(a.reshape(batch * m, a.shape[2]), b, false, false).reshape(batch, m, b.shape[1]);
        }
        if (a.rank() == 2 && b.rank() == 3) {
            return product(a.broadcastTo(b.shape[0], a.shape[0], a.shape[1]), b, false, false);
        }
        if (a.rank() == 3 && a.shape[0] != b.shape[0]) {
            int batch = Shapes.broadcast("matmul", new int[] {a.shape[0]}, new int[] {b.shape[0]})[0];
            return product(a.broadcastTo(batch, a.shape[1], a.shape[2]), b.broadcastTo(batch, b.shape[1], b.shape[2]),
                    false, false);
        }
        return product(a, b, false, false);
    }

    private static void checkInner(String op, int ka, int kb, Tensor a, Tensor b) {
        if (ka != kb) {
            throw new IllegalArgumentException(op + ": shapes " + Shapes.str(a.shape) + " and " + Shapes.str(b.shape)
                    + " do not align: " + ka + " != " + kb);
        }
    }

    /**
     * {@code op(A) op(B)} for two 2-d operands or two 3-d batches of equal length, where
     * op(X) is X or Xᵀ (the last two axes swapped) as the flags say.
     */
    static Tensor product(Tensor a, Tensor b, boolean transA, boolean transB) {
        String op = opName(transA, transB);
        int rank = a.rank();
        if (rank < 2 || rank > 3 || b.rank() != rank || rank == 3 && a.shape[0] != b.shape[0]) {
            throw new IllegalArgumentException(op + ": needs two 2-d matrices or two 3-d batches of equal length, "
                    + "got shapes " + Shapes.str(a.shape) + " and " + Shapes.str(b.shape));
        }
        int batch = rank == 3 ? a.shape[0] : 1;
        int ar = a.shape[rank - 2];
        int ac = a.shape[rank - 1];
        int br = b.shape[rank - 2];
        int bc = b.shape[rank - 1];
        int m = transA ? ac : ar;
        int k = transA ? ar : ac;
        int kb = transB ? bc : br;
        int n = transB ? br : bc;
        checkInner(op, k, kb, a, b);
        double[] out = new double[batch * m * n];
        for (int p = 0; p < batch; p++) {
            KERNELS.gemm(a.data, p * ar * ac, transA, b.data, p * br * bc, transB, out, p * m * n, m, n, k, false);
        }
        int[] shape = rank == 3 ? new int[] {batch, m, n} : new int[] {m, n};
        long work = (long) batch * m * n * k;
        return Tensor.result(out, shape, op, new Tensor[] {a, b}, (g, c) -> {
            // Not while forward mode carries tangents through this sweep: the worker thread does
            // not see this thread's forward levels.
            return gradients(a, b, g, transA, transB, work);
        }, args -> product(args[0], args[1], transA, transB), (c, tangents) -> {
            // Bilinear: the tangent is the product with each operand's tangent in turn.
            Tensor fromA = tangents[0] == null ? null : product(tangents[0], b, transA, transB);
            Tensor fromB = tangents[1] == null ? null : product(a, tangents[1], transA, transB);
            return fromA == null ? fromB : fromB == null ? fromA : fromA.add(fromB);
        });
    }

    /**
     * ∂L/∂A and ∂L/∂B of C = op(A) op(B) for ∂L/∂C = {@code g} (null for an operand that needs
     * no gradient), side by side on two threads when both are wanted and {@code work} (the
     * multiply-adds of one product) is worth it.
     */
    static Tensor[] gradients(Tensor a, Tensor b, Tensor g, boolean transA, boolean transB, long work) {
        if (a.needsGrad() && b.needsGrad() && !GradMode.isEnabled() && !Forward.anyTangent(a, b, g)
                && Concurrently.worthIt(work, work)) {
            return bothGradients(a, b, g, transA, transB);
        }
        return new Tensor[] {
            a.needsGrad() ? gradientOfA(a, b, g, transA, transB) : null,
            b.needsGrad() ? gradientOfB(a, b, g, transA, transB) : null};
    }

    /**
     * dA and dB side by side on two threads, for a first-order sweep (nothing is recorded, so
     * the worker needs no graph state; its grad mode is switched off for the duration). Each
     * product is computed exactly as it would be alone, so the results are identical.
     */
    private static Tensor[] bothGradients(Tensor a, Tensor b, Tensor g, boolean transA, boolean transB) {
        Object[] both = Concurrently.both(() -> gradientOfA(a, b, g, transA, transB), () -> {
            boolean previous = GradMode.set(false);
            try {
                return gradientOfB(a, b, g, transA, transB);
            } finally {
                GradMode.set(previous);
            }
        });
        return new Tensor[] {(Tensor) both[0], (Tensor) both[1]};
    }

    /** For C = op(A) op(B): dA = G op(B)ᵀ, transposed back when A entered transposed. */
    private static Tensor gradientOfA(Tensor a, Tensor b, Tensor g, boolean transA, boolean transB) {
        if (!transA) {
            return product(g, b, false, !transB);
        }
        return transB ? product(b, g, true, true) : product(b, g, false, true);
    }

    /** For C = op(A) op(B): dB = op(A)ᵀ G, transposed back when B entered transposed. */
    private static Tensor gradientOfB(Tensor a, Tensor b, Tensor g, boolean transA, boolean transB) {
        if (!transB) {
            return product(a, g, !transA, false);
        }
        return transA ? product(g, a, true, true) : product(g, a, true, false);
    }

    private static String opName(boolean transA, boolean transB) {
        return transA ? transB ? "matmulTT" : "matmulTN" : transB ? "matmulNT" : "matmul";
    }
}
