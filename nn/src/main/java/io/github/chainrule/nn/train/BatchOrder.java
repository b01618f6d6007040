package io.github.chainrule.nn.train;

import java.util.List;

/**
 * Which samples make up each mini-batch of an epoch, for a {@link Trainer} that should follow
 * an order other than its own seeded shuffle, e.g. the batch composition of a distributed
 * trainer, so that one machine reproduces a distributed run step for step.
 */
@FunctionalInterface
public interface BatchOrder {
    /**
     * The batches of epoch {@code epoch} (counted from 1) over a dataset of {@code n} samples,
     * each batch a non-empty array of sample indices in 0…n−1.
     *
     * @throws IllegalArgumentException when the order does not fit a dataset of n samples
     */
    List<int[]> batches(int epoch, int n);
}
