package io.github.chainrule.nn.init;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;

class InitializersTest {
    private static double[] draw(Initializer init, long seed, int... shape) {
        return init.initialize(new Well19937c(seed), shape).toArray();
    }

    private static double std(double[] v) {
        double mean = 0;
        for (double x : v) {
            mean += x / v.length;
        }
        double s = 0;
        for (double x : v) {
            s += (x - mean) * (x - mean) / v.length;
        }
        return Math.sqrt(s);
    }

    private static double maxAbs(double[] v) {
        double m = 0;
        for (double x : v) {
            m = Math.max(m, Math.abs(x));
        }
        return m;
    }

    @Test
    void theSameSeedGivesTheSameValues() {
        assertArrayEquals(draw(Initializers.xavierUniform(), 3, 4, 5), draw(Initializers.xavierUniform(), 3, 4, 5), 0);
        assertArrayEquals(draw(Initializers.heNormal(), 3, 4, 5), draw(Initializers.heNormal(), 3, 4, 5), 0);
    }

    @Test
    void fansOfAWeightAreInAndOut() {
        assertEquals(new Fans(300, 200), Fans.of(200, 300));
        assertEquals(new Fans(7, 7), Fans.of(7));
    }

    @Test
    void xavierUniformStaysWithinItsLimitAndHasItsVariance() {
        double a = Math.sqrt(6.0 / (300 + 200));
        double[] v = draw(Initializers.xavierUniform(), 1, 200, 300);
        assertTrue(maxAbs(v) <= a);
        assertTrue(maxAbs(v) > 0.99 * a);
        assertEquals(a / Math.sqrt(3), std(v), 0.02 * a / Math.sqrt(3)); // U(−a, a) has std a/√3
    }

    @Test
    void xavierNormalHasStdRootTwoOverFanSum() {
        assertEquals(Math.sqrt(2.0 / 500), std(draw(Initializers.xavierNormal(), 2, 200, 300)), 0.02 * Math.sqrt(2.0 / 500));
    }

    @Test
    void heUniformStaysWithinRootSixOverFanIn() {
        double a = Math.sqrt(6.0 / 300);
        double[] v = draw(Initializers.heUniform(), 4, 200, 300);
        assertTrue(maxAbs(v) <= a && maxAbs(v) > 0.99 * a);
    }

    @Test
    void heNormalHasStdRootTwoOverFanIn() {
        assertEquals(Math.sqrt(2.0 / 300), std(draw(Initializers.heNormal(), 5, 200, 300)), 0.02 * Math.sqrt(2.0 / 300));
    }
}
