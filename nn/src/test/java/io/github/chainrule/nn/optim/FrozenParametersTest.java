package io.github.chainrule.nn.optim;

import static io.github.chainrule.nn.optim.OptimizerTestSupport.grad;
import static io.github.chainrule.nn.optim.OptimizerTestSupport.named;
import static io.github.chainrule.nn.optim.OptimizerTestSupport.param;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.chainrule.autodiff.Tensor;
import io.github.chainrule.nn.Parameter;
import io.github.chainrule.nn.layers.Activation;
import io.github.chainrule.nn.layers.MLP;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Frozen parameters are skipped by every optimiser, as torch.optim does, and can be unfrozen. */
class FrozenParametersTest {
    @Test
    void anOptimiserOverAModuleWithAFrozenParameterSkipsIt() {
        MLP net = MLP.of(2, 3, 1).activation(Activation.TANH).build(5);
        net.layer(1).weight().freeze();
        Map<String, Tensor> before = net.stateDict();
        Adam adam = new Adam(net, 0.1);
        net.forward(Tensor.of(new double[][] {{1, 2}})).sum().backward();
        assertNull(net.layer(1).weight().grad(), "a frozen parameter is not reached by backward");
        adam.step();

        assertArrayEquals(before.get("layers.0.weight").toArray(), net.layer(1).weight().value().toArray(), 0);
        assertNotEquals(before.get("layers.0.bias").get(0), net.layer(1).bias().value().get(0));
    }

    @Test
    void aParameterMadeFrozenIsAcceptedAndNeverChanged() {
        Parameter w = param(1, 2);
        Parameter frozen = Parameter.frozen(Tensor.vector(7));
        Map<String, Parameter> params = named("w", w);
        params.put("frozen", frozen);
        SGD sgd = new SGD(params, 0.5);
        grad(w, 1, 1);
        sgd.step();
        assertArrayEquals(new double[] {0.5, 1.5}, w.value().toArray(), 0);
        assertArrayEquals(new double[] {7}, frozen.value().toArray(), 0);
    }

    @Test
    void freezingAfterConstructionPausesTheUpdateAndUnfreezingResumesWithTheKeptMomentum() {
        Parameter w = param(1.0);
        SGD sgd = new SGD(named("w", w), 0.1).momentum(0.5);
        grad(w, 1.0);
        sgd.step();                                   // v = 1, w = 1 − 0.1 = 0.9
        assertArrayEquals(new double[] {0.9}, w.value().toArray(), 1e-15);

        w.freeze();
        assertFalse(w.value().needsGrad(), "the frozen leaf does not require grad");
        assertNull(w.grad(), "freezing drops the gradient");
        sgd.step();                                   // skipped
        assertArrayEquals(new double[] {0.9}, w.value().toArray(), 1e-15);

        w.unfreeze();
        assertTrue(w.requiresGrad());
        w.value().mul(2.0).sum().backward();          // g = 2
        sgd.step();                                   // v = 0.5·1 + 2 = 2.5, w = 0.9 − 0.25 = 0.65
        assertArrayEquals(new double[] {0.65}, w.value().toArray(), 1e-15);
    }
}
