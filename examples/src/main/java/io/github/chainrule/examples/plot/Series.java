package io.github.chainrule.examples.plot;

import java.util.Objects;

/**
 * A named sequence of per-epoch values, epoch {@code i + 1} at index {@code i}. {@code NaN}
 * marks an epoch where the value was not measured (for example a test accuracy computed every
 * fifth epoch); such points are left out of the line.
 *
 * @param name   legend label
 * @param values one value per epoch
 */
public record Series(String name, double[] values) {

    /**
     * Copies the values, so a series cannot change after it is made.
     *
     * @param name   legend label
     * @param values one value per epoch
     */
    public Series {
        Objects.requireNonNull(name, "name");
        values = values.clone();
    }

    /** @return a copy of the values */
    @Override
    public double[] values() {
        return values.clone();
    }
}
