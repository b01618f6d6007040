package io.github.chainrule.nn.optim;

import static io.github.chainrule.nn.optim.OptimizerTestSupport.grad;
import static io.github.chainrule.nn.optim.OptimizerTestSupport.named;
import static io.github.chainrule.nn.optim.OptimizerTestSupport.param;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.chainrule.autodiff.Tensor;
import io.github.chainrule.nn.Parameter;
import io.github.chainrule.nn.io.Checkpoints;
import io.github.chainrule.nn.layers.Activation;
import io.github.chainrule.nn.layers.MLP;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The optimiser's state dict: PyTorch's names, exact round trips, refusals that change nothing. */
class OptimizerStateTest {
    @TempDir
    Path dir;

    @Test
    void adamStateHoldsTheMomentsAndTheStepUnderPyTorchsNames() {
        Parameter w = param(1, 2);
        Adam adam = new Adam(named("w", w), 0.1);
        grad(w, 0.5, -1);
        adam.step();
        Map<String, Tensor> state = adam.stateDict();
        assertEquals(List.of("lr", "w.exp_avg", "w.exp_avg_sq", "w.step"), List.copyOf(state.keySet()));
        // m = 0.1 g, v = 0.001 g², t = 1
        assertArrayEquals(new double[] {0.05, -0.1}, state.get("w.exp_avg").toArray(), 1e-16);
        assertArrayEquals(new double[] {0.00025, 0.001}, state.get("w.exp_avg_sq").toArray(), 1e-17);
        assertEquals(1, state.get("w.step").item());
        assertEquals(0.1, state.get("lr").item());
    }

    @Test
    void sgdWithoutMomentumHasOnlyTheLearningRateAndWithMomentumTheBuffer() {
        Parameter w = param(1);
        SGD plain = new SGD(named("w", w), 0.1);
        grad(w, 1);
        plain.step();
        assertEquals(List.of("lr"), List.copyOf(plain.stateDict().keySet()));
        SGD momentum = new SGD(named("w", w), 0.1).momentum(0.9);
        momentum.step();
        assertArrayEquals(new double[] {1}, momentum.stateDict().get("w.momentum_buffer").toArray(), 0);
    }

    @Test
    void aLoadedOptimiserTakesTheSameStepsBitForBit() {
        MLP a = MLP.of(3, 4, 2).activation(Activation.TANH).build(1);
        MLP b = MLP.of(3, 4, 2).activation(Activation.TANH).build(1);
        AdamW optA = new AdamW(a, 0.01);
        AdamW optB = new AdamW(b, 0.01);
        Tensor x = Tensor.randn(new Well19937c(2), 5, 3);
        for (int i = 0; i < 3; i++) {
            stepOn(a, optA, x);
        }
        b.loadStateDict(a.stateDict());
        optB.loadStateDict(optA.stateDict());
        for (int i = 0; i < 3; i++) {
            stepOn(a, optA, x);
            stepOn(b, optB, x);
        }
        for (String name : a.stateDict().keySet()) {
            assertArrayEquals(a.stateDict().get(name).toArray(), b.stateDict().get(name).toArray(), 0, name);
        }
    }

    private static void stepOn(MLP net, Optimizer opt, Tensor x) {
        opt.zeroGrad();
        net.forward(x).square().sum().backward();
        opt.step();
    }

    @Test
    void aStateThatDoesNotFitIsRefusedWithEveryProblemAndNothingChanges() {
        Parameter w = param(1, 2);
        Adam adam = new Adam(named("w", w), 0.1);
        Map<String, Tensor> bad = new HashMap<>();
        bad.put("lr", Tensor.scalar(0.5));
        bad.put("w.exp_avg", Tensor.vector(1, 2, 3));
        bad.put("w.step", Tensor.scalar(1.5));
        bad.put("v.exp_avg", Tensor.vector(1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> adam.loadStateDict(bad));
        assertEquals("Adam.loadStateDict: nothing was loaded; 'w.exp_avg' has shape [3] but the parameter has [2]; "
                + "parameter 'w' has only some of [exp_avg, exp_avg_sq]; 'w.step' must be a whole count >= 0; "
                + "unexpected 'v.exp_avg'", e.getMessage());
        assertEquals(0.1, adam.learningRate());
        assertEquals(List.of("lr", "w.step"), List.copyOf(adam.stateDict().keySet()));
    }

    @Test
    void checkpointsSaveAndLoadTheModelWithTheOptimiser() throws IOException {
        MLP a = MLP.of(2, 3, 1).activation(Activation.TANH).build(3);
        SGD optA = new SGD(a, 0.05).momentum(0.5);
        stepOn(a, optA, Tensor.randn(new Well19937c(4), 6, 2));
        Path file = dir.resolve("with-optimizer.safetensors");
        Checkpoints.save(a, optA, file);

        MLP b = MLP.of(2, 3, 1).activation(Activation.TANH).build(9);
        SGD optB = new SGD(b, 0.7).momentum(0.5);
        Checkpoints.load(b, optB, file);
        assertEquals(0.05, optB.learningRate());
        for (Map.Entry<String, Tensor> e : optA.stateDict().entrySet()) {
            assertArrayEquals(e.getValue().toArray(), optB.stateDict().get(e.getKey()).toArray(), 0, e.getKey());
        }
        for (Map.Entry<String, Tensor> e : a.stateDict().entrySet()) {
            assertArrayEquals(e.getValue().toArray(), b.stateDict().get(e.getKey()).toArray(), 0, e.getKey());
        }
    }

    @Test
    void hostileNamesInACheckpointWithTheOptimiserAreQuotedEscapedAndShortened() throws IOException {
        MLP model = MLP.of(2, 3, 1).activation(Activation.TANH).build(3);
        SGD sgd = new SGD(model, 0.05).momentum(0.5);
        String hostile = "x\n\u001b[2J\u0007" + "y".repeat(100_000);
        for (String name : List.of(hostile, Checkpoints.OPTIMIZER_PREFIX + hostile)) {
            Map<String, Tensor> tensors = new HashMap<>(model.stateDict());
            sgd.stateDict().forEach((k, t) -> tensors.put(Checkpoints.OPTIMIZER_PREFIX + k, t));
            tensors.put(name, Tensor.scalar(1));
            Path file = dir.resolve("hostile.safetensors");
            Checkpoints.writeTensors(file, tensors, Map.of());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Checkpoints.load(model, sgd, file));
            String message = e.getMessage();
            assertTrue(message.length() < 1_000, "message of " + message.length() + " characters");
            assertTrue(message.chars().noneMatch(c -> c == '\n' || c == 0x1b || c == 0x07), message);
        }
    }
}
