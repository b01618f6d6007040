package io.github.chainrule.nn.layers;

import io.github.chainrule.autodiff.Tensor;
import io.github.chainrule.nn.Module;
import io.github.chainrule.nn.init.Initializer;
import io.github.chainrule.nn.init.Initializers;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;

/**
 * A multilayer perceptron: layers l = 1…L with z^l = W^l a^(l−1) + b^l and a^l = f_l(z^l),
 * f_l the hidden activation for l &lt; L and the output activation for l = L.
 *
 * <pre>{@code
 * MLP net = MLP.of(2, 4, 3, 2).activation(Activation.SIGMOID).build(42);   // the notes' network
 * MLP clf = MLP.of(784, 128, 10).hiddenActivation(Activation.RELU).build(1); // logits out
 * }</pre>
 *
 * Parameters are named {@code "layers.0.weight"}, {@code "layers.0.bias"}, {@code
 * "layers.1.weight"}, …
 */
public final class MLP extends Module {
    private final List<Linear> layers;
    private final Activation hidden;
    private final Activation output;

    private MLP(List<Linear> layers, Activation hidden, Activation output) {
        List<Linear> registered = new ArrayList<>();
        LayerList list = registerModule("layers", new LayerList());
        for (Linear layer : layers) {
            registered.add(list.add(layer));
        }
        this.layers = Collections.unmodifiableList(registered);
        this.hidden = hidden;
        this.output = output;
    }

    /**
     * A builder for a network with the given layer sizes, input first: {@code of(2, 4, 3, 2)}
     * has 2 inputs, hidden layers of 4 and 3 units and 2 outputs.
     *
     * @throws IllegalArgumentException for fewer than two sizes or a size below 1
     */
    public static Builder of(int... sizes) {
        if (sizes.length < 2) {
            throw new IllegalArgumentException("MLP.of: needs at least an input and an output size, got "
                    + Arrays.toString(sizes));
        }
        for (int s : sizes) {
            if (s < 1) {
                throw new IllegalArgumentException("MLP.of: layer sizes must be positive, got " + Arrays.toString(sizes));
            }
        }
        return new Builder(sizes.clone());
    }

    /** The network's output a^L. */
    @Override
    public Tensor forward(Tensor x) {
        Tensor h = x;
        for (int l = 0; l < layers.size(); l++) {
            h = activationOf(l).apply(layers.get(l).forward(h));
        }
        return h;
    }

    /**
     * The forward pass keeping every z^l and a^l; each z^l retains its gradient so that after
     * backward δ^l = {@code trace.delta(l)}.
     */
    public Trace forwardWithTrace(Tensor x) {
        List<Tensor> zs = new ArrayList<>();
        List<Tensor> as = new ArrayList<>();
        as.add(x);
        Tensor h = x;
        for (int l = 0; l < layers.size(); l++) {
            Tensor z = layers.get(l).forward(h);
            z.retainGrad();
            zs.add(z);
            h = activationOf(l).apply(z);
            as.add(h);
        }
        return new Trace(zs, as);
    }

    private Activation activationOf(int index) {
        return index == layers.size() - 1 ? output : hidden;
    }

    /** The linear layers, first to last (layer l of the notes' numbering minus one). */
    public List<Linear> layers() {
        return layers;
    }

    /** The linear layer of layer l = 1…L. */
    public Linear layer(int l) {
        if (l < 1 || l > layers.size()) {
            throw new IndexOutOfBoundsException("MLP.layer: layer " + l + " is outside 1.." + layers.size());
        }
        return layers.get(l - 1);
    }

    /** The activation of the hidden layers. */
    public Activation hiddenActivation() {
        return hidden;
    }

    /** The activation of the output layer. */
    public Activation outputActivation() {
        return output;
    }

    /** Holds the layers so that their names are {@code layers.i.*}. */
    private static final class LayerList extends Module {
        private int count;

        Linear add(Linear layer) {
            return registerModule(Integer.toString(count++), layer);
        }

        @Override
        public Tensor forward(Tensor x) {
            throw new UnsupportedOperationException("MLP.layers is a container; call MLP.forward");
        }
    }

    /**
     * Configures an {@link MLP}. Defaults: ReLU hidden layers, identity output (logits or a
     * regression value), PyTorch's default initialisation U(−1/√n_in, 1/√n_in).
     */
    public static final class Builder {
        private final int[] sizes;
        private Activation hidden = Activation.RELU;
        private Activation output = Activation.IDENTITY;
        private Initializer weightInit;
        private Initializer biasInit;

        private Builder(int[] sizes) {
            this.sizes = sizes;
        }

        /** The same activation for the hidden and the output layers. */
        public Builder activation(Activation activation) {
            this.hidden = activation;
            this.output = activation;
            return this;
        }

        /** The activation of the hidden layers. */
        public Builder hiddenActivation(Activation activation) {
            this.hidden = activation;
            return this;
        }

        /** The activation of the output layer. */
        public Builder outputActivation(Activation activation) {
            this.output = activation;
            return this;
        }

        /** The weight initialiser (e.g. {@code Initializers.heUniform()} for ReLU networks). */
        public Builder weightInit(Initializer init) {
            this.weightInit = init;
            return this;
        }

        /** The bias initialiser (e.g. {@code Initializers.zeros()}). */
        public Builder biasInit(Initializer init) {
            this.biasInit = init;
            return this;
        }

        /** Builds the network, drawing all initial values from a generator seeded with {@code seed}. */
        public MLP build(long seed) {
            return build(new Well19937c(seed));
        }

        /** Builds the network, drawing each layer's W then b, first layer first, from {@code rng}. */
        public MLP build(RandomGenerator rng) {
            List<Linear> layers = new ArrayList<>();
            for (int l = 0; l + 1 < sizes.length; l++) {
                int in = sizes[l];
                Initializer w = weightInit != null ? weightInit : Initializers.lecunUniform(in);
                Initializer b = biasInit != null ? biasInit : Initializers.lecunUniform(in);
                layers.add(new Linear(in, sizes[l + 1], w, b, rng));
            }
            return new MLP(layers, hidden, output);
        }
    }
}
