package io.github.chainrule.autodiff;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Sorting and the k largest or smallest along an axis. The indices are found on doubles (NaN
 * sorts above +∞, as PyTorch; ties keep their order); the values are then taken along the axis
 * with {@link Tensor#takeAlongAxis}, so the gradient of each value goes to the element it came
 * from.
 */
final class Sorting {
    private Sorting() {
    }

    static ValuesAndIndices sort(Tensor x, int axis, boolean descending) {
        int a = Shapes.axis("sort", axis, x.shape.length);
        return top("sort", x, a, x.shape[a], descending);
    }

    static ValuesAndIndices topk(Tensor x, int k, int axis, boolean largest) {
        int a = Shapes.axis("topk", axis, x.shape.length);
        if (k < 0 || k > x.shape[a]) {
            throw new IllegalArgumentException("topk: k = " + k + " is outside [0, " + x.shape[a] + "] for axis "
                    + axis + " of shape " + Shapes.str(x.shape));
        }
        return top("topk", x, a, k, largest);
    }

    private static ValuesAndIndices top(String op, Tensor x, int a, int k, boolean largest) {
        int length = x.shape[a];
        int outer = Shapes.outer(x.shape, a);
        int inner = Shapes.inner(x.shape, a);
        int[] indexShape = x.shape.clone();
        indexShape[a] = k;
        int[] indices = new int[outer * k * inner];
        Integer[] order = new Integer[length];
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                int base = o * length * inner + i;
                for (int j = 0; j < length; j++) {
                    order[j] = j;
                }
                Comparator<Integer> ascending = (p, q) -> Double.compare(x.data[base + p * inner],
                        x.data[base + q * inner]);
                Arrays.sort(order, largest ? ascending.reversed() : ascending);
                for (int j = 0; j < k; j++) {
                    indices[(o * k + j) * inner + i] = order[j];
                }
            }
        }
        return new ValuesAndIndices(x.takeAlongAxis(a, indices, indexShape), indices);
    }
}
