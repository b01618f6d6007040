package io.github.chainrule.spark;

import io.github.chainrule.nn.data.Dataset;
import io.github.chainrule.nn.data.Digits;
import io.github.chainrule.nn.data.Split;
import io.github.chainrule.nn.data.Standardizer;
import java.util.ArrayList;
import java.util.List;

/**
 * The UCI handwritten digits bundled with nn ({@link Digits}: 1,797 samples of 8×8 images,
 * 64 features in 0…16, labels 0…9), prepared for the Spark digits job and its tests.
 */
public final class DigitsData {
    /** Samples in the data set. */
    public static final int ROWS = Digits.ROWS;
    /** Features per sample. */
    public static final int FEATURES = Digits.FEATURES;
    /** The digits 0…9. */
    public static final int CLASSES = Digits.CLASSES;

    private DigitsData() {
    }

    /** All samples as a dataset, features scaled to [0, 1]. */
    public static Dataset load() {
        Dataset digits = Digits.load();
        return digits.withFeatures(digits.features().div(Digits.MAX_VALUE));
    }

    /**
     * The seeded 80/20 split (seed 7) with features standardised by the training set's mean
     * and standard deviation, as the digits job and its test use it.
     */
    public static Split standardisedSplit() {
        Split raw = load().split(0.2, 7);
        Standardizer s = Standardizer.fit(raw.train());
        return new Split(s.transform(raw.train()), s.transform(raw.test()));
    }

    /** The rows of {@code data} as samples with global indices 0…n−1 (labels required). */
    public static List<Sample> samples(Dataset data) {
        double[][] x = data.features().toRows();
        int[] y = data.labels();
        List<Sample> out = new ArrayList<>(x.length);
        for (int i = 0; i < x.length; i++) {
            out.add(Sample.labelled(i, x[i], y[i]));
        }
        return out;
    }
}
