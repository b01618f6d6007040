package io.github.chainrule.benchmarks;

import io.github.chainrule.autodiff.Scalar;
import io.github.chainrule.autodiff.engine.Node;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * micrograd's demo training step on chainrule's scalar graph, op for op: an MLP 2-16-16-1
 * (ReLU hidden layers, linear output; a neuron is {@code relu(b + Σ wᵢxᵢ)} summed left to right),
 * 100 two-moons points with labels ±1, the max-margin loss {@code mean(relu(1 − yᵢ·scoreᵢ))}
 * plus {@code 1e-4·Σ p²}, backward, and SGD with micrograd's decaying rate.
 */
final class MicrogradDemo {
    static final int POINTS = 100;
    private static final int[] SIZES = {2, 16, 16, 1};

    private final double[][] x = new double[POINTS][2];
    private final double[] y = new double[POINTS];
    /** All parameters, flat: for each layer, for each neuron, its weights then its bias. */
    private final Scalar[] params;
    private int iteration;

    MicrogradDemo(long seed) {
        Random rng = new Random(seed);
        moons(rng);
        List<Scalar> p = new ArrayList<>();
        for (int l = 0; l + 1 < SIZES.length; l++) {
            for (int n = 0; n < SIZES[l + 1]; n++) {
                for (int i = 0; i < SIZES[l]; i++) {
                    p.add(Scalar.of(2 * rng.nextDouble() - 1));
                }
                p.add(Scalar.of(0));
            }
        }
        params = p.toArray(new Scalar[0]);
    }

    /** scikit-learn's make_moons(100, noise=0.1), labels mapped to ±1 as in the demo. */
    private void moons(Random rng) {
        int half = POINTS / 2;
        for (int i = 0; i < POINTS; i++) {
            boolean outer = i < half;
            int k = outer ? i : i - half;
            double t = Math.PI * k / (half - 1);
            x[i][0] = (outer ? Math.cos(t) : 1 - Math.cos(t)) + 0.1 * rng.nextGaussian();
            x[i][1] = (outer ? Math.sin(t) : 0.5 - Math.sin(t)) + 0.1 * rng.nextGaussian();
            y[i] = outer ? -1 : 1;
        }
    }

    /** The total loss of the current parameters, as a graph. */
    Scalar loss() {
        Scalar dataLoss = null;
        for (int s = 0; s < POINTS; s++) {
            Scalar score = score(x[s]);
            Scalar margin = score.mul(-y[s]).add(1).relu();
            dataLoss = dataLoss == null ? margin : dataLoss.add(margin);
        }
        dataLoss = dataLoss.mul(1.0 / POINTS);
        Scalar reg = null;
        for (Scalar p : params) {
            Scalar sq = p.mul(p);
            reg = reg == null ? sq : reg.add(sq);
        }
        return dataLoss.add(reg.mul(1e-4));
    }

    private Scalar score(double[] point) {
        int k = 0;
        Scalar[] in = null;
        for (int l = 0; l + 1 < SIZES.length; l++) {
            boolean last = l + 2 == SIZES.length;
            Scalar[] out = new Scalar[SIZES[l + 1]];
            for (int n = 0; n < out.length; n++) {
                Scalar act = null;
                for (int i = 0; i < SIZES[l]; i++) {
                    Scalar w = params[k++];
                    Scalar term = in == null ? w.mul(point[i]) : w.mul(in[i]);
                    act = act == null ? term : act.add(term);
                }
                act = act.add(params[k++]);
                out[n] = last ? act : act.relu();
            }
            in = out;
        }
        return in[0];
    }

    /** One training step: forward, backward, update. Returns the loss before the update. */
    double step() {
        Scalar total = loss();
        total.backward();
        double rate = 1.0 - 0.9 * (iteration++ % 100) / 100;
        for (int i = 0; i < params.length; i++) {
            // Values are immutable: the update is a fresh leaf, as Parameter.assign does.
            params[i] = Scalar.of(params[i].value() - rate * params[i].grad());
        }
        return total.value();
    }

    /** Operation nodes (not leaves) in the graph of {@code root}: what a step creates and walks. */
    static int countOperations(Node root) {
        Map<Node, Boolean> seen = new IdentityHashMap<>();
        List<Node> stack = new ArrayList<>();
        stack.add(root);
        seen.put(root, true);
        int ops = 0;
        while (!stack.isEmpty()) {
            Node n = stack.remove(stack.size() - 1);
            if (!n.isLeaf()) {
                ops++;
            }
            for (Node in : n.inputs()) {
                if (seen.put(in, true) == null) {
                    stack.add(in);
                }
            }
        }
        return ops;
    }
}
