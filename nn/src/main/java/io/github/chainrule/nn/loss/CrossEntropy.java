package io.github.chainrule.nn.loss;

import io.github.chainrule.autodiff.Tensor;
import java.util.Arrays;

/**
 * Cross-entropy from logits, averaged over the batch:
 * C = −(1/m) Σ_x log softmax(z(x))_{y(x)}, with log softmax(z)_c = z_c − log Σ_j e^(z_j)
 * computed stably (finite for logits of any magnitude). Its gradient with respect to the
 * logits is (softmax(z) − onehot(y))/m; the graph finds it.
 *
 * <p>Targets: integer class labels (an {@code int[]}, or a tensor of shape (m) holding whole
 * numbers), or a tensor of class probabilities of the logits' shape, giving
 * C = −(1/m) Σ_x Σ_c p_c(x) log softmax(z(x))_c.
 */
public final class CrossEntropy implements Loss {
    /** Creates the loss. */
    public CrossEntropy() {
    }

    /**
     * C = −(1/m) Σ_x log softmax(z(x))_{labels[x]} for logits (m, k), or (k) with one label.
     *
     * @throws IllegalArgumentException when the label count differs from m or a label is
     *     outside 0…k−1
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
        for (int i = 0; i < m; i++) {
            if (labels[i] < 0 || labels[i] >= k) {
                throw new IllegalArgumentException("CrossEntropy: label " + labels[i] + " of sample " + i
                        + " is outside the " + k + " classes 0.." + (k - 1));
            }
        }
        return z.logSoftmax(1).gather(1, labels).mean().neg();
    }

    /**
     * Cross-entropy against a tensor target: labels of shape (m) (whole numbers), or class
     * probabilities of the logits' shape.
     */
    @Override
    public Tensor compute(Tensor logits, Tensor target) {
        // Equal shapes mean probabilities; anything else must be labels (one per sample).
        if (Arrays.equals(logits.shape(), target.shape())) {
            Tensor z = logits.rank() == 1 ? logits.unsqueeze(0) : logits;
            Tensor p = logits.rank() == 1 ? target.unsqueeze(0) : target;
            return z.logSoftmax(-1).mul(p).sum().mul(-1.0 / z.dim(0));
        }
        return compute(logits, labelsOf(target));
    }

    /** Whole-number values of a label tensor as ints; refuses fractions. */
    static int[] labelsOf(Tensor target) {
        if (target.rank() > 1) {
            throw new IllegalArgumentException("CrossEntropy: target of shape " + Arrays.toString(target.shape())
                    + " is neither labels (batch) nor probabilities of the logits' shape");
        }
        double[] v = target.toArray();
        int[] labels = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            if (v[i] != Math.rint(v[i])) {
                throw new IllegalArgumentException("CrossEntropy: target " + i + " is " + v[i]
                        + ", not a whole-number class label");
            }
            labels[i] = (int) v[i];
        }
        return labels;
    }
}
