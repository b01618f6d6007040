package io.github.chainrule.safetensors;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The contents of a safetensors file: its arrays and its free-form string metadata.
 *
 * <p>Arrays are listed in the order their bytes appear in the file's data buffer, which for
 * files written by {@link SafeTensors#write} is the order they were given in. Names are
 * unique. Both collections are unmodifiable.
 */
public final class SafeTensorsFile {

    private final List<NamedArray> arrays;
    private final Map<String, NamedArray> byName;
    private final Map<String, String> metadata;

    /**
     * Bundles arrays and metadata, copying both collections.
     *
     * @param arrays the arrays, with unique names
     * @param metadata string metadata (the header's {@code __metadata__}); may be empty
     * @throws IllegalArgumentException if two arrays share a name
     * @throws NullPointerException if an argument, element, key or value is null
     */
    public SafeTensorsFile(List<NamedArray> arrays, Map<String, String> metadata) {
        List<NamedArray> list = new ArrayList<>(arrays.size());
        Map<String, NamedArray> index = new LinkedHashMap<>();
        for (NamedArray array : arrays) {
            Objects.requireNonNull(array, "array");
            if (index.putIfAbsent(array.name(), array) != null) {
                throw new IllegalArgumentException("duplicate array name '" + array.name() + "'");
            }
            list.add(array);
        }
        Map<String, String> meta = new LinkedHashMap<>();
        metadata.forEach((k, v) -> meta.put(Objects.requireNonNull(k, "metadata key"),
                Objects.requireNonNull(v, () -> "metadata value for '" + k + "'")));
        this.arrays = Collections.unmodifiableList(list);
        this.byName = Collections.unmodifiableMap(index);
        this.metadata = Collections.unmodifiableMap(meta);
    }

    /** @return the arrays in file order; unmodifiable */
    public List<NamedArray> arrays() {
        return arrays;
    }

    /** @return the arrays keyed by name, iterating in file order; unmodifiable */
    public Map<String, NamedArray> byName() {
        return byName;
    }

    /**
     * Looks an array up by name.
     *
     * @param name the tensor name
     * @return the array, or empty if the file has none of that name
     */
    public Optional<NamedArray> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** @return the {@code __metadata__} entries in header order; empty if the file has none */
    public Map<String, String> metadata() {
        return metadata;
    }

    /** Equal when the arrays (in order) and the metadata are equal. */
    @Override
    public boolean equals(Object o) {
        return o instanceof SafeTensorsFile other
                && arrays.equals(other.arrays) && metadata.equals(other.metadata);
    }

    /** Consistent with {@link #equals(Object)}. */
    @Override
    public int hashCode() {
        return Objects.hash(arrays, metadata);
    }

    /** Lists the arrays by name and shape, and the metadata. */
    @Override
    public String toString() {
        return "SafeTensorsFile" + arrays + " metadata=" + metadata;
    }
}
