package io.github.chainrule.nn.data;

import io.github.chainrule.autodiff.Grad;
import io.github.chainrule.autodiff.Tensor;
import io.github.chainrule.nn.layers.Standardize;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Per-feature standardisation x' = (x − μ) / s, with μ and s the mean and (population)
 * standard deviation of each column of the <em>training</em> features. Fit on the training
 * set only and apply to both, so that no statistic leaks from the test set. A constant column
 * (s = 0) is only centred (s is taken as 1).
 */
public final class Standardizer {
    /** Name of the mean vector μ in {@link #tensors()}. */
    public static final String MEAN = "standardizer.mean";
    /** Name of the standard-deviation vector s in {@link #tensors()}. */
    public static final String STD = "standardizer.std";

    private final double[] mean;
    private final double[] std;

    private Standardizer(double[] mean, double[] std) {
        this.mean = mean;
        this.std = std;
    }

    /** Fits μ and s to the columns of {@code features} (n, d). */
    public static Standardizer fit(Tensor features) {
        if (features.rank() != 2 || features.dim(0) == 0) {
            throw new IllegalArgumentException("Standardizer.fit: need features (n, d) with n >= 1, got shape "
                    + Arrays.toString(features.shape()));
        }
        int n = features.dim(0);
        int d = features.dim(1);
        double[] x = features.toArray();
        double[] mean = new double[d];
        double[] std = new double[d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                mean[j] += x[i * d + j];
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= n;
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                double c = x[i * d + j] - mean[j];
                std[j] += c * c;
            }
        }
        for (int j = 0; j < d; j++) {
            std[j] = Math.sqrt(std[j] / n);
            if (std[j] == 0) {
                std[j] = 1; // a constant column carries no scale to remove
            }
        }
        return new Standardizer(mean, std);
    }

    /** Fits to a dataset's features. */
    public static Standardizer fit(Dataset train) {
        return fit(train.features());
    }

    /** (x − μ) / s for features (n, d) with the fitted d. */
    public Tensor transform(Tensor features) {
        if (features.rank() != 2 || features.dim(1) != mean.length) {
            throw new IllegalArgumentException("Standardizer.transform: fitted on " + mean.length
                    + " features, got shape " + Arrays.toString(features.shape()));
        }
        try (Grad.Scope off = Grad.disabled()) {
            return features.sub(Tensor.vector(mean)).div(Tensor.vector(std)).detach();
        }
    }

    /** The dataset with standardised features and the same targets. */
    public Dataset transform(Dataset data) {
        return data.withFeatures(transform(data.features()));
    }

    /**
     * This standardisation as a model's first layer, whose μ and s are saved and loaded with the
     * model's weights (see {@link Standardize}).
     */
    public Standardize asLayer() {
        return new Standardize(mean, std);
    }

    /** The fitted means μ (a copy). */
    public double[] mean() {
        return mean.clone();
    }

    /** The fitted standard deviations s (a copy; 1 for constant columns). */
    public double[] std() {
        return std.clone();
    }

    /**
     * μ and s as F64 vectors named {@value #MEAN} and {@value #STD}, e.g. to save beside a
     * model's weights ({@code Checkpoints.save(model, path, metadata, standardizer.tensors())}),
     * where a Python reader finds them as plain arrays.
     *
     * @return the two vectors of length d, in that order
     */
    public Map<String, Tensor> tensors() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        out.put(MEAN, Tensor.vector(mean));
        out.put(STD, Tensor.vector(std));
        return out;
    }

    /**
     * The standardiser whose {@link #tensors()} are {@code tensors}.
     *
     * @param tensors vectors of equal length under {@value #MEAN} and {@value #STD}
     * @return a standardiser applying them
     * @throws IllegalArgumentException if either is missing or not a vector, the lengths
     *     differ, or a value is not finite or a deviation not positive
     */
    public static Standardizer fromTensors(Map<String, Tensor> tensors) {
        Tensor m = tensors.get(MEAN);
        Tensor s = tensors.get(STD);
        if (m == null || s == null || m.rank() != 1 || s.rank() != 1 || m.dim(0) != s.dim(0)) {
            throw new IllegalArgumentException("Standardizer.fromTensors: need vectors '" + MEAN + "' and '" + STD
                    + "' of equal length, got " + (m == null ? "none" : Arrays.toString(m.shape())) + " and "
                    + (s == null ? "none" : Arrays.toString(s.shape())));
        }
        double[] mean = m.toArray();
        double[] std = s.toArray();
        for (int j = 0; j < mean.length; j++) {
            if (!Double.isFinite(mean[j]) || !Double.isFinite(std[j]) || !(std[j] > 0)) {
                throw new IllegalArgumentException("Standardizer.fromTensors: feature " + j + " has mean " + mean[j]
                        + " and std " + std[j] + " (need finite values and std > 0)");
            }
        }
        return new Standardizer(mean, std);
    }
}
