package io.github.chainrule.examples.moons;

import io.github.chainrule.autodiff.Scalar;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * micrograd's {@code nn.py} on chainrule's {@link Scalar} graph: a neuron, a layer and a
 * multilayer perceptron built from single numbers. As in micrograd there is no gradient code
 * here: {@code backward()} on a loss built from these values fills every parameter's
 * {@code grad()}.
 *
 * <p>Scalars are immutable, so a parameter update replaces each parameter by a fresh leaf
 * holding the new value ({@link #step(double)}), where micrograd assigns {@code p.data}.
 */
public final class ScalarMLP {

    /** A neuron: relu(Σ w_i x_i + b), or the plain sum for a linear neuron. */
    public static final class Neuron {
        private final Scalar[] w;
        private Scalar b;
        private final boolean nonlinear;

        /**
         * Weights drawn from U(−1, 1), bias 0, as micrograd's {@code Neuron}.
         *
         * @param inputs    number of inputs
         * @param nonlinear whether to apply ReLU
         * @param random    source of the initial weights
         */
        public Neuron(int inputs, boolean nonlinear, Random random) {
            this.w = new Scalar[inputs];
            for (int i = 0; i < inputs; i++) {
                w[i] = Scalar.of(random.nextDouble() * 2 - 1);
            }
            this.b = Scalar.of(0);
            this.nonlinear = nonlinear;
        }

        /** The neuron's output for inputs {@code x}. */
        public Scalar apply(List<Scalar> x) {
            Scalar act = b;
            for (int i = 0; i < w.length; i++) {
                act = act.add(w[i].mul(x.get(i)));
            }
            return nonlinear ? act.relu() : act;
        }

        List<Scalar> parameters() {
            List<Scalar> p = new ArrayList<>(List.of(w));
            p.add(b);
            return p;
        }

        void step(double learningRate) {
            for (int i = 0; i < w.length; i++) {
                w[i] = Scalar.of(w[i].value() - learningRate * w[i].grad());
            }
            b = Scalar.of(b.value() - learningRate * b.grad());
        }
    }

    /** A layer of neurons sharing their inputs. */
    public static final class Layer {
        private final List<Neuron> neurons = new ArrayList<>();

        /**
         * @param inputs    inputs per neuron
         * @param outputs   number of neurons
         * @param nonlinear whether the neurons apply ReLU
         * @param random    source of the initial weights
         */
        public Layer(int inputs, int outputs, boolean nonlinear, Random random) {
            for (int j = 0; j < outputs; j++) {
                neurons.add(new Neuron(inputs, nonlinear, random));
            }
        }

        /** Every neuron's output. */
        public List<Scalar> apply(List<Scalar> x) {
            List<Scalar> out = new ArrayList<>(neurons.size());
            for (Neuron n : neurons) {
                out.add(n.apply(x));
            }
            return out;
        }
    }

    private final List<Layer> layers = new ArrayList<>();

    /**
     * An MLP with ReLU hidden layers and a linear output, as micrograd's {@code MLP(nin, nouts)}.
     *
     * @param inputs number of inputs
     * @param sizes  neurons per layer, the last being the outputs
     * @param seed   seed of the initial weights
     */
    public ScalarMLP(int inputs, int[] sizes, long seed) {
        Random random = new Random(seed);
        int in = inputs;
        for (int l = 0; l < sizes.length; l++) {
            layers.add(new Layer(in, sizes[l], l != sizes.length - 1, random));
            in = sizes[l];
        }
    }

    /** The outputs for inputs {@code x}. */
    public List<Scalar> apply(List<Scalar> x) {
        List<Scalar> h = x;
        for (Layer layer : layers) {
            h = layer.apply(h);
        }
        return h;
    }

    /** All weights and biases, layer by layer. */
    public List<Scalar> parameters() {
        List<Scalar> p = new ArrayList<>();
        for (Layer layer : layers) {
            for (Neuron n : layer.neurons) {
                p.addAll(n.parameters());
            }
        }
        return p;
    }

    /** Plain gradient descent: each parameter p becomes p − η·∂loss/∂p, as a fresh leaf. */
    public void step(double learningRate) {
        for (Layer layer : layers) {
            for (Neuron n : layer.neurons) {
                n.step(learningRate);
            }
        }
    }
}
