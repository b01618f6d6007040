package io.github.chainrule.examples.classify;

import io.github.chainrule.autodiff.Tensor;
import io.github.chainrule.nn.Module;
import io.github.chainrule.nn.io.NamedArray;
import io.github.chainrule.nn.io.SafeTensors;
import io.github.chainrule.nn.io.Checkpoints;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Saves a model's weights as a safetensors file as nn's {@link Checkpoints#save} does (the
 * module's {@link Module#stateDict()} under its own names, F64, tagged as a chainrule
 * checkpoint), plus free-form metadata such as the test accuracy and the input
 * standardisation. {@link Checkpoints#load} reads it back; Python's
 * {@code safetensors.numpy.load_file} reads it too.
 */
public final class ModelFile {

    private ModelFile() {
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
        Map<String, String> tagged = new LinkedHashMap<>();
        tagged.put(Checkpoints.FORMAT_KEY, Checkpoints.FORMAT);
        tagged.putAll(metadata);
        SafeTensors.write(file, arrays, tagged);
        return file;
    }
}
