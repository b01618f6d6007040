package io.github.chainrule.autodiff;

/**
 * Selection by integer indices, in adjoint pairs: indexSelect ↔ indexAdd, gather ↔ scatter.
 * The indices are constants; the gradient flows through the selected values only. Negative
 * indices count from the end of the axis, as in Python ({@code -1} is the last).
 * All are linear in the values, so forward mode takes their tangent as the same selection of
 * the tangents.
 */
final class Indexing {
    private Indexing() {
    }

    /**
     * {@code index} as a position in an axis of {@code length}; negative indices count from the
     * end, as in Python and PyTorch ({@code -1} is the last).
     *
     * @throws IndexOutOfBoundsException naming {@code op}, outside {@code -length..length-1}
     */
    static int position(String op, int index, int axis, int[] shape) {
        int length = shape[axis];
        int normalized = index < 0 ? index + length : index;
        if (normalized < 0 || normalized >= length) {
            throw new IndexOutOfBoundsException(op + ": index " + index + " is out of range for axis " + axis
                    + " of length " + length + " in shape " + Shapes.str(shape) + validRange(length));
        }
        return normalized;
    }

    private static String validRange(int length) {
        return length == 0 ? " (the axis is empty)" : " (valid: " + -length + ".." + (length - 1) + ")";
    }

    /** Every index as a position along {@code axis}, negative ones counted from the end. */
    private static int[] positions(String op, int[] indices, int axis, int[] shape) {
        int length = shape[axis];
        int[] out = new int[indices.length];
        for (int k = 0; k < indices.length; k++) {
            int normalized = indices[k] < 0 ? indices[k] + length : indices[k];
            if (normalized < 0 || normalized >= length) {
                throw new IndexOutOfBoundsException(op + ": index " + indices[k] + " at position " + k
                        + " is out of range for axis " + axis + " of length " + length + " in shape "
                        + Shapes.str(shape) + validRange(length));
            }
            out[k] = normalized;
        }
        return out;
    }

    /** The element at one coordinate per axis, negative coordinates counted from the end. */
    static double get(Tensor x, int[] index) {
        if (index.length != x.shape.length) {
            throw new IllegalArgumentException("get: " + index.length + " coordinates for a tensor of rank "
                    + x.shape.length + " and shape " + Shapes.str(x.shape));
        }
        int offset = 0;
        int[] strides = Shapes.strides(x.shape);
        for (int i = 0; i < index.length; i++) {
            offset += position("get", index[i], i, x.shape) * strides[i];
        }
        return x.data[offset];
    }

    static Tensor indexSelect(Tensor x, int axis, int[] indices) {
        int a = Shapes.axis("indexSelect", axis, x.shape.length);
        int length = x.shape[a];
        int[] idx = positions("indexSelect", indices, a, x.shape);
        int outer = Shapes.outer(x.shape, a);
        int inner = Shapes.inner(x.shape, a);
        int[] outShape = x.shape.clone();
        outShape[a] = idx.length;
        double[] out = new double[outer * idx.length * inner];
        for (int o = 0; o < outer; o++) {
            for (int j = 0; j < idx.length; j++) {
                System.arraycopy(x.data, (o * length + idx[j]) * inner, out, (o * idx.length + j) * inner, inner);
            }
        }
        return Tensor.linearResult(out, outShape, "indexSelect", new Tensor[] {x},
                (g, r) -> new Tensor[] {g.indexAdd(a, idx, length)}, args -> indexSelect(args[0], axis, indices));
    }

    static Tensor indexAdd(Tensor x, int axis, int[] indices, int length) {
        int a = Shapes.axis("indexAdd", axis, x.shape.length);
        if (indices.length != x.shape[a]) {
            throw new IllegalArgumentException("indexAdd: " + indices.length + " indices for axis " + axis
                    + " of length " + x.shape[a] + " in shape " + Shapes.str(x.shape));
        }
        int[] outShape = x.shape.clone();
        outShape[a] = length;
        int[] idx = positions("indexAdd", indices, a, outShape);
        int outer = Shapes.outer(x.shape, a);
        int inner = Shapes.inner(x.shape, a);
        double[] out = new double[outer * length * inner];
        for (int o = 0; o < outer; o++) {
            for (int j = 0; j < idx.length; j++) {
                int from = (o * idx.length + j) * inner;
                int to = (o * length + idx[j]) * inner;
                for (int i = 0; i < inner; i++) {
                    out[to + i] += x.data[from + i];
                }
            }
        }
        return Tensor.linearResult(out, outShape, "indexAdd", new Tensor[] {x},
                (g, r) -> new Tensor[] {g.indexSelect(a, idx)}, args -> indexAdd(args[0], axis, indices, length));
    }

    static Tensor gather(Tensor x, int axis, int[] indices) {
        int a = Shapes.axis("gather", axis, x.shape.length);
        int length = x.shape[a];
        int outer = Shapes.outer(x.shape, a);
        int inner = Shapes.inner(x.shape, a);
        if (indices.length != outer * inner) {
            throw new IllegalArgumentException("gather: " + indices.length + " indices given, but a tensor of shape "
                    + Shapes.str(x.shape) + " has " + outer * inner + " positions along axis " + axis);
        }
        int[] idx = positions("gather", indices, a, x.shape);
        double[] out = new double[outer * inner];
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                int p = o * inner + i;
                out[p] = x.data[(o * length + idx[p]) * inner + i];
            }
        }
        return Tensor.linearResult(out, Shapes.reduce(x.shape, a, false), "gather", new Tensor[] {x},
                (g, r) -> new Tensor[] {g.scatter(a, idx, length)}, args -> gather(args[0], axis, indices));
    }

    static Tensor scatter(Tensor x, int axis, int[] indices, int length) {
        int a = Shapes.axis("scatter", axis, x.shape.length + 1);
        if (indices.length != x.data.length) {
            throw new IllegalArgumentException("scatter: " + indices.length + " indices for a tensor of shape "
                    + Shapes.str(x.shape) + " with " + x.data.length + " elements");
        }
        int[] outShape = new int[x.shape.length + 1];
        for (int i = 0, j = 0; i < outShape.length; i++) {
            outShape[i] = i == a ? length : x.shape[j++];
        }
        int[] idx = positions("scatter", indices, a, outShape);
        int outer = Shapes.outer(outShape, a);
        int inner = Shapes.inner(outShape, a);
        double[] out = new double[outer * length * inner];
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                int p = o * inner + i;
                out[(o * length + idx[p]) * inner + i] += x.data[p];
            }
        }
        return Tensor.linearResult(out, outShape, "scatter", new Tensor[] {x},
                (g, r) -> new Tensor[] {g.gather(a, idx)}, args -> scatter(args[0], axis, indices, length));
    }
}
