package io.github.chainrule.nn.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import io.github.chainrule.autodiff.Tensor;
import io.github.chainrule.nn.layers.Activation;
import io.github.chainrule.nn.layers.MLP;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Module parameters round-trip through safetensors; bad files never touch the model. */
class CheckpointsTest {
    @TempDir
    Path dir;

    private static MLP network(long seed) {
        return MLP.of(2, 4, 3, 2).activation(Activation.SIGMOID).build(seed);
    }

    private static double[] snapshot(MLP model) {
        return model.stateDict().values().stream().flatMapToDouble(t -> java.util.Arrays.stream(t.toArray())).toArray();
    }

    @Test
    void savedParametersLoadIntoAFreshModelAndGiveTheSameOutputs() throws IOException {
        MLP trained = network(1);
        Path file = dir.resolve("model.safetensors");
        Checkpoints.save(trained, file);
        MLP fresh = network(2);
        Checkpoints.load(fresh, file);
        Tensor x = Tensor.of(new double[] {0.3, -0.7, 1.1, 0.2}, 2, 2);
        assertArrayEquals(trained.forward(x).toArray(), fresh.forward(x).toArray(), 0);
        assertTrue(SafeTensors.read(file).metadata().get(Checkpoints.FORMAT_KEY).equals(Checkpoints.FORMAT));
    }

    @Test
    void aFileForAnotherArchitectureIsRefusedAndNothingIsLoaded() throws IOException {
        Path file = dir.resolve("other.safetensors");
        Checkpoints.save(MLP.of(2, 5, 2).activation(Activation.SIGMOID).build(3), file);
        MLP model = network(4);
        double[] before = snapshot(model);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Checkpoints.load(model, file));
        assertTrue(e.getMessage().contains("nothing was loaded"), e.getMessage());
        assertArrayEquals(before, snapshot(model), 0);
    }

    @Test
    void mutatedFilesEitherLoadConsistentlyOrAreRefusedWithoutTouchingTheModel() throws IOException {
        Path file = dir.resolve("valid.safetensors");
        Checkpoints.save(network(5), file);
        byte[] valid = Files.readAllBytes(file);
        Path mutated = dir.resolve("mutated.safetensors");
        qt().withExamples(2000).withFixedSeed(11)
                .forAll(integers().between(0, valid.length - 1), integers().between(1, 255), integers().between(0, 2))
                .checkAssert((position, value, kind) -> {
                    byte[] bytes = kind == 2 ? java.util.Arrays.copyOf(valid, position) : valid.clone();
                    if (kind != 2) {
                        bytes[position] = (byte) (bytes[position] ^ value);
                    }
                    MLP model = network(6);
                    double[] before = snapshot(model);
                    try {
                        Files.write(mutated, bytes);
                        Checkpoints.load(model, mutated);
                        Map<String, Tensor> state = model.stateDict();
                        assertTrue(state.values().stream().allMatch(t -> java.util.Arrays.stream(t.toArray())
                                .allMatch(Double::isFinite)));
                    } catch (SafeTensorsFormatException | IllegalArgumentException refused) {
                        assertArrayEquals(before, snapshot(model), 0);
                    } catch (IOException e) {
                        throw new AssertionError(e);
                    }
                });
    }
}
