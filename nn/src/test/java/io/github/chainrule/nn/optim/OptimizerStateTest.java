package io.github.chainrule.nn.optim;

import static io.github.chainrule.nn.optim.OptimizerTestSupport.grad;
import static io.github.chainrule.nn.optim.OptimizerTestSupport.named;
import static io.github.chainrule.nn.optim.OptimizerTestSupport.param;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.chainrule.nn.Parameter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Exporting an optimiser's state and loading it into a fresh one continues the same trajectory. */
class OptimizerStateTest {

    @Test
    void adamStateAfterOneStepIsTheHandComputedMoments() {
        // m = 0.1 g, v = 0.001 g², t = 1.
        Parameter w = param(1, -2);
        Adam adam = new Adam(named("w", w), 0.1);
        assertTrue(adam.state().isEmpty());
        grad(w, 0.5, -4);
        adam.step();
        Map<String, double[]> s = adam.state();
        assertEquals(3, s.size());
        assertArrayEquals(new double[] {0.05, -0.4}, s.get("w.m"), 1e-15);
        assertArrayEquals(new double[] {0.00025, 0.016}, s.get("w.v"), 1e-15);
        assertArrayEquals(new double[] {1}, s.get("w.step"));
    }

    @Test
    void adamLoadedIntoAFreshOptimiserTakesTheSameSecondStep() {
        Parameter a = param(1);
        Adam first = new Adam(named("w", a), 0.1);
        grad(a, 0.5);
        first.step();
        Parameter b = param(a.value().item());
        Adam second = new Adam(named("w", b), 0.1);
        second.loadState(first.state());
        grad(a, 0.25);
        grad(b, 0.25);
        first.step();
        second.step();
        // The hand-derived second step of AdamTest: m2 = 0.07, v2 = 0.00031225.
        double w1 = 1 - 0.1 * 0.5 / (0.5 + 1e-8);
        double expected = w1 - 0.1 * (0.07 / 0.19) / (Math.sqrt(0.00031225 / (1 - 0.998001)) + 1e-8);
        assertEquals(expected, a.value().item(), 1e-14);
        assertEquals(a.value().item(), b.value().item(), 0.0);
        assertEquals(2.0, second.state().get("w.step")[0]);
    }

    @Test
    void sgdVelocityRoundTripsAndContinuesMomentum() {
        // v1 = g1 = 2; w1 = 1 − 0.1·2 = 0.8; v2 = 0.9·2 + 1 = 2.8; w2 = 0.8 − 0.28 = 0.52.
        Parameter a = param(1);
        SGD first = new SGD(named("w", a), 0.1).momentum(0.9);
        grad(a, 2);
        first.step();
        assertArrayEquals(new double[] {2}, first.state().get("w.velocity"));
        Parameter b = param(0.8);
        SGD second = new SGD(named("w", b), 0.1).momentum(0.9);
        second.loadState(first.state());
        grad(b, 1);
        second.step();
        assertEquals(0.52, b.value().item(), 1e-15);
    }

    @Test
    void aStateThatDoesNotFitIsRefusedWholeAndChangesNothing() {
        Parameter w = param(1, 2);
        Parameter u = param(3);
        Map<String, Parameter> both = new LinkedHashMap<>(named("w", w));
        both.put("u", u);
        Adam adam = new Adam(both, 0.1);
        grad(w, 1, 1);
        grad(u, 1);
        adam.step();
        Map<String, double[]> before = adam.state();
        Map<String, double[]> bad = new LinkedHashMap<>(before);
        bad.put("u.m", new double[] {1, 2});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> adam.loadState(bad));
        assertTrue(e.getMessage().contains("'u'"), e.getMessage());
        Map<String, double[]> stray = new LinkedHashMap<>(before);
        stray.put("x.m", new double[] {1});
        assertThrows(IllegalArgumentException.class, () -> adam.loadState(stray));
        Map<String, double[]> after = adam.state();
        assertEquals(before.keySet(), after.keySet());
        for (String k : before.keySet()) {
            assertArrayEquals(before.get(k), after.get(k), k);
        }
    }
}
