package io.github.chainrule.nn.optim;

import static io.github.chainrule.nn.optim.OptimizerTestSupport.grad;
import static io.github.chainrule.nn.optim.OptimizerTestSupport.named;
import static io.github.chainrule.nn.optim.OptimizerTestSupport.param;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.chainrule.nn.Parameter;
import org.junit.jupiter.api.Test;

/** SGD against values worked out by hand from w = (1, −2), η = 0.1. */
class SGDTest {
    @Test
    void plainStepIsWMinusEtaG() {
        Parameter w = param(1, -2);
        SGD sgd = new SGD(named("w", w), 0.1);
        grad(w, 0.5, -1);
        sgd.step();
        assertArrayEquals(new double[] {0.95, -1.9}, w.value().toArray(), 1e-15);
    }

    @Test
    void momentumAccumulatesVelocity() {
        // v1 = g = (0.5, −1), w1 = (0.95, −1.9); v2 = 0.9 v1 + g = (0.95, −1.9), w2 = w1 − 0.1 v2 = (0.855, −1.71)
        Parameter w = param(1, -2);
        SGD sgd = new SGD(named("w", w), 0.1).momentum(0.9);
        grad(w, 0.5, -1);
        sgd.step();
        assertArrayEquals(new double[] {0.95, -1.9}, w.value().toArray(), 1e-15);
        grad(w, 0.5, -1); // setGrad replaces, i.e. the same gradient again
        sgd.step();
        assertArrayEquals(new double[] {0.855, -1.71}, w.value().toArray(), 1e-15);
    }

    @Test
    void nesterovLooksAhead() {
        // step 1: v = g, update g + 0.9 v = (0.95, −1.9), w = (0.905, −1.81)
        // step 2: v = (0.95, −1.9), update g + 0.9 v = (1.355, −2.71), w = (0.7695, −1.539)
        Parameter w = param(1, -2);
        SGD sgd = new SGD(named("w", w), 0.1).momentum(0.9).nesterov(true);
        grad(w, 0.5, -1);
        sgd.step();
        assertArrayEquals(new double[] {0.905, -1.81}, w.value().toArray(), 1e-15);
        grad(w, 0.5, -1);
        sgd.step();
        assertArrayEquals(new double[] {0.7695, -1.539}, w.value().toArray(), 1e-15);
    }

    @Test
    void weightDecayAddsLambdaWToTheGradient() {
        // g' = g + 0.1 w = (0.6, −1.2); w = (1 − 0.06, −2 + 0.12)
        Parameter w = param(1, -2);
        SGD sgd = new SGD(named("w", w), 0.1).weightDecay(0.1);
        grad(w, 0.5, -1);
        sgd.step();
        assertArrayEquals(new double[] {0.94, -1.88}, w.value().toArray(), 1e-15);
    }

    @Test
    void nesterovWithoutMomentumIsRefused() {
        SGD sgd = new SGD(named("w", param(1)), 0.1);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> sgd.nesterov(true));
        org.junit.jupiter.api.Assertions.assertEquals("SGD: Nesterov needs a momentum > 0; set momentum(μ) first", e.getMessage());
    }

    @Test
    void aParameterWithoutGradientIsLeftAlone() {
        Parameter a = param(1, 2);
        Parameter b = param(3);
        java.util.Map<String, Parameter> m = named("a", a);
        m.put("b", b);
        SGD sgd = new SGD(m, 0.1);
        grad(a, 1, 1);
        sgd.step();
        assertArrayEquals(new double[] {0.9, 1.9}, a.value().toArray(), 1e-15);
        assertArrayEquals(new double[] {3}, b.value().toArray(), 0);
    }
}
