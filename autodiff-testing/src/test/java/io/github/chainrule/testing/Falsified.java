package io.github.chainrule.testing;

import java.util.List;
import org.quicktheories.api.AsString;
import org.quicktheories.core.Reporter;

/**
 * A QuickTheories reporter that keeps the smallest falsifying value instead of throwing, so a
 * test can inspect what shrinking produced.
 */
final class Falsified<T> implements Reporter {
    private T smallest;
    private Throwable cause;
    private int examples;

    /** The smallest falsifying value found, or null when the property held. */
    T smallest() {
        return smallest;
    }

    /** Why the smallest value failed. */
    Throwable cause() {
        return cause;
    }

    /** How many examples were tried before the first failure. */
    int examples() {
        return examples;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void falisification(long seed, int examplesUsed, Object smallest, Throwable cause, List<Object> others,
                               AsString<Object> toString) {
        this.smallest = (T) smallest;
        this.cause = cause;
        this.examples = examplesUsed;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void falisification(long seed, int examplesUsed, Object smallest, List<Object> others,
                               AsString<Object> toString) {
        this.smallest = (T) smallest;
        this.examples = examplesUsed;
    }

    @Override
    public void valuesExhausted(int found) {
        throw new IllegalStateException("QuickTheories gave up after " + found + " examples");
    }
}
