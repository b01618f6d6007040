package io.github.chainrule.nn.optim;

import io.github.chainrule.nn.Module;
import io.github.chainrule.nn.Parameter;
import java.util.List;
import java.util.Map;

/**
 * AdamW (Loshchilov &amp; Hutter, 2019), as PyTorch's {@code torch.optim.AdamW}: Adam's moments
 * of the raw gradient g, and the weight decay λ applied to the weights directly:
 * <pre>
 *   w ← w − η λ w − η m̂ / (√v̂ + ε)
 * </pre>
 * (m̂, v̂ as in {@link Adam}, computed from g without the decay term). Default λ = 0.01.
 */
public final class AdamW extends Adam {
    /** AdamW over the given named parameters with learning rate η and λ = 0.01. */
    public AdamW(Map<String, Parameter> parameters, double learningRate) {
        super("AdamW", parameters, learningRate, true);
        weightDecay(0.01);
    }

    /** AdamW over all of {@code module}'s parameters. */
    public AdamW(Module module, double learningRate) {
        this(of(module), learningRate);
    }

    /** AdamW over a list of parameters (named by position in messages). */
    public AdamW(List<Parameter> parameters, double learningRate) {
        this(indexed(parameters), learningRate);
    }
}
