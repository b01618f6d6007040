package io.github.chainrule.autodiff;

import java.util.Arrays;

/** Shape arithmetic and the checks whose messages name the operation and the shapes. */
final class Shapes {
    static final int[] SCALAR = {};

    private Shapes() {
    }

    /** The number of elements of a shape (1 for a 0-d shape). */
    static int size(int[] shape) {
        long size = 1;
        for (int d : shape) {
            size *= d;
            if (size > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("shape " + str(shape) + " has more than 2^31-1 elements");
            }
        }
        return (int) size;
    }

    /** {@code (3,4)}; {@code ()} for 0-d; {@code (5,)} for 1-d, as NumPy prints them. */
    static String str(int[] shape) {
        if (shape.length == 1) {
            return "(" + shape[0] + ",)";
        }
        StringBuilder text = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            text.append(i == 0 ? "" : ",").append(shape[i]);
        }
        return text.append(')').toString();
    }

    /** Row-major strides of a shape. */
    static int[] strides(int[] shape) {
        int[] strides = new int[shape.length];
        int stride = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            strides[i] = stride;
            stride *= shape[i];
        }
        return strides;
    }

    /** Checks a shape given by a user: no negative dimensions. */
    static int[] checkShape(String op, int[] shape) {
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException(op + ": negative dimension in shape " + str(shape));
            }
        }
        return shape.clone();
    }

    /** The axis as a non-negative index; negative axes count from the end, as in NumPy. */
    static int axis(String op, int axis, int rank) {
        int normalized = axis < 0 ? axis + rank : axis;
        if (normalized < 0 || normalized >= rank) {
            throw new IllegalArgumentException(op + ": axis " + axis + " is out of range for a tensor of rank " + rank
                    + (rank == 0 ? " (a 0-d tensor has no axes)" : " (valid: " + -rank + ".." + (rank - 1) + ")"));
        }
        return normalized;
    }

    /**
     * The broadcast shape of two shapes under NumPy's rules: align on the right; each pair of
     * dimensions must be equal or one of them 1.
     */
    static int[] broadcast(String op, int[] a, int[] b) {
        if (Arrays.equals(a, b)) {
            return a;
        }
        int rank = Math.max(a.length, b.length);
        int[] out = new int[rank];
        for (int i = 0; i < rank; i++) {
            int da = dimFromRight(a, rank - 1 - i);
            int db = dimFromRight(b, rank - 1 - i);
            if (da != db && da != 1 && db != 1) {
                throw new IllegalArgumentException(op + ": shapes " + str(a) + " and " + str(b)
                        + " cannot be broadcast together: " + da + " != " + db + " at axis " + (i - rank));
            }
            out[i] = da == 1 ? db : da;
        }
        return out;
    }

    private static int dimFromRight(int[] shape, int fromRight) {
        int index = shape.length - 1 - fromRight;
        return index >= 0 ? shape[index] : 1;
    }

    /** True when {@code shape} broadcasts to {@code target} (NumPy's rules, one direction). */
    static boolean broadcastsTo(int[] shape, int[] target) {
        if (shape.length > target.length) {
            return false;
        }
        for (int i = 1; i <= shape.length; i++) {
            int d = shape[shape.length - i];
            if (d != 1 && d != target[target.length - i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Strides for reading a tensor of {@code shape} as if it had been broadcast to
     * {@code target}: 0 along broadcast axes, so the same element is read again.
     */
    static int[] broadcastStrides(int[] shape, int[] target) {
        int[] own = strides(shape);
        int[] out = new int[target.length];
        int offset = target.length - shape.length;
        for (int i = 0; i < shape.length; i++) {
            out[offset + i] = shape[i] == 1 ? 0 : own[i];
        }
        return out;
    }

    /** The shape with {@code axis} removed, or set to 1 when {@code keepDim}. */
    static int[] reduce(int[] shape, int axis, boolean keepDim) {
        if (keepDim) {
            int[] out = shape.clone();
            out[axis] = 1;
            return out;
        }
        int[] out = new int[shape.length - 1];
        for (int i = 0, j = 0; i < shape.length; i++) {
            if (i != axis) {
                out[j++] = shape[i];
            }
        }
        return out;
    }

    /** Product of the dimensions before {@code axis}. */
    static int outer(int[] shape, int axis) {
        int n = 1;
        for (int i = 0; i < axis; i++) {
            n *= shape[i];
        }
        return n;
    }

    /** Product of the dimensions after {@code axis}. */
    static int inner(int[] shape, int axis) {
        int n = 1;
        for (int i = axis + 1; i < shape.length; i++) {
            n *= shape[i];
        }
        return n;
    }

    /**
     * When {@code small} broadcast to {@code out} is its data repeated back to back (its
     * non-unit axes are the trailing axes of {@code out}, as a bias row against a batch is),
     * the length of one repeat; otherwise −1. Such broadcasts are the common case and need no
     * strided walk: element i of the broadcast is {@code small[i % period]}.
     */
    static int repeatPeriod(int[] small, int[] out) {
        int offset = out.length - small.length;
        if (offset < 0) {
            return -1;
        }
        int first = 0;
        while (first < small.length && small[first] == 1) {
            first++;
        }
        int period = 1;
        for (int i = first; i < small.length; i++) {
            if (small[i] != out[offset + i]) {
                return -1;
            }
            period *= small[i];
        }
        return period;
    }
}
