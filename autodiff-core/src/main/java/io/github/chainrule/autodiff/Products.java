package io.github.chainrule.autodiff;

import io.github.chainrule.autodiff.engine.GradMode;

/**
 * The product along an axis. Its gradient is the product of the other elements, computed
 * without dividing by the element itself, so it is right when one or more elements are 0:
 * with one zero only that element receives a gradient (the product of the rest), with two or
 * more none does. The tangent is Σ_i ẋ_i·Π_{j≠i} x_j, from the same products.
 */
final class Products {
    private Products() {
    }

    static Tensor prod(Tensor x, int axis, boolean keepDim) {
        int a = Shapes.axis("prod", axis, x.shape.length);
        int length = x.shape[a];
        int outer = Shapes.outer(x.shape, a);
        int inner = Shapes.inner(x.shape, a);
        double[] out = new double[outer * inner];
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                double product = 1;
                for (int j = 0; j < length; j++) {
                    product *= x.data[(o * length + j) * inner + i];
                }
                out[o * inner + i] = product;
            }
        }
        int[] kept = Shapes.reduce(x.shape, a, true);
        return Tensor.result(out, Shapes.reduce(x.shape, a, keepDim), "prod", new Tensor[] {x},
                (g, r) -> new Tensor[] {g.reshape(kept).mul(productOfOthers(x, a))},
                args -> prod(args[0], axis, keepDim),
                (r, tangents) -> tangents[0].mul(productOfOthers(x, a)).sum(a, keepDim));
    }

    /**
     * Π_{j≠i} x_j for every i along axis {@code a}. A first-order sweep computes it on doubles
     * from prefix and suffix products; a recorded sweep, or one where x carries a forward-mode
     * tangent, builds it from differentiable operations (each element's row with itself replaced by 1, multiplied out), so that the
     * gradient can be differentiated again.
     */
    static Tensor productOfOthers(Tensor x, int a) {
        int length = x.shape[a];
        if (GradMode.isEnabled() && x.needsGrad() || Forward.anyTangent(x)) {
            int rank = x.shape.length;
            int[] rows = new int[rank + 1];
            for (int i = 0, j = 0; i < rows.length; i++) {
                rows[i] = i == a ? length : x.shape[j++];
            }
            int[] eyeShape = new int[rank + 1];
            java.util.Arrays.fill(eyeShape, 1);
            eyeShape[a] = length;
            eyeShape[a + 1] = length;
            Tensor self = Tensor.eye(length).reshape(eyeShape);
            Tensor others = Tensor.where(self, Tensor.scalar(1), x.unsqueeze(a).broadcastTo(rows));
            return prod(others, a + 1, false);
        }
        int outer = Shapes.outer(x.shape, a);
        int inner = Shapes.inner(x.shape, a);
        double[] out = new double[x.data.length];
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                double prefix = 1;
                for (int j = 0; j < length; j++) {
                    int at = (o * length + j) * inner + i;
                    out[at] = prefix;
                    prefix *= x.data[at];
                }
                double suffix = 1;
                for (int j = length - 1; j >= 0; j--) {
                    int at = (o * length + j) * inner + i;
                    out[at] *= suffix;
                    suffix *= x.data[at];
                }
            }
        }
        return Tensor.constant(out, x.shape);
    }
}
