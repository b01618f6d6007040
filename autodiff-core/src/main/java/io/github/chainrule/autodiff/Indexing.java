package io.github.chainrule.autodiff;

/**
 * Selection by integer indices, in adjoint pairs: indexSelect ↔ indexAdd, gather ↔ scatter.
 * The indices are constants; the gradient flows through the selected values only.
 */
final class Indexing {
    private Indexing() {
    }

    private static void checkIndices(String op, int[] indices, int length, int[] shape) {
        for (int k = 0; k < indices.length; k++) {
            if (indices[k] < 0 || indices[k] >= length) {
                throw new IndexOutOfBoundsException(op + ": index " + indices[k] + " at position " + k
                        + " is out of range for an axis of length " + length + " (shape " + Shapes.str(shape) + ")");
            }
        }
    }

    static Tensor indexSelect(Tensor x, int axis, int[] indices) {
        int a = Shapes.axis("indexSelect", axis, x.shape.length);
        int length = x.shape[a];
        checkIndices("indexSelect", indices, length, x.shape);
        int[] idx = indices.clone();
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
        return Tensor.result(out, outShape, "indexSelect", new Tensor[] {x},
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
        checkIndices("indexAdd", indices, length, outShape);
        int[] idx = indices.clone();
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
        return Tensor.result(out, outShape, "indexAdd", new Tensor[] {x},
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
        checkIndices("gather", indices, length, x.shape);
        int[] idx = indices.clone();
        double[] out = new double[outer * inner];
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                int p = o * inner + i;
                out[p] = x.data[(o * length + idx[p]) * inner + i];
            }
        }
        return Tensor.result(out, Shapes.reduce(x.shape, a, false), "gather", new Tensor[] {x},
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
        checkIndices("scatter", indices, length, outShape);
        int[] idx = indices.clone();
        int outer = Shapes.outer(outShape, a);
        int inner = Shapes.inner(outShape, a);
        double[] out = new double[outer * length * inner];
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                int p = o * inner + i;
                out[(o * length + idx[p]) * inner + i] += x.data[p];
            }
        }
        return Tensor.result(out, outShape, "scatter", new Tensor[] {x},
                (g, r) -> new Tensor[] {g.gather(a, idx)}, args -> scatter(args[0], axis, indices, length));
    }
}
