package io.github.chainrule.nn.loss;

import io.github.chainrule.autodiff.Tensor;

/**
 * Binary cross-entropy on logits x with targets y ∈ [0, 1], averaged over all elements:
 * ℓ = −[y log σ(x) + (1−y) log(1−σ(x))], computed in the stable form
 * ℓ = max(x, 0) − x·y + log(1 + e^(−|x|)), which never takes the log of 0 nor overflows e^x.
 * Its gradient with respect to x is σ(x) − y; the graph finds it.
 */
public final class BinaryCrossEntropyWithLogits implements Loss {
    /** Creates the loss. */
    public BinaryCrossEntropyWithLogits() {
    }

    /** mean(max(x,0) − x·y + log(1+e^(−|x|))); target of the output's shape (or (m) for (m, 1)). */
    @Override
    public Tensor compute(Tensor logits, Tensor target) {
        Tensor y = Targets.sameShape("BinaryCrossEntropyWithLogits", logits, target);
        // softplus(−|x|) = log(1 + e^(−|x|)) and is computed without overflow by the core op.
        return logits.relu().sub(logits.mul(y)).add(logits.abs().neg().softplus()).mean();
    }
}
