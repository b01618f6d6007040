package io.github.chainrule.nn.optim;

import static io.github.chainrule.nn.optim.OptimizerTestSupport.grad;
import static io.github.chainrule.nn.optim.OptimizerTestSupport.named;
import static io.github.chainrule.nn.optim.OptimizerTestSupport.param;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.chainrule.autodiff.Tensor;
import io.github.chainrule.nn.Parameter;
import io.github.chainrule.nn.layers.Activation;
import io.github.chainrule.nn.layers.MLP;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Refusals with messages that name what is wrong, and the all-or-nothing step. */
class OptimizerSafetyTest {
    @Test
    void nanLearningRateIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SGD(named("w", param(1)), Double.NaN));
        assertEquals("SGD: learning rate must be a finite number >= 0, got NaN", e.getMessage());
    }

    @Test
    void negativeLearningRateIsRefused() {
        Adam adam = new Adam(named("w", param(1)), 0.1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> adam.setLearningRate(-0.5));
        assertEquals("Adam: learning rate must be a finite number >= 0, got -0.5", e.getMessage());
        assertEquals(0.1, adam.learningRate(), 0);
    }

    @Test
    void aNanGradientInTheLastParameterLeavesEveryParameterUnchanged() {
        MLP net = MLP.of(2, 3, 1).activation(Activation.TANH).build(5);
        Map<String, Parameter> params = net.namedParameters();
        List<String> names = List.copyOf(params.keySet());
        Map<String, Tensor> before = net.stateDict();
        net.forward(Tensor.of(new double[][] {{1, 2}})).sum().backward();
        Parameter last = params.get(names.get(names.size() - 1));
        last.setGrad(Tensor.vector(Double.NaN));

        SGD sgd = new SGD(net, 0.1).momentum(0.9);
        IllegalStateException e = assertThrows(IllegalStateException.class, sgd::step);
        assertEquals("SGD.step: parameter 'layers.1.bias': gradient is NaN at index 0; no parameter was changed",
                e.getMessage());
        for (String name : names) {
            assertArrayEquals(before.get(name).toArray(), params.get(name).value().toArray(), 0, name);
        }
    }

    @Test
    void aFailedStepDoesNotAdvanceTheOptimiserState() {
        // Adam after a refused step must behave like a fresh Adam: moments and t untouched.
        Parameter a = param(1, 2);
        Parameter b = param(3);
        Map<String, Parameter> params = named("a", a);
        params.put("b", b);
        Adam adam = new Adam(params, 0.1);
        grad(a, 0.5, 0.5);
        grad(b, Double.POSITIVE_INFINITY);
        IllegalStateException e = assertThrows(IllegalStateException.class, adam::step);
        assertEquals("Adam.step: parameter 'b': gradient is Infinity at index 0; no parameter was changed", e.getMessage());
        grad(b, 1.0);
        adam.step();

        Parameter a2 = param(1, 2);
        Parameter b2 = param(3);
        Map<String, Parameter> fresh = named("a", a2);
        fresh.put("b", b2);
        Adam reference = new Adam(fresh, 0.1);
        grad(a2, 0.5, 0.5);
        grad(b2, 1.0);
        reference.step();
        assertArrayEquals(a2.value().toArray(), a.value().toArray(), 0);
        assertArrayEquals(b2.value().toArray(), b.value().toArray(), 0);
    }

    @Test
    void anUpdateThatWouldOverflowIsRefused() {
        Parameter w = param(Double.MAX_VALUE);
        SGD sgd = new SGD(named("w", w), 1.0);
        grad(w, -Double.MAX_VALUE);
        IllegalStateException e = assertThrows(IllegalStateException.class, sgd::step);
        assertEquals("SGD.step: parameter 'w': the new value would be Infinity at index 0; no parameter was changed",
                e.getMessage());
        assertEquals(Double.MAX_VALUE, w.value().item(), 0);
    }

    @Test
    void stepUpdatesTheLeafInPlaceAndKeepsComputedValues() {
        // As PyTorch: the step writes into the parameter's own leaf; values already computed
        // from it (y) do not change, and a state dict taken before is a snapshot.
        Parameter w = param(2);
        Tensor oldLeaf = w.value();
        Tensor y = oldLeaf.mul(3);
        SGD sgd = new SGD(named("w", w), 0.5);
        grad(w, 1);
        sgd.step();
        assertEquals(1.5, w.value().item(), 0);
        assertSame(oldLeaf, w.value());
        assertEquals(6, y.item(), 0);
    }

    @Test
    void updateInPlaceIsRefusedWhileGradModeIsOn() {
        Parameter w = param(2);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> w.value().updateInPlace((values, g) -> values[0] = 0));
        assertEquals("updateInPlace: grad mode is on; update parameters inside Grad.disabled(), "
                + "so that no graph records the mutation", e.getMessage());
        assertEquals(2, w.value().item(), 0);
    }
}
