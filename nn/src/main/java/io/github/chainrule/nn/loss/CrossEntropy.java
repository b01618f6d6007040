package io.github.chainrule.nn.loss;

import io.github.chainrule.autodiff.Grad;
import io.github.chainrule.autodiff.Tensor;
import java.util.Arrays;
import java.util.Objects;

/**
 * Cross-entropy from logits, as PyTorch's {@code CrossEntropyLoss}. With log q(x) =
 * logSoftmax(z(x)) (log q_c = z_c − log Σ_j e^(z_j), computed stably: finite for logits of any
 * magnitude), k classes, class weights w (all 1 by default) and label smoothing ε (0 by
 * default), the loss of a sample x with label y is
 * <pre>
 *   ℓ(x) = (1 − ε) · (−w_y log q_y(x)) + (ε/k) · Σ_c (−w_c log q_c(x))
 * </pre>
 * and 0 when y is the ignored index. The {@link Reduction}: {@code NONE} gives the ℓ(x), shape
 * (m); {@code SUM} gives Σ_x ℓ(x); {@code MEAN} (the default) gives Σ_x ℓ(x) / Σ_x w_{y(x)}
 * over the samples not ignored, i.e. the plain mean over those samples when there are no
 * weights. Its gradient with respect to the logits is, for ε = 0 and no weights,
 * (softmax(z) − onehot(y))/m; the graph finds it.
 *
 * <p>Targets: integer class labels (an {@code int[]}, or a tensor of shape (m) holding whole
 * numbers), or a tensor of class probabilities p of the logits' shape, giving
 * ℓ(x) = −Σ_c w_c p'_c(x) log q_c(x) with p' = (1 − ε) p + ε/k, and {@code MEAN} dividing by m.
 *
 * <p>Where it differs from PyTorch: no index is ignored unless {@link #ignoreIndex(int)} says so
 * (PyTorch ignores −100 by default, which silently drops a mislabelled sample), and a
 * {@code MEAN} over a batch whose samples are all ignored (or weigh 0) is refused rather than
 * NaN. The options return new instances: a loss is immutable.
 */
public final class CrossEntropy implements Loss {
    private final Reduction reduction;
    private final double[] weights;
    private final double smoothing;
    private final Integer ignoreIndex;

    /** The loss with mean reduction, no class weights, no smoothing, no ignored index. */
    public CrossEntropy() {
        this(Reduction.MEAN);
    }

    /** The loss with the given reduction. */
    public CrossEntropy(Reduction reduction) {
        this(reduction, null, 0, null);
    }

    private CrossEntropy(Reduction reduction, double[] weights, double smoothing, Integer ignoreIndex) {
        this.reduction = Objects.requireNonNull(reduction, "reduction");
        this.weights = weights;
        this.smoothing = smoothing;
        this.ignoreIndex = ignoreIndex;
    }

    /** This loss with the given reduction. */
    public CrossEntropy reduction(Reduction r) {
        return new CrossEntropy(r, weights, smoothing, ignoreIndex);
    }

    /**
     * This loss with class weights w_c (PyTorch's {@code weight}), one per class.
     *
     * @throws IllegalArgumentException when a weight is negative or not finite, or none is given
     */
    public CrossEntropy weights(double... classWeights) {
        if (classWeights.length == 0) {
            throw new IllegalArgumentException("CrossEntropy: class weights must name at least one class");
        }
        for (int c = 0; c < classWeights.length; c++) {
            if (!(classWeights[c] >= 0) || !Double.isFinite(classWeights[c])) {
                throw new IllegalArgumentException("CrossEntropy: class weight " + c + " must be finite and >= 0, got "
                        + classWeights[c]);
            }
        }
        return new CrossEntropy(reduction, classWeights.clone(), smoothing, ignoreIndex);
    }

    /**
     * This loss with label smoothing ε ∈ [0, 1] (PyTorch's {@code label_smoothing}): the target
     * becomes (1 − ε) onehot(y) + ε/k.
     *
     * @throws IllegalArgumentException when ε is outside [0, 1]
     */
    public CrossEntropy labelSmoothing(double epsilon) {
        if (!(epsilon >= 0 && epsilon <= 1)) {
            throw new IllegalArgumentException("CrossEntropy: label smoothing must be in [0, 1], got " + epsilon);
        }
        return new CrossEntropy(reduction, weights, epsilon, ignoreIndex);
    }

    /**
     * This loss ignoring samples labelled {@code index} (PyTorch's {@code ignore_index}, e.g.
     * padding): they contribute 0 and do not count in the mean. Applies to label targets only.
     */
    public CrossEntropy ignoreIndex(int index) {
        return new CrossEntropy(reduction, weights, smoothing, index);
    }

    /** The reduction. */
    public Reduction reduction() {
        return reduction;
    }

    /**
     * The cross-entropy of logits (m, k), or (k) with one label, against integer labels.
     *
     * @throws IllegalArgumentException when the label count differs from m, the weights do not
     *     have k entries, or a label is outside 0…k−1 and not the ignored index ({@link
     *     SampleException}, naming the sample)
     */
    public Tensor compute(Tensor logits, int... labels) {
        Tensor z = logits.rank() == 1 ? logits.unsqueeze(0) : logits;
        if (z.rank() != 2) {
            throw new IllegalArgumentException("CrossEntropy: logits must be (k) or (batch, k), got shape "
                    + Arrays.toString(logits.shape()));
        }
        int m = z.dim(0);
        int k = z.dim(1);
        if (labels.length != m) {
            throw new IllegalArgumentException("CrossEntropy: " + labels.length + " labels for logits of shape "
                    + Arrays.toString(logits.shape()) + " (" + m + " samples)");
        }
        double[] w = classWeights(k);
        // Ignored samples gather class 0 (any valid class) and are then multiplied by 0.
        int[] gathered = new int[m];
        double[] sampleWeight = new double[m];
        double[] kept = new double[m];
        double denominator = 0;
        for (int i = 0; i < m; i++) {
            if (ignoreIndex != null && labels[i] == ignoreIndex) {
                continue;
            }
            if (labels[i] < 0 || labels[i] >= k) {
                throw new SampleException("CrossEntropy: label " + labels[i] + " of ", i, " is outside the " + k
                        + " classes 0.." + (k - 1) + (ignoreIndex == null ? "" : " and is not the ignored index " + ignoreIndex));
            }
            gathered[i] = labels[i];
            kept[i] = 1;
            sampleWeight[i] = w == null ? 1 : w[labels[i]];
            denominator += sampleWeight[i];
        }
        Tensor logQ = z.logSoftmax(1);
        boolean plain = w == null && smoothing == 0 && ignoreIndex == null;
        Tensor perSample = plain ? logQ.gather(1, gathered).neg()
                : labelled(logQ, gathered, sampleWeight, kept, w, k);
        if (reduction == Reduction.MEAN) {
            if (!(denominator > 0)) {
                throw new IllegalArgumentException("CrossEntropy: the mean is undefined: every one of the " + m
                        + " samples is ignored or has class weight 0");
            }
            return plain ? perSample.mean() : perSample.sum().div(denominator);
        }
        return logits.rank() == 1 && reduction == Reduction.NONE ? perSample.squeeze(0) : reduction.apply(perSample);
    }

    /** (1 − ε)(−w_y log q_y) + (ε/k) Σ_c (−w_c log q_c), times 0 for ignored samples; shape (m). */
    private Tensor labelled(Tensor logQ, int[] labels, double[] sampleWeight, double[] kept, double[] w, int k) {
        Tensor nll = logQ.gather(1, labels).mul(constant(sampleWeight)).neg();
        if (smoothing == 0) {
            return nll;
        }
        Tensor weighted = w == null ? logQ : logQ.mul(constant(w));
        Tensor smooth = weighted.sum(1, false).mul(constant(kept)).neg();
        return nll.mul(1 - smoothing).add(smooth.mul(smoothing / k));
    }

    /**
     * Cross-entropy against a tensor target: labels of shape (m) (whole numbers), or class
     * probabilities of the logits' shape.
     *
     * @throws IllegalArgumentException when a label is not a whole number in the classes
     *     ({@link SampleException}, naming the sample and the value as given)
     */
    @Override
    public Tensor compute(Tensor logits, Tensor target) {
        // Equal shapes mean probabilities; anything else must be labels (one per sample).
        if (Arrays.equals(logits.shape(), target.shape())) {
            return probabilities(logits, target);
        }
        return compute(logits, labelsOf(target, logits.dim(logits.rank() - 1)));
    }

    private Tensor probabilities(Tensor logits, Tensor target) {
        Tensor z = logits.rank() == 1 ? logits.unsqueeze(0) : logits;
        Tensor p = logits.rank() == 1 ? target.unsqueeze(0) : target;
        int k = z.dim(z.rank() - 1);
        double[] w = classWeights(k);
        if (smoothing != 0) {
            p = p.mul(1 - smoothing).add(smoothing / k);
        }
        Tensor terms = z.logSoftmax(-1).mul(p);
        if (w != null) {
            terms = terms.mul(constant(w));
        }
        Tensor perSample = terms.sum(z.rank() - 1, false).neg();
        if (reduction == Reduction.NONE) {
            return logits.rank() == 1 ? perSample.squeeze(0) : perSample;
        }
        return reduction.apply(perSample);
    }

    private double[] classWeights(int k) {
        if (weights != null && weights.length != k) {
            throw new IllegalArgumentException("CrossEntropy: " + weights.length + " class weights for " + k + " classes");
        }
        return weights;
    }

    private static Tensor constant(double[] values) {
        try (Grad.Scope off = Grad.disabled()) {
            return Tensor.vector(values);
        }
    }

    /**
     * Whole-number values of a label tensor as ints; refuses fractions, NaN, infinities and
     * values beyond the classes, quoting the value as given.
     */
    private int[] labelsOf(Tensor target, int classes) {
        if (target.rank() > 1) {
            throw new IllegalArgumentException("CrossEntropy: target of shape " + Arrays.toString(target.shape())
                    + " is neither labels (batch) nor probabilities of the logits' shape");
        }
        double[] v = target.toArray();
        int[] labels = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            if (v[i] != Math.rint(v[i])) {
                throw new SampleException("CrossEntropy: target of ", i, " is " + v[i] + ", not a whole-number class label");
            }
            boolean ignored = ignoreIndex != null && v[i] == ignoreIndex;
            if (!ignored && (v[i] < 0 || v[i] >= classes)) {
                // Checked before the cast: (int) 1e10 would read as 2147483647.
                throw new SampleException("CrossEntropy: label " + asWritten(v[i]) + " of ", i, " is outside the " + classes
                        + " classes 0.." + (classes - 1));
            }
            labels[i] = (int) v[i];
        }
        return labels;
    }

    /** A whole number without the ".0" a double prints (12, 10000000000), anything else as Java prints it. */
    private static String asWritten(double value) {
        return Math.abs(value) < 1e18 ? Long.toString((long) value) : Double.toString(value);
    }
}
