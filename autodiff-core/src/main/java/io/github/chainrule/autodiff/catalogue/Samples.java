package io.github.chainrule.autodiff.catalogue;

import io.github.chainrule.autodiff.Tensor;
import java.util.Arrays;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * Random shapes and tensors for sampling catalogue cases: small shapes of rank 0 to 3 with
 * size-1 axes, broadcast-compatible partners, values drawn from a {@link Domain}.
 */
public final class Samples {
    private Samples() {
    }

    /** A shape of rank in [minRank, maxRank] with dimensions in [1, 4]; size-1 axes are common. */
    public static int[] shape(RandomGenerator rng, int minRank, int maxRank) {
        int rank = minRank + rng.nextInt(maxRank - minRank + 1);
        int[] shape = new int[rank];
        for (int i = 0; i < rank; i++) {
            shape[i] = 1 + rng.nextInt(4);
        }
        return shape;
    }

    /**
     * A shape that broadcasts with {@code shape} under NumPy's rules: some leading axes
     * dropped and some dimensions set to 1.
     */
    public static int[] broadcastPartner(RandomGenerator rng, int[] shape) {
        int drop = rng.nextInt(shape.length + 1);
        int[] partner = Arrays.copyOfRange(shape, drop, shape.length);
        for (int i = 0; i < partner.length; i++) {
            if (rng.nextInt(3) == 0) {
                partner[i] = 1;
            }
        }
        return partner;
    }

    /** A tensor of {@code shape} with values from {@code domain}. */
    public static Tensor tensor(RandomGenerator rng, Domain domain, int... shape) {
        int size = 1;
        for (int d : shape) {
            size *= d;
        }
        double[] data = new double[size];
        for (int i = 0; i < size; i++) {
            data[i] = domain.sample(rng);
        }
        return Tensor.of(data, shape);
    }

    /**
     * A tensor of {@code shape} whose values are pairwise at least {@code gap} apart: inputs
     * for max/min, whose derivative jumps at ties.
     */
    public static Tensor distinct(RandomGenerator rng, double gap, int... shape) {
        Tensor base = tensor(rng, Domain.REAL, shape);
        double[] data = base.toArray();
        Integer[] order = new Integer[data.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (x, y) -> Double.compare(data[x], data[y]));
        double[] spaced = new double[data.length];
        for (int rank = 0; rank < order.length; rank++) {
            spaced[order[rank]] = -1 + rank * gap + 0.3 * gap * rng.nextDouble();
        }
        return Tensor.of(spaced, shape);
    }

    /** {@code count} indices in [0, bound). */
    public static int[] indices(RandomGenerator rng, int count, int bound) {
        int[] out = new int[count];
        for (int i = 0; i < count; i++) {
            out[i] = rng.nextInt(bound);
        }
        return out;
    }

    /** "(2,3)", as shapes are printed in messages. */
    public static String str(int[] shape) {
        return Tensor.zeros(shape).shapeString();
    }
}
