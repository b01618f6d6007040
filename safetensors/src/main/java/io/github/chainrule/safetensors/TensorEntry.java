package io.github.chainrule.safetensors;

/**
 * One validated header entry: where a tensor's bytes lie in the data buffer and how to
 * interpret them. Offsets are relative to the start of the data buffer, as in the spec.
 */
final class TensorEntry {

    final String name;
    final DType dtype;
    final int[] shape;
    /** Element count; fits an int because {@link HeaderValidator} refuses larger tensors. */
    final int count;
    final long begin;
    final long end;
    /** Position in the JSON header, to keep header order among tensors at the same offset. */
    final int headerIndex;

    TensorEntry(String name, DType dtype, int[] shape, int count, long begin, long end,
            int headerIndex) {
        this.name = name;
        this.dtype = dtype;
        this.shape = shape;
        this.count = count;
        this.begin = begin;
        this.end = end;
        this.headerIndex = headerIndex;
    }
}
