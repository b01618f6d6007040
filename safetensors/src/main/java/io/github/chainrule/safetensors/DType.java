package io.github.chainrule.safetensors;

import java.util.Set;

/**
 * The element types this reader converts to {@code double}, with their sizes in the file.
 *
 * <p>F64 is what {@link SafeTensors#write} produces; F32 is accepted on read (widened exactly
 * to double) because most published checkpoints are F32. Other dtypes of the safetensors
 * spec are recognised only to give a clearer "unsupported" error than "unknown".
 */
enum DType {
    /** IEEE 754 binary64, little-endian. */
    F64(8),
    /** IEEE 754 binary32, little-endian; widened to double on read. */
    F32(4);

    /** Dtypes the safetensors spec defines that this reader does not convert. */
    private static final Set<String> KNOWN_UNSUPPORTED = Set.of(
            "BOOL", "U8", "I8", "I16", "U16", "I32", "U32", "I64", "U64", "F16", "BF16",
            "F8_E5M2", "F8_E4M3", "F8_E8M0", "F6_E2M3", "F6_E3M2", "F4", "C64");

    /** Bytes per element in the file. */
    final int byteSize;

    DType(int byteSize) {
        this.byteSize = byteSize;
    }

    /**
     * Looks up a header's dtype string.
     *
     * @param name the dtype as written in the header, e.g. {@code "F64"}
     * @param tensor the tensor it belongs to, for the error message
     * @throws SafeTensorsFormatException if the dtype is unknown or not convertible to double
     */
    static DType of(String name, String tensor) throws SafeTensorsFormatException {
        switch (name) {
            case "F64":
                return F64;
            case "F32":
                return F32;
            default:
                if (KNOWN_UNSUPPORTED.contains(name)) {
                    throw new SafeTensorsFormatException("tensor " + UntrustedText.quote(tensor)
                            + " has unsupported dtype " + UntrustedText.quote(name)
                            + " (this reader accepts F64 and F32)");
                }
                throw new SafeTensorsFormatException("tensor " + UntrustedText.quote(tensor)
                        + " has unknown dtype " + UntrustedText.quote(name)
                        + " (this reader accepts F64 and F32)");
        }
    }
}
