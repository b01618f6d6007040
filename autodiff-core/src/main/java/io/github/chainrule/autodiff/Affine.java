package io.github.chainrule.autodiff;

import io.github.chainrule.autodiff.kernel.KernelProvider;
import io.github.chainrule.autodiff.kernel.Kernels;

/**
 * The affine map of a fully connected layer, {@code Y = X Wᵀ + b}, as one operation: the bias
 * is written into the output rows first and the product accumulated onto it, so the layer
 * makes one output array and one pass instead of a product and a broadcast sum. Its
 * derivatives are those of the composition, stated with differentiable operations:
 * ∂L/∂X = G W, ∂L/∂W = Gᵀ X, ∂L/∂b = Σ_rows G.
 */
final class Affine {
    private static final Kernels KERNELS = KernelProvider.get();

    private Affine() {
    }

    static Tensor linear(Tensor x, Tensor w, Tensor b) {
        if (x.rank() != 2 || w.rank() != 2 || b.rank() != 1 || x.shape[1] != w.shape[1] || b.shape[0] != w.shape[0]) {
            throw new IllegalArgumentException("linear: needs x (m, in), weight (out, in) and bias (out), got shapes "
                    + Shapes.str(x.shape) + ", " + Shapes.str(w.shape) + " and " + Shapes.str(b.shape));
        }
        int m = x.shape[0];
        int k = x.shape[1];
        int n = w.shape[0];
        double[] out = new double[m * n];
        for (int r = 0; r < m; r++) {
            System.arraycopy(b.data, 0, out, r * n, n);
        }
        KERNELS.gemm(x.data, 0, false, w.data, 0, true, out, 0, m, n, k, true);
        long work = (long) m * n * k;
        return Tensor.result(out, new int[] {m, n}, "linear", new Tensor[] {x, w, b}, (g, y) -> {
            Tensor[] products = MatMul.gradients(x, w, g, false, true, work);
            return new Tensor[] {products[0], products[1], b.needsGrad() ? g.sum(0, false) : null};
        }, args -> linear(args[0], args[1], args[2]), (y, tangents) -> {
            // Affine: the tangent is the product's tangent plus the bias's, repeated on every row.
            Tensor sum = tangents[0] == null ? null : tangents[0].matmulTransposed(w);
            if (tangents[1] != null) {
                Tensor fromW = x.matmulTransposed(tangents[1]);
                sum = sum == null ? fromW : sum.add(fromW);
            }
            if (tangents[2] != null) {
                sum = sum == null ? tangents[2].broadcastTo(m, n) : sum.add(tangents[2]);
            }
            return sum;
        });
    }
}
