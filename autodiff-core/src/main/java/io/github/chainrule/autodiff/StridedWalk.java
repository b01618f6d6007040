package io.github.chainrule.autodiff;

/**
 * Walks the elements of an output shape in row-major order while tracking the matching
 * offset in an input read with broadcast strides (an odometer: no division per element).
 */
final class StridedWalk {
    private final int[] shape;
    private final int[] strides;
    private final int[] counter;
    private int offset;

    StridedWalk(int[] shape, int[] strides) {
        this.shape = shape;
        this.strides = strides;
        this.counter = new int[shape.length];
    }

    /** The input offset of the current output element. */
    int offset() {
        return offset;
    }

    /** Advances to the next output element. */
    void next() {
        for (int axis = shape.length - 1; axis >= 0; axis--) {
            if (++counter[axis] < shape[axis]) {
                offset += strides[axis];
                return;
            }
            offset -= strides[axis] * (counter[axis] - 1);
            counter[axis] = 0;
        }
    }

    /** The data of {@code source} (of {@code sourceShape}) broadcast to {@code target}. */
    static double[] broadcast(double[] source, int[] sourceShape, int[] target) {
        double[] out = new double[Shapes.size(target)];
        if (source.length == out.length) {
            System.arraycopy(source, 0, out, 0, out.length);
            return out;
        }
        StridedWalk walk = new StridedWalk(target, Shapes.broadcastStrides(sourceShape, target));
        for (int i = 0; i < out.length; i++, walk.next()) {
            out[i] = source[walk.offset()];
        }
        return out;
    }

    /** Sums {@code source} (of a shape that {@code target} broadcasts to) down to {@code target}. */
    static double[] sumTo(double[] source, int[] sourceShape, int[] target) {
        double[] out = new double[Shapes.size(target)];
        if (out.length > 0 && Shapes.repeatPeriod(target, sourceShape) == out.length) {
            // The gradient of a broadcast bias: column sums, row after row, no index walk.
            for (int base = 0; base < source.length; base += out.length) {
                for (int j = 0; j < out.length; j++) {
                    out[j] += source[base + j];
                }
            }
            return out;
        }
        StridedWalk walk = new StridedWalk(sourceShape, Shapes.broadcastStrides(target, sourceShape));
        for (int i = 0; i < source.length; i++, walk.next()) {
            out[walk.offset()] += source[i];
        }
        return out;
    }
}
