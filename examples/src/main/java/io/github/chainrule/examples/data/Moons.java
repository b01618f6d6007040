package io.github.chainrule.examples.data;

import java.util.Random;

/**
 * The "two moons" toy set of micrograd's demo: two interleaved half circles in the plane,
 * generated like scikit-learn's {@code make_moons} so results are comparable.
 *
 * <p>Class 0 is the upper arc {@code (cos t, sin t)}, class 1 the lower arc
 * {@code (1 - cos t, 0.5 - sin t)}, {@code t} evenly spaced in [0, pi], then Gaussian noise is
 * added to both coordinates and the samples are shuffled. micrograd trains on labels -1/+1;
 * map with {@code 2 * label - 1}.
 */
public final class Moons {

    private Moons() {
    }

    /**
     * Generates the data set; the same arguments always give the same samples.
     *
     * @param samples total number of points, at least 2 (the upper arc gets the odd one)
     * @param noise   standard deviation of the Gaussian noise, at least 0 (micrograd uses 0.1)
     * @param seed    seed of the noise and the shuffle
     * @return {@code samples} rows of 2 features, 2 classes
     */
    public static LabelledData generate(int samples, double noise, long seed) {
        if (samples < 2) {
            throw new IllegalArgumentException("need at least 2 samples: " + samples);
        }
        if (!(noise >= 0)) {
            throw new IllegalArgumentException("noise must be >= 0: " + noise);
        }
        Random random = new Random(seed);
        int upper = (samples + 1) / 2;
        int lower = samples - upper;
        double[] points = new double[samples * 2];
        int[] labels = new int[samples];
        for (int i = 0; i < samples; i++) {
            boolean isUpper = i < upper;
            int k = isUpper ? i : i - upper;
            int n = isUpper ? upper : lower;
            double t = n == 1 ? 0 : Math.PI * k / (n - 1);
            points[2 * i] = isUpper ? Math.cos(t) : 1 - Math.cos(t);
            points[2 * i + 1] = isUpper ? Math.sin(t) : 0.5 - Math.sin(t);
            labels[i] = isUpper ? 0 : 1;
        }
        for (int i = 0; i < points.length; i++) {
            points[i] += noise * random.nextGaussian();
        }
        int[] order = LabelledData.permutation(samples, random);
        return LabelledData.wrap(points, labels, 2, 2).subset(order);
    }
}
