package io.github.chainrule.nn.layers;

import io.github.chainrule.autodiff.Tensor;
import io.github.chainrule.nn.Module;

/** The activation module f(x) = x for x &gt; 0, slope·x otherwise, elementwise. */
public final class LeakyReLU extends Module {
    /** The slope used when none is given, as PyTorch: 0.01. */
    public static final double DEFAULT_SLOPE = 0.01;
    private final double slope;

    /** A leaky ReLU with the given negative-side slope. */
    public LeakyReLU(double slope) {
        if (!Double.isFinite(slope)) {
            throw new IllegalArgumentException("LeakyReLU: slope must be finite, got " + slope);
        }
        this.slope = slope;
    }

    /** A leaky ReLU with slope {@link #DEFAULT_SLOPE}. */
    public LeakyReLU() {
        this(DEFAULT_SLOPE);
    }

    /** Applies the activation. */
    @Override
    public Tensor forward(Tensor x) {
        return x.leakyRelu(slope);
    }

    /** The negative-side slope. */
    public double slope() {
        return slope;
    }
}
