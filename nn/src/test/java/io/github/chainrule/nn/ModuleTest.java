package io.github.chainrule.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.chainrule.autodiff.Tensor;
import io.github.chainrule.nn.layers.Activation;
import io.github.chainrule.nn.layers.Linear;
import io.github.chainrule.nn.layers.MLP;
import io.github.chainrule.nn.layers.ReLU;
import io.github.chainrule.nn.layers.Sequential;
import io.github.chainrule.nn.layers.Sigmoid;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModuleTest {
    @Test
    void sequentialNamesParametersByPosition() {
        Sequential s = Sequential.of(new Linear(2, 3, 1), new ReLU(), new Linear(3, 1, 2), new Sigmoid());
        assertEquals(List.of("0.weight", "0.bias", "2.weight", "2.bias"), List.copyOf(s.namedParameters().keySet()));
        assertEquals(2 * 3 + 3 + 3 + 1, s.parameterCount());
    }

    @Test
    void mlpNamesParametersByLayer() {
        MLP net = MLP.of(2, 4, 3, 2).activation(Activation.SIGMOID).build(42);
        assertEquals(List.of("layers.0.weight", "layers.0.bias", "layers.1.weight", "layers.1.bias", "layers.2.weight",
                "layers.2.bias"), List.copyOf(net.stateDict().keySet()));
        assertArrayEquals(new int[] {4, 2}, net.layer(1).weight().shape());
        assertArrayEquals(new int[] {2}, net.stateDict().get("layers.2.bias").shape());
    }

    @Test
    void mlpForwardMatchesSequentialOfTheSameLayers() {
        MLP net = MLP.of(2, 3, 1).hiddenActivation(Activation.TANH).outputActivation(Activation.SIGMOID).build(9);
        Tensor x = Tensor.of(new double[][] {{0.3, -1.2}, {2, 0.5}});
        Tensor expected = net.layer(2).forward(net.layer(1).forward(x).tanh()).sigmoid();
        assertArrayEquals(expected.toArray(), net.forward(x).toArray(), 0);
        assertArrayEquals(net.forward(x).toArray(), net.forwardWithTrace(x).output().toArray(), 0);
    }

    @Test
    void sameSeedSameNetwork() {
        Map<String, Tensor> a = MLP.of(3, 5, 2).build(123).stateDict();
        Map<String, Tensor> b = MLP.of(3, 5, 2).build(123).stateDict();
        for (String k : a.keySet()) {
            assertArrayEquals(a.get(k).toArray(), b.get(k).toArray(), 0, k);
        }
    }

    @Test
    void linearComputesXWTransposedPlusB() {
        Linear l = new Linear(Tensor.of(new double[][] {{1, 2}, {3, 4}, {5, 6}}), Tensor.vector(0.5, -0.5, 1));
        Tensor out = l.forward(Tensor.of(new double[][] {{1, 1}, {2, 0}}));
        assertArrayEquals(new double[] {3.5, 6.5, 12, 2.5, 5.5, 11}, out.toArray(), 0);
        assertArrayEquals(new double[] {3.5, 6.5, 12}, l.forward(Tensor.vector(1, 1)).toArray(), 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> l.forward(Tensor.of(new double[][] {{1, 2, 3}})));
        assertEquals("Linear(2 -> 3): input of shape [1, 3] must be (2) or (…, 2)", e.getMessage());
    }

    @Test
    void stateDictRoundTrips() {
        MLP a = MLP.of(2, 3, 1).build(1);
        MLP b = MLP.of(2, 3, 1).build(2);
        b.loadStateDict(a.stateDict());
        Tensor x = Tensor.of(new double[][] {{0.1, 0.2}});
        assertArrayEquals(a.forward(x).toArray(), b.forward(x).toArray(), 0);
    }

    @Test
    void aFailedLoadNamesEveryProblemAndLoadsNothing() {
        MLP net = MLP.of(2, 3, 1).build(1);
        Map<String, Tensor> before = net.stateDict();
        Map<String, Tensor> bad = new LinkedHashMap<>(MLP.of(2, 3, 1).build(2).stateDict());
        bad.put("layers.0.bias", Tensor.zeros(4));
        bad.remove("layers.1.bias");
        bad.put("layers.9.weight", Tensor.zeros(1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> net.loadStateDict(bad));
        assertEquals("loadStateDict into MLP: nothing was loaded; 'layers.0.bias' has shape [4] but the model expects [3]; "
                + "missing 'layers.1.bias' of shape [1]; unexpected 'layers.9.weight' (the model has no such parameter)",
                e.getMessage());
        // layers.0.weight and layers.1.weight were valid, and still not loaded
        for (String k : before.keySet()) {
            assertArrayEquals(before.get(k).toArray(), net.stateDict().get(k).toArray(), 0, k);
        }
    }

    @Test
    void aLoadWithNaNIsRefused() {
        MLP net = MLP.of(1, 1).build(1);
        Map<String, Tensor> state = net.stateDict();
        state.put("layers.0.weight", Tensor.of(new double[] {Double.NaN}, 1, 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> net.loadStateDict(state));
        assertTrue(e.getMessage().contains("'layers.0.weight' holds NaN or infinite values"), e.getMessage());
    }

    @Test
    void zeroGradForgetsEveryGradient() {
        MLP net = MLP.of(2, 2, 1).build(3);
        net.forward(Tensor.of(new double[][] {{1, 1}})).sum().backward();
        net.parameters().forEach(p -> assertNotNull(p.grad()));
        net.zeroGrad();
        net.parameters().forEach(p -> assertNull(p.grad()));
    }

    @Test
    void assignMakesAFreshLeafAndCarriesTheGradient() {
        Parameter p = Parameter.of(Tensor.vector(1, 2));
        p.value().mul(3).sum().backward();
        Tensor old = p.value();
        p.assign(new double[] {5, 6});
        assertTrue(p.value() != old && p.value().isLeaf() && p.value().needsGrad());
        assertArrayEquals(new double[] {3, 3}, p.grad().toArray(), 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> p.assign(new double[] {1}));
        assertEquals("Parameter.assign: 1 values for a parameter of shape [2] (2 elements)", e.getMessage());
    }

    @Test
    void registeringTheSameNameTwiceIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Module() {
            {
                registerParameter("w", Parameter.of(Tensor.vector(1)));
                registerParameter("w", Parameter.of(Tensor.vector(2)));
            }

            @Override
            public Tensor forward(Tensor x) {
                return x;
            }
        });
        assertTrue(e.getMessage().endsWith("name 'w' is already registered"), e.getMessage());
    }
}
