package io.github.chainrule.nn.io;

import io.github.chainrule.autodiff.Tensor;
import io.github.chainrule.nn.Module;
import io.github.chainrule.nn.optim.Optimizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Saves and loads a module's parameters as a safetensors file: a JSON header plus
 * little-endian F64 data, keyed by the module's parameter names ({@code "layers.0.weight"}),
 * so the weights open in PyTorch's or NumPy's safetensors readers.
 *
 * <p>Loading is all or nothing: the file is read and checked completely (format, offsets,
 * dtypes, duplicate names — see {@link SafeTensors#read(Path)}), then every name and shape is
 * checked against the module ({@link Module#loadStateDict}); only then are values copied. A
 * refused file leaves the module exactly as it was.
 */
public final class Checkpoints {
    /** Metadata key naming the writer, so a reader can tell a chainrule checkpoint. */
    public static final String FORMAT_KEY = "format";
    /** Metadata value of {@link #FORMAT_KEY}. */
    public static final String FORMAT = "chainrule";
    /** The prefix of the optimiser's state in a checkpoint that holds it: {@code "optimizer/lr"}. */
    public static final String OPTIMIZER_PREFIX = "optimizer/";

    private Checkpoints() {
    }

    /** Writes every parameter of {@code module} to {@code path} (atomically, via a temporary file). */
    public static void save(Module module, Path path) throws IOException {
        save(module, path, Map.of());
    }

    /**
     * Writes every parameter of {@code module} to {@code path}, with free-form string metadata
     * in the header (e.g. the architecture, the test accuracy); parent directories are created.
     */
    public static void save(Module module, Path path, Map<String, String> metadata) throws IOException {
        List<NamedArray> arrays = new ArrayList<>();
        for (Map.Entry<String, Tensor> entry : module.stateDict().entrySet()) {
            arrays.add(new NamedArray(entry.getKey(), entry.getValue().shape(), entry.getValue().toArray()));
        }
        Path parent = path.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Map<String, String> tagged = new LinkedHashMap<>();
        tagged.put(FORMAT_KEY, FORMAT);
        tagged.putAll(metadata);
        SafeTensors.write(path, arrays, tagged);
    }

    /**
     * Replaces {@code module}'s parameters by those stored in {@code path}.
     *
     * @throws SafeTensorsFormatException when the file is not valid safetensors
     * @throws IllegalArgumentException when names or shapes do not match the module; nothing is
     *     loaded then
     */
    public static void load(Module module, Path path) throws IOException {
        SafeTensorsFile file = SafeTensors.read(path);
        Map<String, Tensor> state = new LinkedHashMap<>();
        for (NamedArray array : file.arrays()) {
            state.put(array.name(), Tensor.of(array.data(), array.shape()));
        }
        try {
            module.loadStateDict(state);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(path + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes {@code module}'s state (under its own names) and {@code optimizer}'s state (its
     * {@link Optimizer#stateDict()} under {@link #OPTIMIZER_PREFIX}) to one file, so that
     * training resumed with {@link #load(Module, Optimizer, Path)} takes the same steps as if it
     * had not stopped.
     */
    public static void save(Module module, Optimizer optimizer, Path path) throws IOException {
        Map<String, Tensor> tensors = new LinkedHashMap<>(module.stateDict());
        optimizer.stateDict().forEach((name, t) -> tensors.put(OPTIMIZER_PREFIX + name, t));
        writeTensors(path, tensors, Map.of());
    }

    /**
     * Replaces {@code module}'s and {@code optimizer}'s state by those saved with {@link
     * #save(Module, Optimizer, Path)}. Both are checked before either changes.
     *
     * @throws IllegalArgumentException when the names or shapes do not fit; nothing is loaded then
     */
    public static void load(Module module, Optimizer optimizer, Path path) throws IOException {
        Map<String, Tensor> modelState = new LinkedHashMap<>();
        Map<String, Tensor> optimizerState = new LinkedHashMap<>();
        readTensors(path).forEach((name, t) -> {
            if (name.startsWith(OPTIMIZER_PREFIX)) {
                optimizerState.put(name.substring(OPTIMIZER_PREFIX.length()), t);
            } else {
                modelState.put(name, t);
            }
        });
        List<String> problems = optimizer.checkState(optimizerState);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(path + ": optimizer state: nothing was loaded; " + String.join("; ", problems));
        }
        try {
            module.loadStateDict(modelState);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(path + ": " + e.getMessage(), e);
        }
        optimizer.loadStateDict(optimizerState);
    }

    /**
     * Writes named tensors, in the map's order, to a chainrule safetensors file (atomically),
     * with the given metadata; parent directories are created.
     */
    public static void writeTensors(Path path, Map<String, Tensor> tensors, Map<String, String> metadata)
            throws IOException {
        List<NamedArray> arrays = new ArrayList<>();
        for (Map.Entry<String, Tensor> entry : tensors.entrySet()) {
            arrays.add(new NamedArray(entry.getKey(), entry.getValue().shape(), entry.getValue().toArray()));
        }
        Path parent = path.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Map<String, String> tagged = new LinkedHashMap<>();
        tagged.put(FORMAT_KEY, FORMAT);
        tagged.putAll(metadata);
        SafeTensors.write(path, arrays, tagged);
    }

    /**
     * Every tensor of a safetensors file by name, in the file's order.
     *
     * @throws SafeTensorsFormatException when the file is not valid safetensors
     */
    public static Map<String, Tensor> readTensors(Path path) throws IOException {
        Map<String, Tensor> state = new LinkedHashMap<>();
        for (NamedArray array : SafeTensors.read(path).arrays()) {
            state.put(array.name(), Tensor.of(array.data(), array.shape()));
        }
        return state;
    }
}
