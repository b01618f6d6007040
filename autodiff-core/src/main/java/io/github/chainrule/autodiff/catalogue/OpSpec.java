package io.github.chainrule.autodiff.catalogue;

import org.apache.commons.math3.random.RandomGenerator;

/**
 * A differentiable operation as data: its name, how many tensor inputs it takes, where its
 * inputs may lie, and how to sample valid inputs and parameters. Tests iterate over these to
 * gradient-check every operation; adding an operation means adding one entry.
 *
 * @param name the Tensor method (or static function) this entry covers
 * @param arity the number of tensor inputs
 * @param domain where the inputs are sampled
 * @param elementwise whether the operation maps equal shapes to equal shapes elementwise
 *     (with broadcasting for two inputs): such operations can be composed freely into random
 *     expression graphs
 * @param sampler draws one instance
 */
public record OpSpec(String name, int arity, Domain domain, boolean elementwise, Sampler sampler) {

    /** Draws one instance of an operation. */
    @FunctionalInterface
    public interface Sampler {
        /** One sampled case, with inputs drawn from {@code rng}. */
        OpCase sample(RandomGenerator rng);
    }

    /** One instance of this operation with inputs and parameters drawn from {@code rng}. */
    public OpCase sample(RandomGenerator rng) {
        return sampler.sample(rng);
    }

    @Override
    public String toString() {
        return name;
    }
}
