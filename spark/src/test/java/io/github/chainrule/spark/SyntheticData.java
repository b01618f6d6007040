package io.github.chainrule.spark;

import io.github.chainrule.nn.data.Dataset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Small seeded classification data for exact comparisons. */
final class SyntheticData {
    static final int FEATURES = 5;
    static final int CLASSES = 3;

    private SyntheticData() {
    }

    static Dataset dataset(int n, long seed) {
        Random r = new Random(seed);
        double[][] x = new double[n][FEATURES];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = r.nextInt(CLASSES);
            for (int j = 0; j < FEATURES; j++) {
                x[i][j] = r.nextGaussian() + (j % CLASSES == y[i] ? 1.5 : 0);
            }
        }
        return Dataset.of(x, y);
    }

    /** The rows as samples with ids 0…n−1, in order. */
    static List<Sample> samples(Dataset data) {
        return new ArrayList<>(DigitsData.samples(data));
    }
}
