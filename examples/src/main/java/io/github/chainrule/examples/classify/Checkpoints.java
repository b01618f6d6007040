package io.github.chainrule.examples.classify;

import io.github.chainrule.autodiff.Tensor;
import io.github.chainrule.nn.Module;
import io.github.chainrule.nn.io.NamedArray;
import io.github.chainrule.nn.io.SafeTensors;
import io.github.chainrule.nn.io.SafeTensorsFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Saves and loads a model's weights as a safetensors file: the module's {@link
 * Module#stateDict()} under its own names ({@code layers.0.weight}, …), F64, readable by
 * Python's {@code safetensors.numpy.load_file} or {@code safetensors.torch.load_file}.
 */
public final class Checkpoints {

    private Checkpoints() {
    }

    /**
     * Writes every parameter of {@code model} to {@code file}, with string metadata.
     *
     * @param model    the model
     * @param file     the destination; parent directories are created
     * @param metadata free-form notes stored in the header, e.g. the architecture
     * @return {@code file}
     * @throws IOException if the file cannot be written
     */
    public static Path save(Module model, Path file, Map<String, String> metadata) throws IOException {
        List<NamedArray> arrays = new ArrayList<>();
        for (Map.Entry<String, Tensor> e : model.stateDict().entrySet()) {
            arrays.add(new NamedArray(e.getKey(), e.getValue().shape(), e.getValue().toArray()));
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        SafeTensors.write(file, arrays, metadata);
        return file;
    }

    /**
     * Reads a file written by {@link #save} into {@code model}; names and shapes must match.
     *
     * @param model the model to fill
     * @param file  the safetensors file
     * @return the file's metadata
     * @throws IOException if the file cannot be read or is malformed
     * @throws IllegalArgumentException if names or shapes do not match the model
     */
    public static Map<String, String> load(Module model, Path file) throws IOException {
        SafeTensorsFile contents = SafeTensors.read(file);
        Map<String, Tensor> state = new LinkedHashMap<>();
        for (NamedArray a : contents.arrays()) {
            state.put(a.name(), Tensor.of(a.data(), a.shape()));
        }
        model.loadStateDict(state);
        return contents.metadata();
    }
}
