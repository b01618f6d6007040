package io.github.chainrule.examples.data;

import java.util.Objects;

/**
 * A training part and a held-out test part of one data set.
 *
 * @param train the samples to fit on
 * @param test  the samples to measure on
 */
public record TrainTest(LabelledData train, LabelledData test) {

    /**
     * Checks that both parts exist and describe the same kind of sample.
     *
     * @param train the samples to fit on
     * @param test  the samples to measure on
     */
    public TrainTest {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(test, "test");
        if (train.columns() != test.columns() || train.classes() != test.classes()) {
            throw new IllegalArgumentException("train " + train + " and test " + test + " do not match");
        }
    }
}
