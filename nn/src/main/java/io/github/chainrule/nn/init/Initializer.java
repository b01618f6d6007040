package io.github.chainrule.nn.init;

import io.github.chainrule.autodiff.Tensor;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * Draws the initial values of a parameter of a given shape. Reproducible: the same generator
 * state gives the same values. Factories are in {@link Initializers}.
 */
@FunctionalInterface
public interface Initializer {
    /**
     * A tensor of {@code shape} drawn from {@code rng}.
     *
     * @param rng the source of randomness (e.g. a seeded {@code Well19937c})
     * @param shape the parameter's shape; for a weight (out, in), fan-in is in and fan-out is out
     * @return a fresh tensor (not requiring grad)
     */
    Tensor initialize(RandomGenerator rng, int... shape);
}
