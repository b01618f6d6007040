package io.github.chainrule.nn.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.chainrule.autodiff.Tensor;
import org.junit.jupiter.api.Test;

/**
 * Cross-entropy from logits keeps full precision however large the logits: the loss depends
 * only on their differences, so logits shifted by 1e17 or 1e300 give the loss of the
 * differences (hand-derived here).
 */
class CrossEntropyAtScaleTest {

    @Test
    void equalLogitsOfAnyMagnitudeCostLogK() {
        for (double s : new double[] {1, 1e17, 1e100, 1e300, -1e300}) {
            Tensor logits = Tensor.of(new double[][] {{s, s, s}, {s, s, s}}).requiresGrad();
            Tensor loss = new CrossEntropy().compute(logits, 0, 2);
            assertEquals(Math.log(3), loss.item(), 2 * Math.ulp(Math.log(3)), "logits " + s);
            loss.backward();
            // (softmax − onehot)/m with softmax = 1/3 and m = 2.
            double third = 1.0 / 3;
            assertArrayEquals(new double[] {(third - 1) / 2, third / 2, third / 2, third / 2, third / 2, (third - 1) / 2},
                    logits.grad().toArray(), 1e-16, "logits " + s);
        }
    }

    @Test
    void logitsOneUlpApartAt1e17CostTheLossOfTheirDifferences() {
        // ulp(1e17) = 16: the logits differ by exactly 0, 16 and 32.
        double s = 1e17;
        Tensor logits = Tensor.vector(s, s + 16, s + 32);
        double lossOfLargest = Math.log1p(Math.exp(-16) + Math.exp(-32));
        assertEquals(lossOfLargest, new CrossEntropy().compute(logits, 2).item(), 4 * Math.ulp(lossOfLargest));
        assertEquals(16 + lossOfLargest, new CrossEntropy().compute(logits, 1).item(), 1e-14);
        assertEquals(32 + lossOfLargest, new CrossEntropy().compute(logits, 0).item(), 1e-14);
    }
}
