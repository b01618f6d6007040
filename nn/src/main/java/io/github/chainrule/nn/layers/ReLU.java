package io.github.chainrule.nn.layers;

import io.github.chainrule.autodiff.Tensor;
import io.github.chainrule.nn.Module;

/** The activation module max(x, 0), elementwise. */
public final class ReLU extends Module {
    /** Creates the (parameterless) module. */
    public ReLU() {
    }

    /** Applies the activation. */
    @Override
    public Tensor forward(Tensor x) {
        return x.relu();
    }
}
