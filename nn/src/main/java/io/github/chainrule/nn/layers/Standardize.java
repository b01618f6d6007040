package io.github.chainrule.nn.layers;

import io.github.chainrule.autodiff.Tensor;
import io.github.chainrule.nn.Buffer;
import io.github.chainrule.nn.Module;
import java.util.Arrays;

/**
 * Per-feature standardisation as the first layer of a model, y = (x − μ) / s, with μ and s
 * held as {@linkplain Buffer buffers} ({@code "mean"}, {@code "std"}): saved and loaded with
 * the model's weights, never trained. Put it in front of a network so that the statistics fitted
 * on the training set travel with the model:
 * <pre>{@code
 * Standardizer st = Standardizer.fit(train);
 * Module model = Sequential.of(st.asLayer(), MLP.of(d, 32, k).build(1));   // raw features in
 * Checkpoints.save(model, path);                                            // μ and s saved too
 * }</pre>
 */
public final class Standardize extends Module {
    private final int features;
    private final Buffer mean;
    private final Buffer std;

    /** A layer for {@code features} values with μ = 0 and s = 1, to be loaded from a checkpoint. */
    public Standardize(int features) {
        this(new double[checkFeatures(features)], filled(features, 1));
    }

    /**
     * A layer with the given means and (positive) standard deviations.
     *
     * @throws IllegalArgumentException when the lengths differ or a deviation is not finite and positive
     */
    public Standardize(double[] mean, double[] std) {
        if (mean.length != std.length || mean.length == 0) {
            throw new IllegalArgumentException("Standardize: " + mean.length + " means and " + std.length
                    + " standard deviations");
        }
        for (int j = 0; j < std.length; j++) {
            if (!(std[j] > 0) || !Double.isFinite(std[j]) || !Double.isFinite(mean[j])) {
                throw new IllegalArgumentException("Standardize: feature " + j + " has mean " + mean[j]
                        + " and standard deviation " + std[j] + "; need finite values and a deviation > 0");
            }
        }
        this.features = mean.length;
        this.mean = registerBuffer("mean", Buffer.of(Tensor.vector(mean.clone())));
        this.std = registerBuffer("std", Buffer.of(Tensor.vector(std.clone())));
    }

    private static int checkFeatures(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("Standardize: features must be positive, got " + n);
        }
        return n;
    }

    private static double[] filled(int n, double value) {
        double[] a = new double[n];
        Arrays.fill(a, value);
        return a;
    }

    /**
     * (x − μ) / s for x of shape (…, features).
     *
     * @throws IllegalArgumentException when the last axis is not {@code features} long
     */
    @Override
    public Tensor forward(Tensor x) {
        int[] s = x.shape();
        if (s.length == 0 || s[s.length - 1] != features) {
            throw new IllegalArgumentException("Standardize(" + features + "): input of shape " + Arrays.toString(s)
                    + " must end in an axis of " + features);
        }
        return x.sub(mean.value()).div(std.value());
    }

    /** The means μ (a copy). */
    public double[] mean() {
        return mean.value().toArray().clone();
    }

    /** The standard deviations s (a copy). */
    public double[] std() {
        return std.value().toArray().clone();
    }
}
