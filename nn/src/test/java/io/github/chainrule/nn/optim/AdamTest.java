package io.github.chainrule.nn.optim;

import static io.github.chainrule.nn.optim.OptimizerTestSupport.grad;
import static io.github.chainrule.nn.optim.OptimizerTestSupport.named;
import static io.github.chainrule.nn.optim.OptimizerTestSupport.param;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.chainrule.nn.Parameter;
import org.junit.jupiter.api.Test;

/** Adam and AdamW against the update worked out by hand (η = 0.1, β₁ 0.9, β₂ 0.999, ε 1e-8). */
class AdamTest {
    private static final double EPS = 1e-8;

    @Test
    void biasCorrectionMakesTheFirstStepEtaTimesTheSignOfG() {
        // m = 0.1 g, v = 0.001 g²; m̂ = g, v̂ = g², so w −= η g / (|g| + ε). Without the
        // correction the step would be η·0.1g/(√0.001|g|) ≈ 0.316 η.
        Parameter w = param(1, -2);
        Adam adam = new Adam(named("w", w), 0.1);
        grad(w, 0.5, -4);
        adam.step();
        assertEquals(1 - 0.1 * 0.5 / (0.5 + EPS), w.value().get(0), 1e-15);
        assertEquals(-2 + 0.1 * 4 / (4 + EPS), w.value().get(1), 1e-15);
    }

    @Test
    void secondStepUsesBothMomentsWithBiasCorrection() {
        Parameter w = param(1);
        Adam adam = new Adam(named("w", w), 0.1);
        grad(w, 0.5);
        adam.step();
        double w1 = 1 - 0.1 * 0.5 / (0.5 + EPS);
        grad(w, 0.25);
        adam.step();
        // m2 = 0.9·0.05 + 0.1·0.25 = 0.07; v2 = 0.999·0.00025 + 0.001·0.0625 = 0.00031225
        double mHat = 0.07 / (1 - 0.81);
        double vHat = 0.00031225 / (1 - 0.998001);
        assertEquals(w1 - 0.1 * mHat / (Math.sqrt(vHat) + EPS), w.value().item(), 1e-14);
    }

    @Test
    void adamWeightDecayIsAddedToTheGradient() {
        // g' = 0.5 + 0.1·1 = 0.6 → first step η·g'/(|g'|+ε)
        Parameter w = param(1);
        Adam adam = new Adam(named("w", w), 0.1).weightDecay(0.1);
        grad(w, 0.5);
        adam.step();
        assertEquals(1 - 0.1 * 0.6 / (0.6 + EPS), w.value().item(), 1e-15);
    }

    @Test
    void adamWDecaysTheWeightsDirectly() {
        // w ← w − ηλw − η m̂/(√v̂ + ε) = 1 − 0.01 − 0.1·0.5/(0.5 + ε)
        Parameter w = param(1);
        AdamW adamw = new AdamW(named("w", w), 0.1);
        adamw.weightDecay(0.1);
        grad(w, 0.5);
        adamw.step();
        assertEquals(1 - 0.01 - 0.1 * 0.5 / (0.5 + EPS), w.value().item(), 1e-15);
    }

    @Test
    void adamWDefaultDecayIsOneHundredth() {
        Parameter w = param(2);
        AdamW adamw = new AdamW(named("w", w), 0.1);
        grad(w, 0.0);
        adamw.step();
        // zero gradient: only the decay acts, w = 2 − 0.1·0.01·2
        assertEquals(2 - 0.002, w.value().item(), 1e-15);
    }
}
