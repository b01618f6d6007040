package io.github.chainrule.nn.layers;

import io.github.chainrule.autodiff.Tensor;
import io.github.chainrule.nn.Module;

/** The activation module x itself: the output activation of a regression network or a logit layer. */
public final class Identity extends Module {
    /** Creates the (parameterless) module. */
    public Identity() {
    }

    /** Applies the activation. */
    @Override
    public Tensor forward(Tensor x) {
        return x;
    }
}
