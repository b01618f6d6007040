package io.github.chainrule.autodiff;

import io.github.chainrule.autodiff.kernel.KernelProvider;
import io.github.chainrule.autodiff.kernel.Kernels;

/**
 * Whether a run of doubles holds only finite values (no NaN, no ±∞): the check an optimiser
 * makes on every parameter and gradient at every step, so it runs on the vector kernels.
 *
 * <p>The fast path sums the run: s = Σ x_i is finite only when every x_i is (a NaN stays NaN,
 * ∞ + finite = ∞, ∞ − ∞ = NaN, in any order of addition). A non-finite sum of finite values
 * (an overflow, |x_i| near 10^308) is settled element by element, so the answer is exact.
 * The JIT vectorises neither a reduction over doubles nor one over their bits, so a plain
 * loop costs about a cycle per element; the kernels' sum is several times faster.
 */
public final class FiniteValues {
    private static final Kernels KERNELS = KernelProvider.get();

    private FiniteValues() {
    }

    /**
     * True when {@code values[from]}, …, {@code values[to − 1]} are all finite (true for an empty run).
     *
     * @throws IndexOutOfBoundsException when the range is not inside the array
     */
    public static boolean allFinite(double[] values, int from, int to) {
        if (from < 0 || to > values.length || from > to) {
            throw new IndexOutOfBoundsException("allFinite: range [" + from + ", " + to + ") of an array of "
                    + values.length);
        }
        return Double.isFinite(KERNELS.sum(values, from, to - from)) || eachFinite(values, from, to);
    }

    private static boolean eachFinite(double[] values, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!Double.isFinite(values[i])) {
                return false;
            }
        }
        return true;
    }
}
