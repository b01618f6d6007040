package io.github.chainrule.examples.delta;

import io.github.chainrule.autodiff.Tensor;
import io.github.chainrule.examples.Main;
import io.github.chainrule.nn.layers.Activation;
import io.github.chainrule.nn.layers.MLP;
import io.github.chainrule.nn.layers.Trace;
import io.github.chainrule.nn.loss.QuadraticCost;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code chainrule delta-rule}: the lecture notes' 2-4-3-2 sigmoid network with
 * C = ½ Σ_j (a^L_j − y_j)². For every layer it prints δ^l = ∂C/∂z^l twice: as the graph found
 * it (the retained gradient of z^l after {@code backward()}), and as the textbook formulas give
 * it, computed here with plain doubles from the weights:
 * <pre>
 *   δ^L = (a^L − y) ⊙ σ'(z^L)
 *   δ^l = ((W^(l+1))ᵀ δ^(l+1)) ⊙ σ'(z^l),      σ'(z) = σ(z)(1 − σ(z))
 * </pre>
 * and likewise ∂C/∂W^l = δ^l (a^(l−1))ᵀ against the weight's gradient. nn holds no such
 * formula: the agreement shows the delta rule falls out of the generic graph.
 */
@Command(name = "delta-rule", mixinStandardHelpOptions = true,
        description = "Show that the graph's gradients are the textbook delta rule on a 2-4-3-2 sigmoid net.")
public final class DeltaRuleCommand implements Callable<Integer> {

    /** The notes' layer sizes, input first. */
    public static final int[] SIZES = {2, 4, 3, 2};
    /** The input sample. */
    public static final double[] INPUT = {0.05, 0.10};
    /** The target. */
    public static final double[] TARGET = {0.01, 0.99};

    @ParentCommand
    private Main main;

    @Spec
    private CommandSpec spec;

    /** Creates the command. */
    public DeltaRuleCommand() {
    }

    /**
     * One layer's comparison.
     *
     * @param layer          l = 1…L
     * @param fromGraph      δ^l as the retained gradient of z^l
     * @param fromFormula    δ^l from the delta rule in doubles
     * @param deltaDiff      max |difference| of the two δ^l
     * @param weightGradDiff max |∂C/∂W^l from the graph − δ^l (a^(l−1))ᵀ|
     */
    public record Layer(int layer, double[] fromGraph, double[] fromFormula, double deltaDiff, double weightGradDiff) {
    }

    @Override
    public Integer call() {
        run(main.seed(), spec.commandLine().getOut());
        return 0;
    }

    /**
     * Builds the network, runs forward and backward, compares and prints.
     *
     * @param seed seed of the initial weights
     * @param out  where the table goes
     * @return one comparison per layer, first layer first
     */
    public static List<Layer> run(long seed, PrintWriter out) {
        MLP net = MLP.of(SIZES).activation(Activation.SIGMOID).build(seed);
        Trace trace = net.forwardWithTrace(Tensor.vector(INPUT));
        Tensor cost = new QuadraticCost().compute(trace.output(), Tensor.vector(TARGET));
        cost.backward();

        int depth = trace.depth();
        // The textbook side: forward and delta rule from the weights, in plain doubles.
        double[][] z = new double[depth + 1][];
        double[][] a = new double[depth + 1][];
        a[0] = INPUT.clone();
        for (int l = 1; l <= depth; l++) {
            double[] w = net.layer(l).weight().value().toArray();
            double[] b = net.layer(l).bias().value().toArray();
            z[l] = affine(w, b, a[l - 1]);
            a[l] = new double[z[l].length];
            for (int j = 0; j < z[l].length; j++) {
                a[l][j] = sigma(z[l][j]);
            }
        }
        double[][] delta = new double[depth + 2][];
        delta[depth] = new double[a[depth].length];
        for (int j = 0; j < a[depth].length; j++) {
            delta[depth][j] = (a[depth][j] - TARGET[j]) * sigmaPrime(z[depth][j]);
        }
        for (int l = depth - 1; l >= 1; l--) {
            double[] w = net.layer(l + 1).weight().value().toArray();
            double[] back = transposeTimes(w, delta[l + 1].length, z[l].length, delta[l + 1]);
            delta[l] = new double[z[l].length];
            for (int j = 0; j < z[l].length; j++) {
                delta[l][j] = back[j] * sigmaPrime(z[l][j]);
            }
        }

        out.printf(Locale.ROOT, "delta-rule: network %s, sigmoid everywhere, C = 1/2 sum (a^L - y)^2%n",
                Arrays.toString(SIZES));
        out.printf(Locale.ROOT, "x = %s, y = %s, C = %.12f%n", Arrays.toString(INPUT), Arrays.toString(TARGET),
                cost.item());
        out.println("delta^l read from the graph (retained gradient of z^l) beside the textbook formula;");
        out.println("layers are numbered by weight matrix, l = 1.." + depth
                + " (the notes count the input as layer 1, so their layers 2.." + (depth + 1) + "):");
        List<Layer> layers = new ArrayList<>();
        for (int l = 1; l <= depth; l++) {
            double[] graph = trace.delta(l).toArray();
            double diff = maxAbsDiff(graph, delta[l]);
            double[] wGrad = net.layer(l).weight().grad().toArray();
            double[] outer = outer(delta[l], a[l - 1]);
            double wDiff = maxAbsDiff(wGrad, outer);
            layers.add(new Layer(l, graph, delta[l], diff, wDiff));
            out.printf(Locale.ROOT, "layer %d  %s%n", l, l == depth ? "delta^L = (a^L - y) * sigma'(z^L)"
                    : "delta^l = (W^(l+1)^T delta^(l+1)) * sigma'(z^l)");
            out.printf(Locale.ROOT, "  graph    %s%n", format(graph));
            out.printf(Locale.ROOT, "  formula  %s%n", format(delta[l]));
            out.printf(Locale.ROOT, "  max |difference| %.3e;  dC/dW^l vs delta^l (a^(l-1))^T: %.3e%n", diff, wDiff);
        }
        double worst = layers.stream().mapToDouble(x -> Math.max(x.deltaDiff(), x.weightGradDiff())).max().orElse(0);
        out.printf(Locale.ROOT, "largest difference over all layers: %.3e (%s 1e-12)%n", worst,
                worst < 1e-12 ? "below" : "NOT below");
        out.flush();
        return layers;
    }

    private static double sigma(double v) {
        return 1 / (1 + Math.exp(-v));
    }

    private static double sigmaPrime(double v) {
        double s = sigma(v);
        return s * (1 - s);
    }

    /** W a + b for W stored row-major (out, in). */
    private static double[] affine(double[] w, double[] b, double[] a) {
        double[] z = new double[b.length];
        for (int j = 0; j < b.length; j++) {
            double s = b[j];
            for (int k = 0; k < a.length; k++) {
                s += w[j * a.length + k] * a[k];
            }
            z[j] = s;
        }
        return z;
    }

    /** Wᵀ d for W stored row-major (rows, cols). */
    private static double[] transposeTimes(double[] w, int rows, int cols, double[] d) {
        double[] out = new double[cols];
        for (int j = 0; j < rows; j++) {
            for (int k = 0; k < cols; k++) {
                out[k] += w[j * cols + k] * d[j];
            }
        }
        return out;
    }

    private static double[] outer(double[] u, double[] v) {
        double[] out = new double[u.length * v.length];
        for (int j = 0; j < u.length; j++) {
            for (int k = 0; k < v.length; k++) {
                out[j * v.length + k] = u[j] * v[k];
            }
        }
        return out;
    }

    private static double maxAbsDiff(double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalStateException("lengths differ: " + x.length + " and " + y.length);
        }
        double m = 0;
        for (int i = 0; i < x.length; i++) {
            m = Math.max(m, Math.abs(x[i] - y[i]));
        }
        return m;
    }

    private static String format(double[] v) {
        StringBuilder s = new StringBuilder("[");
        for (int i = 0; i < v.length; i++) {
            s.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%+.15f", v[i]));
        }
        return s.append(']').toString();
    }
}
