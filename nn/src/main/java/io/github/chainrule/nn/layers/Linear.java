package io.github.chainrule.nn.layers;

import io.github.chainrule.autodiff.Tensor;
import io.github.chainrule.nn.Module;
import io.github.chainrule.nn.Parameter;
import io.github.chainrule.nn.init.Initializer;
import io.github.chainrule.nn.init.Initializers;
import java.util.Arrays;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;

/**
 * A fully connected layer: {@code z = W a + b} for one sample a of length {@code in}, and
 * {@code Z = X Wᵀ + b} for a batch X of shape (m, in) whose rows are samples (or any input of
 * shape (…, in), each position transformed alike).
 *
 * <p>W has shape (out, in) so that W[j][k] connects input k to output j, as in the lecture
 * notes; b has shape (out). Parameters are named {@code "weight"} and {@code "bias"}.
 */
public final class Linear extends Module {
    private final int in;
    private final int out;
    private final Parameter weight;
    private final Parameter bias;

    /**
     * A layer initialised as PyTorch's {@code nn.Linear}: W and b from U(−1/√in, 1/√in), drawn
     * from a generator seeded with {@code seed}.
     */
    public Linear(int in, int out, long seed) {
        this(in, out, Initializers.lecunUniform(in), Initializers.lecunUniform(in), new Well19937c(seed));
    }

    /** As {@link #Linear(int, int, long)} with seed 0: reproducible, but pass a seed to vary it. */
    public Linear(int in, int out) {
        this(in, out, 0L);
    }

    /**
     * A layer with W drawn by {@code weightInit} and b by {@code biasInit}, in that order, from
     * {@code rng}.
     */
    public Linear(int in, int out, Initializer weightInit, Initializer biasInit, RandomGenerator rng) {
        this(weightInit.initialize(rng, checkSize(out, "out"), checkSize(in, "in")), biasInit.initialize(rng, out));
    }

    /**
     * A layer with the given values: {@code weight} of shape (out, in), {@code bias} of shape
     * (out). The values are copied.
     *
     * @throws IllegalArgumentException when the shapes do not fit together
     */
    public Linear(Tensor weight, Tensor bias) {
        int[] ws = weight.shape();
        int[] bs = bias.shape();
        if (ws.length != 2 || bs.length != 1 || bs[0] != ws[0]) {
            throw new IllegalArgumentException("Linear: weight must be (out, in) and bias (out); got weight "
                    + Arrays.toString(ws) + " and bias " + Arrays.toString(bs));
        }
        this.out = ws[0];
        this.in = ws[1];
        this.weight = registerParameter("weight", Parameter.of(weight));
        this.bias = registerParameter("bias", Parameter.of(bias));
    }

    private static int checkSize(int n, String what) {
        if (n <= 0) {
            throw new IllegalArgumentException("Linear: " + what + " features must be positive, got " + n);
        }
        return n;
    }

    /**
     * {@code W x + b} for x of shape (in), {@code X Wᵀ + b} for X of shape (m, in), and the
     * same for every position of an input of shape (…, in), giving (…, out), as PyTorch's
     * {@code nn.Linear}.
     *
     * @throws IllegalArgumentException when the last axis of x is not {@code in}
     */
    @Override
    public Tensor forward(Tensor x) {
        int[] s = x.shape();
        if (s.length == 0 || s[s.length - 1] != in) {
            throw new IllegalArgumentException("Linear(" + in + " -> " + out + "): input of shape " + Arrays.toString(s)
                    + " must be (" + in + ") or (…, " + in + ")");
        }
        Tensor w = weight.value();
        Tensor b = bias.value();
        if (s.length == 1) {
            return w.matmul(x).add(b);
        }
        if (s.length == 2) {
            return x.linear(w, b);
        }
        // Leading axes are positions like the batch axis: one 2-d product over all of them.
        int[] shape = s.clone();
        shape[s.length - 1] = out;
        return x.reshape(-1, in).linear(w, b).reshape(shape);
    }

    /** The weight W, shape (out, in). */
    public Parameter weight() {
        return weight;
    }

    /** The bias b, shape (out). */
    public Parameter bias() {
        return bias;
    }

    /** The number of input features. */
    public int inFeatures() {
        return in;
    }

    /** The number of output features. */
    public int outFeatures() {
        return out;
    }
}
