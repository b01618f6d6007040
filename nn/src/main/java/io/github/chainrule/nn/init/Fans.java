package io.github.chainrule.nn.init;

import java.util.Arrays;

/**
 * Fan-in and fan-out of a parameter shape, as PyTorch's {@code _calculate_fan_in_and_fan_out}:
 * for a weight (out, in, …) fan-in = in·receptive field and fan-out = out·receptive field; a 1-d
 * shape (n) has fan-in = fan-out = n.
 *
 * @param in the fan-in
 * @param out the fan-out
 */
public record Fans(int in, int out) {
    /**
     * The fans of {@code shape}.
     *
     * @throws IllegalArgumentException for a 0-d shape
     */
    public static Fans of(int... shape) {
        if (shape.length == 0) {
            throw new IllegalArgumentException("Fans.of: a 0-d shape has no fan-in or fan-out");
        }
        if (shape.length == 1) {
            return new Fans(shape[0], shape[0]);
        }
        int receptive = 1;
        for (int i = 2; i < shape.length; i++) {
            receptive *= shape[i];
        }
        if (shape[0] <= 0 || shape[1] <= 0) {
            throw new IllegalArgumentException("Fans.of: shape " + Arrays.toString(shape) + " has an empty axis");
        }
        return new Fans(shape[1] * receptive, shape[0] * receptive);
    }
}
