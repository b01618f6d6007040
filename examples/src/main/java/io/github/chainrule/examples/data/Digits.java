package io.github.chainrule.examples.data;

import io.github.chainrule.nn.data.Dataset;

/**
 * The 8x8 handwritten digits bundled with nn ({@link io.github.chainrule.nn.data.Digits}), as
 * {@link LabelledData} for the examples' splitting, batching and charts: 1,797 samples, 64
 * features in 0..16, labels 0..9.
 */
public final class Digits {
    /** Samples in the data set. */
    public static final int ROWS = io.github.chainrule.nn.data.Digits.ROWS;
    /** Side of the square image, in cells. */
    public static final int SIDE = io.github.chainrule.nn.data.Digits.SIDE;
    /** Features per sample, {@code SIDE * SIDE}. */
    public static final int FEATURES = io.github.chainrule.nn.data.Digits.FEATURES;
    /** Number of classes, the digits 0..9. */
    public static final int CLASSES = io.github.chainrule.nn.data.Digits.CLASSES;
    /** Largest feature value: a 4x4 block has at most 16 pixels on. */
    public static final int MAX_VALUE = io.github.chainrule.nn.data.Digits.MAX_VALUE;

    private Digits() {
    }

    /** Reads the bundled data set (unscaled features); each call parses it afresh. */
    public static LabelledData load() {
        Dataset digits = io.github.chainrule.nn.data.Digits.load();
        return LabelledData.of(digits.features().toArray(), digits.labels(), FEATURES, CLASSES);
    }
}
