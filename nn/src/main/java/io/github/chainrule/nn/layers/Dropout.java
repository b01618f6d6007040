package io.github.chainrule.nn.layers;

import io.github.chainrule.autodiff.Grad;
import io.github.chainrule.autodiff.Tensor;
import io.github.chainrule.nn.Buffer;
import io.github.chainrule.nn.Module;
import java.util.SplittableRandom;

/**
 * Inverted dropout, as PyTorch's {@code nn.Dropout}: in training mode every element is zeroed
 * with probability p and the survivors are scaled by 1/(1 − p), so that the expected output is
 * the input; in evaluation mode ({@link Module#eval()}) the input passes through unchanged.
 * <pre>
 *   y = x ⊙ mask / (1 − p),   mask_i ~ Bernoulli(1 − p)     (training)
 *   y = x                                                    (evaluation)
 * </pre>
 * The mask is a constant of the graph, so the gradient is mask / (1 − p) ⊙ ∂C/∂y.
 *
 * <p>The masks are reproducible: the n-th mask drawn is a function of the seed and n alone.
 * The count n is a {@linkplain Buffer buffer} named {@code "masksDrawn"}, saved and loaded with
 * the model's state, so that training resumed from a checkpoint draws the same masks as an
 * uninterrupted run.
 */
public final class Dropout extends Module {
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private final double p;
    private final long seed;
    private final Buffer masksDrawn;

    /**
     * Dropout with probability {@code p} and masks drawn from {@code seed}.
     *
     * @throws IllegalArgumentException when p is outside [0, 1]
     */
    public Dropout(double p, long seed) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("Dropout: probability must be in [0, 1], got " + p);
        }
        this.p = p;
        this.seed = seed;
        this.masksDrawn = registerBuffer("masksDrawn", Buffer.of(Tensor.scalar(0)));
    }

    /** Dropout with probability {@code p} and seed 0. */
    public Dropout(double p) {
        this(p, 0L);
    }

    /** x ⊙ mask / (1 − p) in training mode (a fresh mask per call), x in evaluation mode. */
    @Override
    public Tensor forward(Tensor x) {
        if (!isTraining() || p == 0) {
            return x;
        }
        long n = (long) masksDrawn.value().item();
        masksDrawn.set(Tensor.scalar(n + 1));
        SplittableRandom random = new SplittableRandom(seed + GOLDEN_GAMMA * n);
        double kept = p == 1 ? 0 : 1 / (1 - p);
        double[] mask = new double[x.size()];
        for (int i = 0; i < mask.length; i++) {
            mask[i] = random.nextDouble() < p ? 0 : kept;
        }
        Tensor constant;
        try (Grad.Scope off = Grad.disabled()) {
            constant = Tensor.of(mask, x.shape());
        }
        return x.mul(constant);
    }

    /** The probability p of zeroing an element. */
    public double probability() {
        return p;
    }

    /** The number of masks drawn so far (saved with the model's state). */
    public long masksDrawn() {
        return (long) masksDrawn.value().item();
    }
}
