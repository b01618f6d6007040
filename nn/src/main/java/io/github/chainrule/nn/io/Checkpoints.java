package io.github.chainrule.nn.io;

import io.github.chainrule.autodiff.Tensor;
import io.github.chainrule.nn.Module;
import io.github.chainrule.nn.optim.Optimizer;

import io.github.chainrule.safetensors.NamedArray;
import io.github.chainrule.safetensors.SafeTensors;
import io.github.chainrule.safetensors.SafeTensorsFile;
import io.github.chainrule.safetensors.SafeTensorsFormatException;
import io.github.chainrule.safetensors.UntrustedText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Saves and loads a module's parameters as a safetensors file: a JSON header plus
 * little-endian F64 data, keyed by the module's parameter names ({@code "layers.0.weight"}),
 * so the weights open in PyTorch's or NumPy's safetensors readers. This class is the bridge
 * between modules and the tensor-free codec of {@code io.github.chainrule.safetensors}.
 *
 * <p>Tensors that belong with the model but are not its parameters, such as the mean and
 * standard deviation of a standardiser, are saved beside them as <em>extras</em> under their
 * own names, in F64 like the weights, and read back by name.
 *
 * <p>Loading is all or nothing: the file is read and checked completely (format, offsets,
 * dtypes, duplicate names — see {@link SafeTensors#read(Path)}), then every name and shape is
 * checked against the module; only then are values copied. A refused file leaves the module
 * exactly as it was. Names read from the file appear in messages escaped and shortened
 * ({@link UntrustedText#quote(String)}), and at most {@value #NAMES_SHOWN} of them.
 */
public final class Checkpoints {
    /** Metadata key naming the writer, so a reader can tell a chainrule checkpoint. */
    public static final String FORMAT_KEY = "format";
    /** Metadata value of {@link #FORMAT_KEY}. */
    public static final String FORMAT = "chainrule";
    /** The prefix of the optimiser's state in a checkpoint that holds it: {@code "optimizer/lr"}. */
    public static final String OPTIMIZER_PREFIX = "optimizer/";

    /** How many of a file's unexpected names a refusal lists. */
    public static final int NAMES_SHOWN = 5;

    private Checkpoints() {
    }

    /**
     * Writes every parameter of {@code module} to {@code path} (atomically, via a temporary file).
     *
     * @param module the module whose {@link Module#stateDict()} is written
     * @param path the destination; parent directories are created
     * @throws IOException if the file cannot be written
     */
    public static void save(Module module, Path path) throws IOException {
        save(module, path, Map.of(), Map.of());
    }

    /**
     * Writes every parameter of {@code module} to {@code path}, with free-form string metadata
     * in the header (e.g. the architecture, the test accuracy); parent directories are created.
     *
     * @param module the module whose {@link Module#stateDict()} is written
     * @param path the destination
     * @param metadata strings for the header's {@code __metadata__}
     * @throws IOException if the file cannot be written
     */
    public static void save(Module module, Path path, Map<String, String> metadata) throws IOException {
        save(module, path, metadata, Map.of());
    }

    /**
     * Writes every parameter of {@code module} and the {@code extras} to {@code path}, with
     * string metadata; the extras follow the parameters in the file, under their own names.
     *
     * @param module the module whose {@link Module#stateDict()} is written
     * @param path the destination; parent directories are created
     * @param metadata strings for the header's {@code __metadata__}
     * @param extras tensors stored beside the parameters, e.g. preprocessing statistics
     * @throws IOException if the file cannot be written
     * @throws IllegalArgumentException if an extra has the name of a parameter
     */
    public static void save(Module module, Path path, Map<String, String> metadata,
            Map<String, Tensor> extras) throws IOException {
        Map<String, Tensor> tensors = new LinkedHashMap<>(module.stateDict());
        for (Map.Entry<String, Tensor> entry : extras.entrySet()) {
            if (tensors.containsKey(entry.getKey())) {
                throw new IllegalArgumentException("Checkpoints.save: extra '" + entry.getKey()
                        + "' has the name of a parameter of " + module.getClass().getSimpleName());
            }
            tensors.put(entry.getKey(), entry.getValue());
        }
        writeTensors(path, tensors, metadata);
    }

    /**
     * Replaces {@code module}'s parameters by those stored in {@code path}; the file must hold
     * exactly the module's parameters.
     *
     * @param module the module to load into
     * @param path a file written by {@link #save(Module, Path)} or any safetensors writer
     * @throws SafeTensorsFormatException when the file is not valid safetensors
     * @throws IllegalArgumentException when names or shapes do not match the module; nothing is
     *     loaded then
     * @throws IOException if the file cannot be read
     */
    public static void load(Module module, Path path) throws IOException {
        load(module, path, Set.of());
    }

    /**
     * Replaces {@code module}'s parameters by those stored in {@code path} and returns the
     * named extras stored beside them.
     *
     * @param module the module to load into
     * @param path a file written by {@link #save(Module, Path, Map, Map)}
     * @param extras the names of the extras the file must hold besides the parameters
     * @return the extras by name, in {@code extras}' iteration order
     * @throws SafeTensorsFormatException when the file is not valid safetensors
     * @throws IllegalArgumentException when the file lacks an extra, holds a tensor that is
     *     neither a parameter nor a named extra, or names or shapes do not match the module;
     *     nothing is loaded then
     * @throws IOException if the file cannot be read
     */
    public static Map<String, Tensor> load(Module module, Path path, Set<String> extras) throws IOException {
        SafeTensorsFile file = SafeTensors.read(path);
        Set<String> parameters = module.stateDict().keySet();
        List<String> unexpected = new ArrayList<>();
        for (NamedArray array : file.arrays()) {
            if (!parameters.contains(array.name()) && !extras.contains(array.name())) {
                unexpected.add(array.name());
            }
        }
        List<String> missingExtras = new ArrayList<>();
        for (String name : extras) {
            if (file.find(name).isEmpty()) {
                missingExtras.add(name);
            }
        }
        if (!unexpected.isEmpty() || !missingExtras.isEmpty()) {
            throw new IllegalArgumentException(path + ": nothing was loaded into "
                    + module.getClass().getSimpleName() + "; "
                    + (unexpected.isEmpty() ? "" : "the file holds " + unexpected.size()
                            + " tensor(s) the model has no parameter for: " + quoted(unexpected))
                    + (unexpected.isEmpty() || missingExtras.isEmpty() ? "" : "; ")
                    + (missingExtras.isEmpty() ? "" : "the file lacks " + quoted(missingExtras)));
        }
        Map<String, Tensor> state = new LinkedHashMap<>();
        for (String name : parameters) {
            file.find(name).ifPresent(array -> state.put(name, Tensor.of(array.data(), array.shape())));
        }
        try {
            // Every name now is one of the module's own, so its messages quote nothing from the file.
            module.loadStateDict(state);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(path + ": " + e.getMessage(), e);
        }
        Map<String, Tensor> found = new LinkedHashMap<>();
        for (String name : extras) {
            NamedArray array = file.find(name).orElseThrow();
            found.put(name, Tensor.of(array.data(), array.shape()));
        }
        return found;
    }

    /** The first {@value #NAMES_SHOWN} names, escaped and shortened, and how many more. */
    private static String quoted(List<String> names) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < Math.min(names.size(), NAMES_SHOWN); i++) {
            out.append(i == 0 ? "" : ", ").append(UntrustedText.quote(names.get(i)));
        }
        if (names.size() > NAMES_SHOWN) {
            out.append(" and ").append(names.size() - NAMES_SHOWN).append(" more");
        }
        return out.toString();
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
        // Names come from the file: every refusal quotes them escaped and shortened.
        List<String> unexpected = new ArrayList<>(modelState.keySet());
        unexpected.removeAll(module.stateDict().keySet());
        if (!unexpected.isEmpty()) {
            throw new IllegalArgumentException(path + ": nothing was loaded into " + module.getClass().getSimpleName()
                    + "; the file holds " + unexpected.size() + " tensor(s) the model has no parameter for: "
                    + quoted(unexpected));
        }
        List<String> problems = optimizer.checkState(optimizerState);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(path + ": optimizer state: nothing was loaded; " + quoted(problems));
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
