package io.github.chainrule.safetensors;

import java.util.List;
import java.util.Map;

/**
 * A validated safetensors header: tensor entries sorted by data offset, which the validator
 * has proved tile the data buffer exactly, and the string metadata.
 */
final class Header {

    final List<TensorEntry> entries;
    final Map<String, String> metadata;

    Header(List<TensorEntry> entries, Map<String, String> metadata) {
        this.entries = entries;
        this.metadata = metadata;
    }
}
