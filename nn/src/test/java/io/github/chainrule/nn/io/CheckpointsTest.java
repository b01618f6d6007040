package io.github.chainrule.nn.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import io.github.chainrule.autodiff.Tensor;
import io.github.chainrule.nn.layers.Activation;
import io.github.chainrule.nn.layers.MLP;
import io.github.chainrule.safetensors.NamedArray;
import io.github.chainrule.safetensors.SafeTensors;
import io.github.chainrule.safetensors.SafeTensorsFormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

    /** The model's own parameters plus the given arrays, as a safetensors file. */
    private Path fileWithExtraArrays(MLP model, List<NamedArray> extra) throws IOException {
        List<NamedArray> arrays = new ArrayList<>();
        model.stateDict().forEach((name, t) -> arrays.add(new NamedArray(name, t.shape(), t.toArray())));
        arrays.addAll(extra);
        Path file = dir.resolve("hostile.safetensors");
        SafeTensors.write(file, arrays, Map.of());
        return file;
    }

    @Test
    void unexpectedNamesInARefusalAreEscapedSoNoNewlineOrEscapeCodeReachesTheLog() throws IOException {
        MLP model = network(8);
        double[] before = snapshot(model);
        // A name that would forge a log line, clear the screen and ring the bell if printed raw.
        String raw = "layers.0.weight\nINFO all good" + (char) 0x1b + "[2J" + (char) 0x07;
        Path file = fileWithExtraArrays(model, List.of(new NamedArray(raw, new int[] {1}, new double[] {1})));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Checkpoints.load(model, file));
        String message = e.getMessage();
        assertTrue(message.chars().noneMatch(c -> c < 0x20), message);
        String escaped = "'layers.0.weight" + "\\" + "u000aINFO all good" + "\\" + "u001b[2J" + "\\" + "u0007'";
        assertTrue(message.contains(escaped), message);
        assertTrue(message.contains("nothing was loaded"), message);
        assertArrayEquals(before, snapshot(model), 0);
    }

    @Test
    void aHugeUnexpectedNameIsCutAndOnlyTheFirstFewNamesAreListed() throws IOException {
        MLP model = network(9);
        double[] before = snapshot(model);
        List<NamedArray> extra = new ArrayList<>();
        extra.add(new NamedArray("x".repeat(1_500_000), new int[] {1}, new double[] {1}));
        for (int i = 0; i < 1000; i++) {
            extra.add(new NamedArray("stray" + i, new int[] {1}, new double[] {i}));
        }
        Path file = fileWithExtraArrays(model, extra);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Checkpoints.load(model, file));
        String message = e.getMessage();
        assertTrue(message.length() < 1000, () -> message.length() + " chars: " + message.substring(0, 300));
        assertTrue(message.contains("1001 tensor(s) the model has no parameter for"), message);
        assertTrue(message.contains("'" + "x".repeat(80) + "'... (1500000 chars)"), message);
        assertTrue(message.contains("'stray3' and 996 more"), message);
        assertArrayEquals(before, snapshot(model), 0);
    }

    @Test
    void extrasAreSavedAsF64TensorsBesideTheParametersAndReadBackByName() throws IOException {
        MLP model = network(10);
        Path file = dir.resolve("with-extras.safetensors");
        Tensor mean = Tensor.vector(0.5, -1.25);
        Checkpoints.save(model, file, Map.of("note", "x"), Map.of("standardizer.mean", mean));
        NamedArray stored = SafeTensors.read(file).find("standardizer.mean").orElseThrow();
        assertArrayEquals(new double[] {0.5, -1.25}, stored.data(), 0);

        MLP fresh = network(11);
        Map<String, Tensor> extras = Checkpoints.load(fresh, file, Set.of("standardizer.mean"));
        assertArrayEquals(new double[] {0.5, -1.25}, extras.get("standardizer.mean").toArray(), 0);
        assertArrayEquals(snapshot(model), snapshot(fresh), 0);
        // Loading without naming the extra refuses the unknown tensor rather than ignore it.
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Checkpoints.load(fresh, file));
        assertTrue(e.getMessage().contains("'standardizer.mean'"), e.getMessage());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> Checkpoints.load(network(12), file, Set.of("standardizer.mean", "standardizer.std")));
        assertTrue(missing.getMessage().contains("lacks 'standardizer.std'"), missing.getMessage());
        assertEquals(2, extras.get("standardizer.mean").shape()[0]);
    }
}
