package io.github.chainrule.nn.layers;

import io.github.chainrule.autodiff.Tensor;
import io.github.chainrule.nn.Module;

/** The activation module tanh x, elementwise. */
public final class Tanh extends Module {
    /** Creates the (parameterless) module. */
    public Tanh() {
    }

    /** Applies the activation. */
    @Override
    public Tensor forward(Tensor x) {
        return x.tanh();
    }
}
