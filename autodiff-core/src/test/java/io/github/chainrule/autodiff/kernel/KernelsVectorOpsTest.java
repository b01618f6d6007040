package io.github.chainrule.autodiff.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Checks {@link Kernels#dot}, {@link Kernels#axpy} and {@link Kernels#sum} of every
 * implementation against plain loops, on lengths around the vector width and its unrolling (so
 * that main loop, single-vector loop and scalar tail are each hit) and at nonzero offsets.
 */
class KernelsVectorOpsTest {

    private static final double TOLERANCE = 1e-12;
    private static final int[] LENGTHS = {0, 1, 7, 8, 13, 31, 32, 33, 100, 1024, 100_003};

    private final SplittableRandom random = new SplittableRandom(7);

    private static List<Kernels> implementations() {
        return List.of(new PlainKernels(), new VectorKernels());
    }

    @Test
    void dotMatchesNaive() {
        for (int length : LENGTHS) {
            double[] x = randomArray(length + 3), y = randomArray(length + 5);
            double expected = 0, scale = 0;
            for (int i = 0; i < length; i++) {
                expected += x[3 + i] * y[5 + i];
                scale += Math.abs(x[3 + i] * y[5 + i]);
            }
            for (Kernels kernels : implementations()) {
                assertEquals(expected, kernels.dot(x, 3, y, 5, length), TOLERANCE * scale,
                        kernels.name() + " length " + length);
            }
        }
    }

    @Test
    void sumMatchesNaive() {
        for (int length : LENGTHS) {
            double[] x = randomArray(length + 2);
            double expected = 0, scale = 0;
            for (int i = 0; i < length; i++) {
                expected += x[2 + i];
                scale += Math.abs(x[2 + i]);
            }
            for (Kernels kernels : implementations()) {
                assertEquals(expected, kernels.sum(x, 2, length), TOLERANCE * scale,
                        kernels.name() + " length " + length);
            }
        }
    }

    @Test
    void axpyMatchesNaiveAndStaysInRange() {
        for (int length : LENGTHS) {
            double alpha = random.nextDouble(-2, 2);
            double[] x = randomArray(length + 1);
            double[] y0 = randomArray(length + 9);
            double[] expected = y0.clone();
            for (int i = 0; i < length; i++) {
                expected[4 + i] += alpha * x[1 + i];
            }
            for (Kernels kernels : implementations()) {
                double[] y = y0.clone();
                kernels.axpy(alpha, x, 1, y, 4, length);
                for (int i = 0; i < y.length; i++) {
                    boolean inside = i >= 4 && i < 4 + length;
                    double scale = inside ? Math.abs(alpha * x[i - 3]) + Math.abs(y0[i]) : 0;
                    if (!(Math.abs(y[i] - expected[i]) <= TOLERANCE * scale)) {
                        fail(kernels.name() + " length " + length + " index " + i
                                + ": expected " + expected[i] + " but was " + y[i]);
                    }
                }
            }
        }
    }

    private double[] randomArray(int size) {
        double[] x = new double[size];
        for (int i = 0; i < size; i++) {
            x[i] = random.nextDouble(-1, 1);
        }
        return x;
    }
}
