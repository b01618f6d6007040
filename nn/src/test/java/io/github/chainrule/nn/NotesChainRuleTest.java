package io.github.chainrule.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.chainrule.autodiff.Scalar;
import org.junit.jupiter.api.Test;

/**
 * The notes' chain y_p = σ(ReLU(ReLU(i·w1)·w2)·w3) with C = (y_p − y)², differentiated by the
 * scalar graph and by the hand-derived chain rule:
 * <pre>
 *   z1 = i·w1, h1 = ReLU(z1), z2 = h1·w2, h2 = ReLU(z2), z3 = h2·w3, y_p = σ(z3)
 *   dC/dy_p = 2(y_p − y),  dy_p/dz3 = y_p(1 − y_p)
 *   dC/dw3 = dC/dy_p · σ'(z3) · h2
 *   dC/dw2 = dC/dy_p · σ'(z3) · w3 · 1[z2 &gt; 0] · h1
 *   dC/dw1 = dC/dy_p · σ'(z3) · w3 · 1[z2 &gt; 0] · w2 · 1[z1 &gt; 0] · i
 * </pre>
 */
class NotesChainRuleTest {
    private static void check(double i, double w1v, double w2v, double w3v, double y) {
        Scalar w1 = Scalar.of(w1v);
        Scalar w2 = Scalar.of(w2v);
        Scalar w3 = Scalar.of(w3v);
        Scalar input = Scalar.constant(i);
        Scalar yp = input.mul(w1).relu().mul(w2).relu().mul(w3).sigmoid();
        Scalar cost = yp.sub(y).square();
        cost.backward();

        double z1 = i * w1v;
        double h1 = Math.max(z1, 0);
        double z2 = h1 * w2v;
        double h2 = Math.max(z2, 0);
        double z3 = h2 * w3v;
        double p = 1 / (1 + Math.exp(-z3));
        double dCdz3 = 2 * (p - y) * p * (1 - p);
        double dCdw3 = dCdz3 * h2;
        double dCdz2 = dCdz3 * w3v * (z2 > 0 ? 1 : 0);
        double dCdw2 = dCdz2 * h1;
        double dCdw1 = dCdz2 * w2v * (z1 > 0 ? 1 : 0) * i;

        assertEquals((p - y) * (p - y), cost.value(), 1e-15);
        assertEquals(dCdw1, w1.grad(), 1e-15, "dC/dw1");
        assertEquals(dCdw2, w2.grad(), 1e-15, "dC/dw2");
        assertEquals(dCdw3, w3.grad(), 1e-15, "dC/dw3");
    }

    @Test
    void chainGradientsMatchTheHandDerivedChainRule() {
        check(1.5, 0.8, 0.4, 1.2, 0.0);
        check(0.7, 1.3, 0.9, -2.0, 1.0);
    }

    @Test
    void aDeadReluStopsTheGradientOfEarlierWeights() {
        // i·w1 < 0: the first ReLU is off, so all three gradients are 0 (w2, w3 see h1 = 0).
        check(1.0, -0.5, 0.9, 1.1, 1.0);
    }
}
