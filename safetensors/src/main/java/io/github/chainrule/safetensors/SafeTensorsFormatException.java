package io.github.chainrule.safetensors;

import java.io.IOException;

/**
 * A safetensors file that is malformed, truncated, or uses a feature this reader does not
 * support.
 *
 * <p>This is the only exception {@link SafeTensors#read} throws for bad <em>content</em>; plain
 * {@link IOException}s still signal that the file could not be read at all. The message names
 * the problem, and the tensor and values at fault when there is one, so that a user can tell a
 * corrupt download from a file written in an unsupported dtype.
 */
public final class SafeTensorsFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception with a message that says what is wrong and where.
     *
     * @param message the problem, naming the tensor and the offending values where possible
     */
    public SafeTensorsFormatException(String message) {
        super(message);
    }

    /**
     * Creates an exception that keeps the low-level cause (e.g. a charset error) for debugging.
     *
     * @param message the problem, naming the tensor and the offending values where possible
     * @param cause the exception that revealed the problem
     */
    public SafeTensorsFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
