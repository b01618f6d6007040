package io.github.chainrule.examples.customloss;

import io.github.chainrule.autodiff.Tensor;
import io.github.chainrule.nn.loss.Loss;
import java.util.Arrays;

/**
 * The focal loss of Lin et al. (2017) for multi-class logits, composed from tensor primitives
 * only:
 * <pre>
 *   p_t = softmax(z)_y,      FL = −(1/m) Σ_x (1 − p_t)^γ · log p_t
 * </pre>
 * With γ = 0 it is cross-entropy; a larger γ down-weights samples that are already classified
 * confidently, so training concentrates on the hard ones. No derivative is written here: the
 * graph differentiates {@code logSoftmax}, {@code gather}, {@code exp}, {@code pow} and
 * {@code mean}, and {@link io.github.chainrule.autodiff.check.GradCheck} confirms it.
 */
public final class FocalLoss implements Loss {
    private final double gamma;

    /**
     * @param gamma the focusing parameter γ ≥ 0 (2 in the paper)
     */
    public FocalLoss(double gamma) {
        if (!(gamma >= 0) || !Double.isFinite(gamma)) {
            throw new IllegalArgumentException("FocalLoss: gamma must be finite and >= 0, got " + gamma);
        }
        this.gamma = gamma;
    }

    /**
     * FL for logits (m, k) and one class label per sample.
     *
     * @param logits the network's scores, one row per sample
     * @param labels class indices in 0…k−1
     * @return a 0-d tensor
     */
    public Tensor compute(Tensor logits, int... labels) {
        Tensor logPt = logits.logSoftmax(1).gather(1, labels);
        Tensor pt = logPt.exp();
        return pt.rsub(1).pow(gamma).mul(logPt).mean().neg();
    }

    /** FL with labels given as a tensor (m) of whole numbers, as the trainer passes them. */
    @Override
    public Tensor compute(Tensor logits, Tensor target) {
        double[] values = target.toArray();
        int[] labels = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            if (values[i] != Math.rint(values[i])) {
                throw new IllegalArgumentException("FocalLoss: target " + i + " is " + values[i]
                        + ", not a class label; targets " + Arrays.toString(target.shape()));
            }
            labels[i] = (int) values[i];
        }
        return compute(logits, labels);
    }

    /** The focusing parameter γ. */
    public double gamma() {
        return gamma;
    }
}
