package io.github.chainrule.autodiff;

import java.util.Arrays;

/**
 * Operations that move or copy elements without arithmetic. Each derivative is the adjoint
 * operation, which is again in this class: reshape ↔ reshape, permute ↔ inverse permute,
 * broadcastTo ↔ sumToShape, slice ↔ pad, concat ↔ slices.
 */
final class ShapeOps {
    private ShapeOps() {
    }

    static Tensor reshape(Tensor x, int[] requested) {
        int[] target = inferShape(x, requested);
        if (Arrays.equals(target, x.shape)) {
            return x;
        }
        int[] original = x.shape;
        return Tensor.linearResult(x.data, target, "reshape", new Tensor[] {x},
                (g, out) -> new Tensor[] {g.reshape(original)}, args -> reshape(args[0], requested));
    }

    private static int[] inferShape(Tensor x, int[] requested) {
        int[] shape = requested.clone();
        int unknown = -1;
        long known = 1;
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] == -1 && unknown < 0) {
                unknown = i;
            } else if (shape[i] < 0) {
                throw new IllegalArgumentException("reshape: invalid shape " + Shapes.str(requested)
                        + " (at most one -1, no other negative dimension)");
            } else {
                known *= shape[i];
            }
        }
        if (unknown >= 0 && known > 0 && x.data.length % known == 0) {
            shape[unknown] = (int) (x.data.length / known);
        }
        if (unknown >= 0 && shape[unknown] < 0 || Shapes.size(shape) != x.data.length) {
            throw new IllegalArgumentException("reshape: cannot reshape a tensor of shape " + Shapes.str(x.shape)
                    + " (" + x.data.length + " elements) to " + Shapes.str(requested));
        }
        return shape;
    }

    static Tensor unsqueeze(Tensor x, int axis) {
        int a = Shapes.axis("unsqueeze", axis, x.shape.length + 1);
        int[] shape = new int[x.shape.length + 1];
        for (int i = 0, j = 0; i < shape.length; i++) {
            shape[i] = i == a ? 1 : x.shape[j++];
        }
        return reshape(x, shape);
    }

    static Tensor squeeze(Tensor x, int axis) {
        int a = Shapes.axis("squeeze", axis, x.shape.length);
        if (x.shape[a] != 1) {
            throw new IllegalArgumentException("squeeze: axis " + axis + " of shape " + Shapes.str(x.shape)
                    + " has length " + x.shape[a] + ", not 1");
        }
        return reshape(x, Shapes.reduce(x.shape, a, false));
    }

    static Tensor permute(Tensor x, int[] axes) {
        int rank = x.shape.length;
        if (axes.length != rank) {
            throw new IllegalArgumentException("permute: " + axes.length + " axes given for a tensor of rank " + rank);
        }
        int[] perm = new int[rank];
        boolean[] seen = new boolean[rank];
        for (int i = 0; i < rank; i++) {
            perm[i] = Shapes.axis("permute", axes[i], rank);
            if (seen[perm[i]]) {
                throw new IllegalArgumentException("permute: axis " + perm[i] + " appears twice in " + Arrays.toString(axes));
            }
            seen[perm[i]] = true;
        }
        int[] inverse = new int[rank];
        int[] outShape = new int[rank];
        int[] inStrides = Shapes.strides(x.shape);
        int[] readStrides = new int[rank];
        for (int i = 0; i < rank; i++) {
            inverse[perm[i]] = i;
            outShape[i] = x.shape[perm[i]];
            readStrides[i] = inStrides[perm[i]];
        }
        double[] out = new double[x.data.length];
        StridedWalk walk = new StridedWalk(outShape, readStrides);
        for (int i = 0; i < out.length; i++, walk.next()) {
            out[i] = x.data[walk.offset()];
        }
        return Tensor.linearResult(out, outShape, "permute", new Tensor[] {x},
                (g, o) -> new Tensor[] {g.permute(inverse)}, args -> permute(args[0], axes));
    }

    static Tensor transpose(Tensor x, int axis1, int axis2) {
        int rank = x.shape.length;
        int a = Shapes.axis("transpose", axis1, rank);
        int b = Shapes.axis("transpose", axis2, rank);
        int[] perm = new int[rank];
        for (int i = 0; i < rank; i++) {
            perm[i] = i == a ? b : i == b ? a : i;
        }
        return permute(x, perm);
    }

    static Tensor broadcastTo(Tensor x, int[] target) {
        if (!Shapes.broadcastsTo(x.shape, target)) {
            throw new IllegalArgumentException("broadcastTo: shape " + Shapes.str(x.shape) + " cannot be broadcast to "
                    + Shapes.str(target));
        }
        if (Arrays.equals(x.shape, target)) {
            return x;
        }
        int[] original = x.shape;
        int[] shape = target.clone();
        return Tensor.linearResult(StridedWalk.broadcast(x.data, x.shape, shape), shape, "broadcastTo", new Tensor[] {x},
                (g, out) -> new Tensor[] {g.sumToShape(original)}, args -> broadcastTo(args[0], target));
    }

    static Tensor sumToShape(Tensor x, int[] target) {
        if (!Shapes.broadcastsTo(target, x.shape)) {
            throw new IllegalArgumentException("sumToShape: shape " + Shapes.str(x.shape) + " cannot be summed to "
                    + Shapes.str(target) + " (the target must broadcast to the source)");
        }
        if (Arrays.equals(x.shape, target)) {
            return x;
        }
        int[] original = x.shape;
        int[] shape = target.clone();
        return Tensor.linearResult(StridedWalk.sumTo(x.data, x.shape, shape), shape, "sumToShape", new Tensor[] {x},
                (g, out) -> new Tensor[] {g.broadcastTo(original)}, args -> sumToShape(args[0], target));
    }

    /**
     * Elements start..end−1 along the axis, with Python's rules: negative bounds count from the
     * end, bounds beyond the axis are clamped to it, and an end at or before the start gives an
     * empty slice (as {@code x[start:end]} in Python and PyTorch).
     */
    static Tensor slice(Tensor x, int axis, int requestedStart, int requestedEnd) {
        int a = Shapes.axis("slice", axis, x.shape.length);
        int length = x.shape[a];
        int start = clampedBound(requestedStart, length);
        int end = Math.max(start, clampedBound(requestedEnd, length));
        int outer = Shapes.outer(x.shape, a);
        int inner = Shapes.inner(x.shape, a);
        int width = end - start;
        int[] outShape = x.shape.clone();
        outShape[a] = width;
        double[] out = new double[outer * width * inner];
        for (int o = 0; o < outer; o++) {
            System.arraycopy(x.data, (o * length + start) * inner, out, o * width * inner, width * inner);
        }
        return Tensor.linearResult(out, outShape, "slice", new Tensor[] {x},
                (g, r) -> new Tensor[] {g.pad(a, start, length - end)}, args -> slice(args[0], axis, start, end));
    }

    private static int clampedBound(int bound, int length) {
        return Math.max(0, Math.min(length, bound < 0 ? bound + length : bound));
    }

    /** The sub-tensor at {@code index} along the axis, the axis removed; −1 is the last. */
    static Tensor select(Tensor x, int axis, int index) {
        int a = Shapes.axis("select", axis, x.shape.length);
        int i = Indexing.position("select", index, a, x.shape);
        return slice(x, a, i, i + 1).squeeze(a);
    }

    static Tensor pad(Tensor x, int axis, int before, int after) {
        int a = Shapes.axis("pad", axis, x.shape.length);
        if (before < 0 || after < 0) {
            throw new IllegalArgumentException("pad: padding must be non-negative, got " + before + " and " + after);
        }
        int outer = Shapes.outer(x.shape, a);
        int inner = Shapes.inner(x.shape, a);
        int width = x.shape[a];
        int length = before + width + after;
        int[] outShape = x.shape.clone();
        outShape[a] = length;
        double[] out = new double[outer * length * inner];
        for (int o = 0; o < outer; o++) {
            System.arraycopy(x.data, o * width * inner, out, (o * length + before) * inner, width * inner);
        }
        return Tensor.linearResult(out, outShape, "pad", new Tensor[] {x},
                (g, r) -> new Tensor[] {g.slice(a, before, before + width)}, args -> pad(args[0], axis, before, after));
    }

    static Tensor concat(int axis, Tensor[] tensors) {
        if (tensors.length == 0) {
            throw new IllegalArgumentException("concat: needs at least one tensor");
        }
        int[] first = tensors[0].shape;
        int a = Shapes.axis("concat", axis, first.length);
        int total = 0;
        for (int t = 0; t < tensors.length; t++) {
            int[] s = tensors[t].shape;
            boolean fits = s.length == first.length;
            for (int i = 0; fits && i < s.length; i++) {
                fits = i == a || s[i] == first[i];
            }
            if (!fits) {
                throw new IllegalArgumentException("concat: tensor " + t + " has shape " + Shapes.str(s)
                        + " which does not match tensor 0's shape " + Shapes.str(first) + " outside axis " + a);
            }
            total += s[a];
        }
        int outer = Shapes.outer(first, a);
        int inner = Shapes.inner(first, a);
        int[] outShape = first.clone();
        outShape[a] = total;
        double[] out = new double[outer * total * inner];
        int[] starts = new int[tensors.length];
        for (int t = 0, start = 0; t < tensors.length; t++) {
            starts[t] = start;
            int width = tensors[t].shape[a];
            for (int o = 0; o < outer; o++) {
                System.arraycopy(tensors[t].data, o * width * inner, out, (o * total + start) * inner, width * inner);
            }
            start += width;
        }
        return Tensor.result(out, outShape, "concat", tensors.clone(), (g, r) -> {
            Tensor[] parts = new Tensor[tensors.length];
            for (int t = 0; t < tensors.length; t++) {
                parts[t] = tensors[t].needsGrad() ? g.slice(a, starts[t], starts[t] + tensors[t].shape[a]) : null;
            }
            return parts;
        }, args -> concat(axis, args), (r, tangents) -> {
            // Linear: the concatenation of the tangents (zeros for an operand without one).
            Tensor[] parts = new Tensor[tangents.length];
            for (int t = 0; t < tangents.length; t++) {
                parts[t] = tangents[t] != null ? tangents[t] : Tensor.zeros(tensors[t].shape);
            }
            return concat(axis, parts);
        });
    }
}
