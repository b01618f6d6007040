package io.github.chainrule.nn.layers;

import io.github.chainrule.autodiff.Tensor;
import io.github.chainrule.nn.Module;

/**
 * The elementwise (or, for softmax, row-wise) nonlinearities a network applies after a linear
 * layer: a = f(z). Derivatives come from the graph, never from here.
 */
public enum Activation {
    /** f(z) = z. */
    IDENTITY {
        @Override
        public Tensor apply(Tensor z) {
            return z;
        }

        @Override
        public Module toModule() {
            return new Identity();
        }
    },
    /** f(z) = σ(z) = 1/(1+e^(−z)). */
    SIGMOID {
        @Override
        public Tensor apply(Tensor z) {
            return z.sigmoid();
        }

        @Override
        public Module toModule() {
            return new Sigmoid();
        }
    },
    /** f(z) = tanh z. */
    TANH {
        @Override
        public Tensor apply(Tensor z) {
            return z.tanh();
        }

        @Override
        public Module toModule() {
            return new Tanh();
        }
    },
    /** f(z) = max(z, 0). */
    RELU {
        @Override
        public Tensor apply(Tensor z) {
            return z.relu();
        }

        @Override
        public Module toModule() {
            return new ReLU();
        }
    },
    /** f(z) = z for z &gt; 0, 0.01·z otherwise ({@link LeakyReLU#DEFAULT_SLOPE}). */
    LEAKY_RELU {
        @Override
        public Tensor apply(Tensor z) {
            return z.leakyRelu(LeakyReLU.DEFAULT_SLOPE);
        }

        @Override
        public Module toModule() {
            return new LeakyReLU(LeakyReLU.DEFAULT_SLOPE);
        }
    },
    /** softmax over the last axis: f(z)_i = e^(z_i) / Σ_j e^(z_j). */
    SOFTMAX {
        @Override
        public Tensor apply(Tensor z) {
            return z.softmax(-1);
        }

        @Override
        public Module toModule() {
            return new Softmax(-1);
        }
    };

    /** a = f(z). */
    public abstract Tensor apply(Tensor z);

    /** A fresh parameterless module computing this activation. */
    public abstract Module toModule();
}
