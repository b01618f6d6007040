package io.github.chainrule.autodiff;

import java.util.Arrays;
import java.util.function.DoubleBinaryOperator;

/** The broadcasting loop of binary elementwise operations (NumPy's rules). */
final class Arithmetic {
    private Arithmetic() {
    }

    /** f applied elementwise to the broadcast of a and b. */
    static double[] zip(String op, Tensor a, Tensor b, int[] outShape, DoubleBinaryOperator f) {
        double[] x = a.data;
        double[] y = b.data;
        double[] out = new double[Shapes.size(outShape)];
        if (Arrays.equals(a.shape, b.shape)) {
            for (int i = 0; i < out.length; i++) {
                out[i] = f.applyAsDouble(x[i], y[i]);
            }
        } else if (y.length == 1 && x.length == out.length) {
            double c = y[0];
            for (int i = 0; i < out.length; i++) {
                out[i] = f.applyAsDouble(x[i], c);
            }
        } else if (x.length == out.length && repeats(b.shape, outShape, y.length)) {
            for (int base = 0; base < out.length; base += y.length) {
                for (int j = 0; j < y.length; j++) {
                    out[base + j] = f.applyAsDouble(x[base + j], y[j]);
                }
            }
        } else if (y.length == out.length && repeats(a.shape, outShape, x.length)) {
            for (int base = 0; base < out.length; base += x.length) {
                for (int j = 0; j < x.length; j++) {
                    out[base + j] = f.applyAsDouble(x[j], y[base + j]);
                }
            }
        } else {
            StridedWalk wa = new StridedWalk(outShape, Shapes.broadcastStrides(a.shape, outShape));
            StridedWalk wb = new StridedWalk(outShape, Shapes.broadcastStrides(b.shape, outShape));
            for (int i = 0; i < out.length; i++, wa.next(), wb.next()) {
                out[i] = f.applyAsDouble(x[wa.offset()], y[wb.offset()]);
            }
        }
        return out;
    }

    /** True when a shape's data repeats back to back in the broadcast (e.g. a bias row). */
    private static boolean repeats(int[] shape, int[] outShape, int length) {
        return length > 0 && Shapes.repeatPeriod(shape, outShape) == length;
    }
}
