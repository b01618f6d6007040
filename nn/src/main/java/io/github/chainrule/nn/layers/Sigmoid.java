package io.github.chainrule.nn.layers;

import io.github.chainrule.autodiff.Tensor;
import io.github.chainrule.nn.Module;

/** The activation module σ(x) = 1/(1+e^(−x)), elementwise. */
public final class Sigmoid extends Module {
    /** Creates the (parameterless) module. */
    public Sigmoid() {
    }

    /** Applies the activation. */
    @Override
    public Tensor forward(Tensor x) {
        return x.sigmoid();
    }
}
