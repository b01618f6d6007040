package io.github.chainrule.autodiff;

/**
 * Indexing along one axis that keeps the axis, as PyTorch's {@code gather} and
 * {@code scatter_add} (NumPy's {@code take_along_axis}), in an adjoint pair:
 * {@code out[…, j, …] = x[…, indices[…, j, …], …]} and its transpose, which adds each element
 * back at its index. Both are linear in the values, so forward mode takes their tangent as the
 * same operation on the tangents.
 */
final class AlongAxis {
    private AlongAxis() {
    }

    static Tensor take(Tensor x, int axis, int[] indices, int[] indexShape) {
        int a = Shapes.axis("takeAlongAxis", axis, x.shape.length);
        check("takeAlongAxis", x.shape, a, indices, indexShape);
        int[] idx = indices.clone();
        int[] shape = indexShape.clone();
        double[] out = new double[idx.length];
        walk(x.shape, a, idx, shape, (p, offset) -> out[p] = x.data[offset]);
        int[] source = x.shape;
        return Tensor.linearResult(out, shape, "takeAlongAxis", new Tensor[] {x},
                (g, r) -> new Tensor[] {g.scatterAdd(a, idx, source)}, args -> take(args[0], axis, indices, indexShape));
    }

    static Tensor scatterAdd(Tensor x, int axis, int[] indices, int[] shape) {
        int a = Shapes.axis("scatterAdd", axis, x.shape.length);
        int[] target = Shapes.checkShape("scatterAdd", shape);
        if (target.length != x.shape.length) {
            throw new IllegalArgumentException("scatterAdd: a tensor of shape " + Shapes.str(x.shape)
                    + " cannot be added into shape " + Shapes.str(target) + " of another rank");
        }
        check("scatterAdd", target, a, indices, x.shape);
        int[] idx = indices.clone();
        double[] out = new double[Shapes.size(target)];
        walk(target, a, idx, x.shape, (p, offset) -> out[offset] += x.data[p]);
        int[] indexShape = x.shape;
        return Tensor.linearResult(out, target, "scatterAdd", new Tensor[] {x},
                (g, r) -> new Tensor[] {g.takeAlongAxis(a, idx, indexShape)},
                args -> scatterAdd(args[0], axis, indices, shape));
    }

    /** Visits each index position p with the offset it addresses in a tensor of {@code shape}. */
    private interface Visit {
        void at(int p, int offset);
    }

    private static void walk(int[] shape, int a, int[] idx, int[] indexShape, Visit visit) {
        int[] strides = Shapes.strides(shape);
        int[] counter = new int[indexShape.length];
        for (int p = 0; p < idx.length; p++) {
            int offset = idx[p] * strides[a];
            for (int d = 0; d < counter.length; d++) {
                offset += d == a ? 0 : counter[d] * strides[d];
            }
            visit.at(p, offset);
            for (int d = counter.length - 1; d >= 0; d--) {
                if (++counter[d] < indexShape[d]) {
                    break;
                }
                counter[d] = 0;
            }
        }
    }

    private static void check(String op, int[] shape, int a, int[] indices, int[] indexShape) {
        Shapes.checkShape(op, indexShape);
        boolean fits = indexShape.length == shape.length;
        for (int d = 0; fits && d < shape.length; d++) {
            fits = d == a || indexShape[d] <= shape[d];
        }
        if (!fits) {
            throw new IllegalArgumentException(op + ": index shape " + Shapes.str(indexShape) + " does not fit shape "
                    + Shapes.str(shape) + " (same rank; no longer than it on every axis but " + a + ")");
        }
        if (indices.length != Shapes.size(indexShape)) {
            throw new IllegalArgumentException(op + ": " + indices.length + " indices do not fill index shape "
                    + Shapes.str(indexShape));
        }
        for (int p = 0; p < indices.length; p++) {
            if (indices[p] < 0 || indices[p] >= shape[a]) {
                throw new IndexOutOfBoundsException(op + ": index " + indices[p] + " at position " + p
                        + " is out of range for axis " + a + " of length " + shape[a] + " (shape " + Shapes.str(shape)
                        + ")");
            }
        }
    }
}
