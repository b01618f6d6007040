package io.github.chainrule.autodiff.edges;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.chainrule.autodiff.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * softmax, logSoftmax and logSumExp keep the relative accuracy of a double whatever the scale
 * of the logits, from 1 to 1e300 of either sign, against 60-digit references
 * ({@link HighPrecision}). Each row is the scale s moved by a few multiples of a step that is
 * at least one unit in the last place of s, so the differences between logits are exact.
 */
class SoftmaxAtEveryScaleTest {
    private static final double EPS = 1e-14;

    /** Rows at scale s: all equal, and spread by 1, 3 and 7 steps below s. */
    private static double[][] rows(double s) {
        double step = Math.max(Math.ulp(s), 0.125);
        return new double[][] {{s, s, s, s}, {s, s - step, s - 3 * step, s - 7 * step},
            {s - 7 * step, s, s - step, s}};
    }

    @ParameterizedTest
    @ValueSource(doubles = {1, 1e3, 1e8, 1e15, 1e17, 1e20, 1e100, 1e300, -1, -1e8, -1e17, -1e300})
    void logSoftmaxIsExactAtEveryScale(double scale) {
        for (double[] row : rows(scale)) {
            double[] expected = HighPrecision.logSoftmax(row);
            double[] actual = Tensor.vector(row).logSoftmax(0).toArray();
            for (int i = 0; i < row.length; i++) {
                assertEquals(expected[i], actual[i], EPS * Math.max(1, Math.abs(expected[i])),
                        "logSoftmax" + Arrays.toString(row) + "[" + i + "]");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(doubles = {1, 1e3, 1e8, 1e15, 1e17, 1e20, 1e100, 1e300, -1, -1e8, -1e17, -1e300})
    void softmaxIsExactAndSumsToOneAtEveryScale(double scale) {
        for (double[] row : rows(scale)) {
            double[] expected = HighPrecision.softmax(row);
            double[] logExpected = HighPrecision.logSoftmax(row);
            double[] actual = Tensor.vector(row).softmax(0).toArray();
            double sum = 0;
            for (int i = 0; i < row.length; i++) {
                assertEquals(expected[i], actual[i], EPS * Math.max(1, Math.abs(logExpected[i])) * expected[i],
                        "softmax" + Arrays.toString(row) + "[" + i + "]");
                sum += actual[i];
            }
            assertEquals(1, sum, 4 * Math.ulp(1.0), "softmax" + Arrays.toString(row) + " sums to " + sum);
        }
    }

    @ParameterizedTest
    @ValueSource(doubles = {1, 1e3, 1e8, 1e15, 1e17, 1e20, 1e100, 1e300, -1, -1e8, -1e17, -1e300})
    void logSumExpAndItsGradientAreExactAtEveryScale(double scale) {
        for (double[] row : rows(scale)) {
            double expected = HighPrecision.logSumExp(row);
            Tensor x = Tensor.vector(row).requiresGrad();
            Tensor lse = x.logSumExp(0, false);
            // m + log Σ e^(x−m) rounds once at the scale of m (or of the result, when larger).
            double bound = 2 * Math.ulp(Math.max(Math.abs(Arrays.stream(row).max().getAsDouble()), Math.abs(expected)));
            assertEquals(expected, lse.item(), bound, "logSumExp" + Arrays.toString(row));
            lse.backward();
            double[] softmax = HighPrecision.softmax(row);
            double[] logSoftmax = HighPrecision.logSoftmax(row);
            double[] gradient = x.grad().toArray();
            for (int i = 0; i < row.length; i++) {
                assertEquals(softmax[i], gradient[i], EPS * Math.max(1, Math.abs(logSoftmax[i])) * softmax[i],
                        "∂logSumExp/∂x" + Arrays.toString(row) + "[" + i + "]");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(doubles = {1, 1e8, 1e17, 1e300, -1e300})
    void theGradientOfALogProbabilityIsOneHotMinusSoftmaxAtEveryScale(double scale) {
        for (double[] row : rows(scale)) {
            Tensor x = Tensor.vector(row).requiresGrad();
            x.logSoftmax(0).select(0, 1).backward();
            double[] softmax = HighPrecision.softmax(row);
            double[] gradient = x.grad().toArray();
            for (int i = 0; i < row.length; i++) {
                assertEquals((i == 1 ? 1 : 0) - softmax[i], gradient[i], 1e-15, "row " + Arrays.toString(row));
            }
        }
    }

    @Test
    void equalLogitsOfAnyMagnitudeAreUniform() {
        List<double[]> rows = new ArrayList<>();
        for (double s : new double[] {1e17, 1e100, 1e300, -1e300}) {
            rows.add(new double[] {s, s, s});
        }
        Tensor logits = Tensor.of(rows.toArray(new double[0][]));
        double third = -Math.log(3);
        for (double v : logits.logSoftmax(1).toArray()) {
            assertEquals(third, v, Math.ulp(third));
        }
        for (double v : logits.softmax(1).toArray()) {
            assertEquals(1.0 / 3, v, 2 * Math.ulp(1.0 / 3));
        }
    }

    @Test
    void aFullyMaskedRowStaysAnEmptyDistributionAndAPartlyMaskedOneIgnoresTheMask() {
        double inf = Double.NEGATIVE_INFINITY;
        Tensor x = Tensor.of(new double[][] {{inf, inf, inf}, {1e300, inf, 1e300}}).requiresGrad();
        Tensor p = x.softmax(1);
        assertArrayEquals(new double[] {0, 0, 0, 0.5, 0, 0.5}, p.toArray());
        double[] log = x.logSoftmax(1).toArray();
        assertArrayEquals(new double[] {inf, inf, inf, -Math.log(2), inf, -Math.log(2)}, log);
        p.mul(Tensor.vector(1, 2, 3)).sum().backward();
        // Row 2: p = (½, 0, ½); ∂/∂x_i Σ_j w_j p_j = p_i (w_i − Σ_j w_j p_j) = (½(1 − 2), 0, ½(3 − 2)).
        assertArrayEquals(new double[] {0, 0, 0, -0.5, 0, 0.5}, x.grad().toArray());
        assertTrue(Double.isInfinite(x.detach().logSumExp(1, false).get(0)));
    }
}
