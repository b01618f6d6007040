package io.github.chainrule.nn.optim;

import static io.github.chainrule.nn.optim.OptimizerTestSupport.grad;
import static io.github.chainrule.nn.optim.OptimizerTestSupport.param;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.chainrule.nn.Parameter;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScheduleAndClippingTest {
    @Test
    void stepScheduleHalvesEveryTenEpochs() {
        LearningRateSchedule s = LearningRateSchedule.step(0.1, 10, 0.5);
        assertEquals(0.1, s.rate(0), 0);
        assertEquals(0.1, s.rate(9), 0);
        assertEquals(0.05, s.rate(10), 0);
        assertEquals(0.025, s.rate(25), 1e-17);
    }

    @Test
    void cosineScheduleFollowsHalfACosine() {
        LearningRateSchedule s = LearningRateSchedule.cosine(0.1, 0.01, 10);
        assertEquals(0.1, s.rate(0), 1e-17);
        assertEquals(0.055, s.rate(5), 1e-15); // 0.01 + ½·0.09·(1 + cos(π/2))
        assertEquals(0.01 + 0.045 * (1 + Math.cos(Math.PI * 0.3)), s.rate(3), 1e-15);
        assertEquals(0.01, s.rate(10), 1e-17);
        assertEquals(0.01, s.rate(50), 0);
    }

    @Test
    void clippingScalesAllGradientsByOneFactor() {
        // ‖g‖ = √(3² + 4² + 12²) = 13 > 6.5: every gradient × 6.5/(13 + 1e-6)
        Parameter a = param(0, 0);
        Parameter b = param(0);
        grad(a, 3, 4);
        grad(b, 12);
        double norm = GradientClipping.clipByGlobalNorm(List.of(a, b), 6.5);
        assertEquals(13, norm, 1e-15);
        double f = 6.5 / (13 + 1e-6);
        assertArrayEquals(new double[] {3 * f, 4 * f}, a.grad().toArray(), 1e-15);
        assertArrayEquals(new double[] {12 * f}, b.grad().toArray(), 1e-15);
        assertEquals(6.5, GradientClipping.globalNorm(List.of(a, b)), 1e-6);
    }

    @Test
    void clippingLeavesSmallGradientsAlone() {
        Parameter a = param(0, 0);
        grad(a, 0.3, 0.4);
        assertEquals(0.5, GradientClipping.clipByGlobalNorm(List.of(a), 1.0), 1e-15);
        assertArrayEquals(new double[] {0.3, 0.4}, a.grad().toArray(), 0);
    }
}
