package io.github.chainrule.nn.layers;

import io.github.chainrule.autodiff.Tensor;
import java.util.List;

/**
 * What a forward pass of an {@link MLP} computed at every layer: the pre-activations
 * z^l = W^l a^(l−1) + b^l and the activations a^l = f(z^l), with a^0 the input.
 *
 * <p>Layers are numbered l = 1…L by their weight matrices; the lecture notes number the input
 * as layer 1, so the notes' z^l is {@code z(l − 1)} here. Every z^l was asked to retain its
 * gradient, so after {@code loss.backward()} the error of the delta rule is observable:
 * δ^l = ∂C/∂z^l = {@link #delta(int) delta(l)}, computed by the graph, not by a formula.
 */
public final class Trace {
    private final List<Tensor> z;
    private final List<Tensor> a;

    Trace(List<Tensor> preActivations, List<Tensor> activations) {
        this.z = List.copyOf(preActivations);
        this.a = List.copyOf(activations);
    }

    /** The number of layers L (weight matrices). */
    public int depth() {
        return z.size();
    }

    /** The input a^0. */
    public Tensor input() {
        return a.get(0);
    }

    /** The network's output a^L. */
    public Tensor output() {
        return a.get(a.size() - 1);
    }

    /**
     * The pre-activation z^l, l = 1…L.
     *
     * @throws IndexOutOfBoundsException for l outside 1…L
     */
    public Tensor z(int l) {
        if (l < 1 || l > z.size()) {
            throw new IndexOutOfBoundsException("Trace.z: layer " + l + " is outside 1.." + z.size());
        }
        return z.get(l - 1);
    }

    /**
     * The activation a^l, l = 0…L (a^0 is the input).
     *
     * @throws IndexOutOfBoundsException for l outside 0…L
     */
    public Tensor a(int l) {
        if (l < 0 || l >= a.size()) {
            throw new IndexOutOfBoundsException("Trace.a: layer " + l + " is outside 0.." + z.size());
        }
        return a.get(l);
    }

    /**
     * δ^l = ∂C/∂z^l: the retained gradient of z^l after backward from a cost C.
     *
     * @throws IllegalStateException when backward has not reached z^l yet
     */
    public Tensor delta(int l) {
        Tensor g = z(l).grad();
        if (g == null) {
            throw new IllegalStateException("Trace.delta(" + l + "): no gradient yet; call backward() on a cost "
                    + "computed from this trace's output (with grad mode on)");
        }
        return g;
    }
}
