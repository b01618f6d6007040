package io.github.chainrule.nn.layers;

import io.github.chainrule.autodiff.Tensor;
import io.github.chainrule.nn.Module;
import io.github.chainrule.nn.Parameter;
import java.util.Arrays;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;

/**
 * A lookup table of learnt vectors, as PyTorch's {@code nn.Embedding(count, dim)}: index i
 * maps to row i of the weight E (shape (count, dim), {@code "weight"}, drawn from N(0, 1) as
 * PyTorch does). Indices of shape s give vectors of shape (s…, dim). The lookup is a graph
 * operation (index selection), so ∂C/∂E adds each output row's gradient into the row it came
 * from.
 */
public final class Embedding extends Module {
    private final int count;
    private final int dim;
    private final Parameter weight;

    /** An embedding of {@code count} vectors of length {@code dim}, drawn from N(0, 1) seeded with {@code seed}. */
    public Embedding(int count, int dim, long seed) {
        this(normal(new Well19937c(seed), checkSize(count, "count"), checkSize(dim, "dim")));
    }

    /**
     * An embedding with the given table (count, dim); the values are copied.
     *
     * @throws IllegalArgumentException when the table is not 2-d
     */
    public Embedding(Tensor table) {
        if (table.rank() != 2 || table.dim(0) < 1 || table.dim(1) < 1) {
            throw new IllegalArgumentException("Embedding: the table must be (count, dim), got shape "
                    + Arrays.toString(table.shape()));
        }
        this.count = table.dim(0);
        this.dim = table.dim(1);
        this.weight = registerParameter("weight", Parameter.of(table));
    }

    private static Tensor normal(RandomGenerator rng, int count, int dim) {
        return Tensor.randn(rng, count, dim);
    }

    private static int checkSize(int n, String what) {
        if (n < 1) {
            throw new IllegalArgumentException("Embedding: " + what + " must be positive, got " + n);
        }
        return n;
    }

    /**
     * The vectors of {@code indices}, shape (indices.length, dim).
     *
     * @throws IllegalArgumentException naming the position of an index outside 0…count−1
     */
    public Tensor forward(int... indices) {
        for (int i = 0; i < indices.length; i++) {
            if (indices[i] < 0 || indices[i] >= count) {
                throw new IllegalArgumentException("Embedding(" + count + ", " + dim + "): index " + indices[i]
                        + " at position " + i + " is outside 0.." + (count - 1));
            }
        }
        return weight.value().indexSelect(0, indices);
    }

    /**
     * The vectors of a tensor of whole-number indices of any shape s, shape (s…, dim).
     *
     * @throws IllegalArgumentException naming the position of a value that is not a whole
     *     number in 0…count−1
     */
    @Override
    public Tensor forward(Tensor indices) {
        double[] v = indices.toArray();
        int[] idx = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            if (!(v[i] >= 0 && v[i] < count) || v[i] != Math.rint(v[i])) {
                throw new IllegalArgumentException("Embedding(" + count + ", " + dim + "): index " + v[i]
                        + " at flat position " + i + " is not a whole number in 0.." + (count - 1));
            }
            idx[i] = (int) v[i];
        }
        int[] s = indices.shape();
        int[] shape = Arrays.copyOf(s, s.length + 1);
        shape[s.length] = dim;
        return forward(idx).reshape(shape);
    }

    /** The table E, shape (count, dim). */
    public Parameter weight() {
        return weight;
    }

    /** The number of vectors. */
    public int count() {
        return count;
    }

    /** The length of each vector. */
    public int dim() {
        return dim;
    }
}
