package io.github.chainrule.nn.loss;

import io.github.chainrule.autodiff.Tensor;
import java.util.Objects;

/**
 * Binary cross-entropy on logits x with targets y ∈ [0, 1], as PyTorch's {@code
 * BCEWithLogitsLoss}: per element ℓ = −[y log σ(x) + (1−y) log(1−σ(x))], averaged over all
 * elements by default (or summed, or returned in the output's shape: {@link Reduction}), computed as ℓ = softplus(x) − x·y with the core's
 * stable softplus (ln(1+eˣ) = max(x,0) + ln(1+e^(−|x|))), which never takes the log of 0 nor
 * overflows eˣ. Its gradient with respect to x is σ(x) − y; the graph finds it.
 *
 * <p>Why softplus and not the equal expression max(x,0) − x·y + log(1+e^(−|x|)) built from relu
 * and abs: at x = 0 exactly, relu' and abs' both take the subgradient 0, so that form's graph
 * gives −y instead of ½ − y. softplus is smooth, so its derivative σ(x) is right everywhere.
 */
public final class BinaryCrossEntropyWithLogits implements Loss {
    private final Reduction reduction;

    /** The loss with mean reduction. */
    public BinaryCrossEntropyWithLogits() {
        this(Reduction.MEAN);
    }

    /** The loss with the given reduction. */
    public BinaryCrossEntropyWithLogits(Reduction reduction) {
        this.reduction = Objects.requireNonNull(reduction, "reduction");
    }

    /** The reduction of softplus(x) − x·y; target of the output's shape (or (m) for (m, 1)). */
    @Override
    public Tensor compute(Tensor logits, Tensor target) {
        Tensor y = Targets.sameShape("BinaryCrossEntropyWithLogits", logits, target);
        return reduction.apply(logits.softplus().sub(logits.mul(y)));
    }

    /** The reduction. */
    public Reduction reduction() {
        return reduction;
    }
}
