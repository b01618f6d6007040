package io.github.chainrule.autodiff;

import java.util.Arrays;

/**
 * Rearrangements that copy elements without arithmetic: flipping, tiling, splitting, copying,
 * and the triangular parts of matrices. flip and clone are primitives (their derivatives are
 * flip and the identity); the rest are compositions of reshape, broadcastTo, slice and where,
 * so their derivatives of every order come from those.
 */
final class Arrangement {
    private Arrangement() {
    }

    static Tensor flip(Tensor x, int[] axes) {
        int rank = x.shape.length;
        boolean[] flipped = new boolean[rank];
        for (int axis : axes) {
            int a = Shapes.axis("flip", axis, rank);
            if (flipped[a]) {
                throw new IllegalArgumentException("flip: axis " + axis + " appears twice in " + Arrays.toString(axes));
            }
            flipped[a] = true;
        }
        int[] strides = Shapes.strides(x.shape);
        int[] readStrides = new int[rank];
        int start = 0;
        for (int d = 0; d < rank; d++) {
            readStrides[d] = flipped[d] ? -strides[d] : strides[d];
            start += flipped[d] && x.shape[d] > 0 ? (x.shape[d] - 1) * strides[d] : 0;
        }
        double[] out = new double[x.data.length];
        StridedWalk walk = new StridedWalk(x.shape, readStrides);
        for (int i = 0; i < out.length; i++, walk.next()) {
            out[i] = x.data[start + walk.offset()];
        }
        int[] copy = axes.clone();
        return Tensor.linearResult(out, x.shape, "flip", new Tensor[] {x},
                (g, r) -> new Tensor[] {g.flip(copy)}, args -> flip(args[0], copy));
    }

    /** NumPy's tile: {@code reps} shorter than the rank is padded with leading 1s, longer adds axes. */
    static Tensor tile(Tensor x, int[] reps) {
        int rank = Math.max(reps.length, x.shape.length);
        int[] r = pad(reps, rank);
        return repeatAligned("tile", x.reshape(pad(x.shape, rank)), r);
    }

    /** PyTorch's repeat: one count per axis, or more (adding leading axes). */
    static Tensor repeat(Tensor x, int[] reps) {
        if (reps.length < x.shape.length) {
            throw new IllegalArgumentException("repeat: " + reps.length + " counts for a tensor of rank "
                    + x.shape.length + " (shape " + Shapes.str(x.shape) + "); give at least one per axis");
        }
        return repeatAligned("repeat", x.reshape(pad(x.shape, reps.length)), reps);
    }

    private static int[] pad(int[] values, int rank) {
        int[] out = new int[rank];
        Arrays.fill(out, 1);
        System.arraycopy(values, 0, out, rank - values.length, values.length);
        return out;
    }

    /** Each axis d of length n_d becomes r_d·n_d: (1, n_0, 1, n_1 …) broadcast to (r_0, n_0, r_1, n_1 …). */
    private static Tensor repeatAligned(String op, Tensor x, int[] reps) {
        int rank = reps.length;
        int[] spread = new int[2 * rank];
        int[] target = new int[2 * rank];
        int[] result = new int[rank];
        for (int d = 0; d < rank; d++) {
            if (reps[d] < 0) {
                throw new IllegalArgumentException(op + ": negative count " + reps[d] + " in " + Arrays.toString(reps));
            }
            spread[2 * d] = 1;
            spread[2 * d + 1] = x.shape[d];
            target[2 * d] = reps[d];
            target[2 * d + 1] = x.shape[d];
            result[d] = reps[d] * x.shape[d];
        }
        return x.reshape(spread).broadcastTo(target).reshape(result);
    }

    /** Consecutive pieces of {@code size} along the axis (the last one shorter when it does not divide). */
    static Tensor[] split(Tensor x, int size, int axis) {
        int a = Shapes.axis("split", axis, x.shape.length);
        if (size <= 0) {
            throw new IllegalArgumentException("split: piece size must be positive, got " + size);
        }
        int length = x.shape[a];
        int count = Math.max(1, (length + size - 1) / size);
        Tensor[] parts = new Tensor[count];
        for (int p = 0; p < count; p++) {
            parts[p] = x.slice(a, Math.min(p * size, length), Math.min((p + 1) * size, length));
        }
        return parts;
    }

    /** Pieces of the given sizes along the axis; the sizes must add up to the axis length. */
    static Tensor[] split(Tensor x, int[] sizes, int axis) {
        int a = Shapes.axis("split", axis, x.shape.length);
        int total = Arrays.stream(sizes).sum();
        if (total != x.shape[a] || Arrays.stream(sizes).anyMatch(s -> s < 0)) {
            throw new IllegalArgumentException("split: sizes " + Arrays.toString(sizes) + " do not add up to axis "
                    + axis + " of length " + x.shape[a] + " (shape " + Shapes.str(x.shape) + ")");
        }
        Tensor[] parts = new Tensor[sizes.length];
        for (int p = 0, start = 0; p < sizes.length; start += sizes[p++]) {
            parts[p] = x.slice(a, start, start + sizes[p]);
        }
        return parts;
    }

    /** PyTorch's chunk: at most {@code chunks} pieces of ⌈n/chunks⌉, the last one shorter. */
    static Tensor[] chunk(Tensor x, int chunks, int axis) {
        int a = Shapes.axis("chunk", axis, x.shape.length);
        if (chunks <= 0) {
            throw new IllegalArgumentException("chunk: number of chunks must be positive, got " + chunks);
        }
        return split(x, Math.max(1, (x.shape[a] + chunks - 1) / chunks), a);
    }

    static Tensor clone(Tensor x) {
        return Tensor.linearResult(x.data.clone(), x.shape, "clone", new Tensor[] {x}, (g, r) -> new Tensor[] {g},
                args -> clone(args[0]));
    }

    /**
     * The lower (or upper) triangle of the last two axes: entries with j − i ≤ k (or ≥ k) kept,
     * the others exactly 0 (also where they were ±∞ or NaN, as a mask should), gradient only
     * through the kept ones.
     */
    static Tensor triangle(Tensor x, int k, boolean lower) {
        String op = lower ? "tril" : "triu";
        int rank = x.shape.length;
        if (rank < 2) {
            throw new IllegalArgumentException(op + ": needs a tensor of rank 2 or more, got shape " + Shapes.str(x.shape));
        }
        int rows = x.shape[rank - 2];
        int cols = x.shape[rank - 1];
        double[] mask = new double[rows * cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                mask[i * cols + j] = lower ? (j - i <= k ? 1 : 0) : (j - i >= k ? 1 : 0);
            }
        }
        return Tensor.where(Tensor.constant(mask, new int[] {rows, cols}), x, Tensor.scalar(0));
    }

    static Tensor oneHot(int[] labels, int classes) {
        if (classes <= 0) {
            throw new IllegalArgumentException("oneHot: the number of classes must be positive, got " + classes);
        }
        double[] out = new double[labels.length * classes];
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new IndexOutOfBoundsException("oneHot: label " + labels[i] + " at position " + i
                        + " is outside [0, " + classes + ")");
            }
            out[i * classes + labels[i]] = 1;
        }
        return Tensor.constant(out, new int[] {labels.length, classes});
    }
}
