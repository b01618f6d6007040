package io.github.chainrule.examples.graph;

import io.github.chainrule.autodiff.GraphDot;
import io.github.chainrule.autodiff.Scalar;
import io.github.chainrule.autodiff.Tensor;
import io.github.chainrule.examples.Main;
import io.github.chainrule.examples.graphviz.Graphviz;
import io.github.chainrule.nn.layers.Activation;
import io.github.chainrule.nn.layers.MLP;
import io.github.chainrule.nn.layers.Trace;
import io.github.chainrule.nn.loss.QuadraticCost;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code chainrule graph}: draws two computation graphs after {@code backward()}, every box
 * showing its operation, value and gradient (intermediates were asked to {@code retainGrad()}):
 * <ul>
 *   <li>{@code graph-neuron}: micrograd's neuron o = tanh(x1·w1 + x2·w2 + b) on {@link Scalar}s;
 *   <li>{@code graph-mlp}: a 2-3-1 tanh MLP on {@link Tensor}s with the quadratic cost.
 * </ul>
 * Each is written as DOT, and as SVG when Graphviz's {@code dot} is installed.
 */
@Command(name = "graph", mixinStandardHelpOptions = true,
        description = "Write the DOT (and SVG, with Graphviz) of small graphs after backward, with values and gradients.")
public final class GraphCommand implements Callable<Integer> {

    @ParentCommand
    private Main main;

    @Spec
    private CommandSpec spec;

    /** Creates the command. */
    public GraphCommand() {
    }

    @Override
    public Integer call() throws IOException {
        run(main.seed(), main.outputDirectory(), spec.commandLine().getOut());
        return 0;
    }

    /**
     * Builds, differentiates and draws both graphs.
     *
     * @param seed   seed of the MLP's weights
     * @param outDir where the files go
     * @param out    where the account goes
     * @return what Graphviz wrote for the neuron and for the MLP
     * @throws IOException if a DOT file cannot be written
     */
    public static List<Graphviz.Result> run(long seed, java.nio.file.Path outDir, PrintWriter out) throws IOException {
        Graphviz.Result neuron = Graphviz.render(GraphDot.render(neuron()), outDir.toAbsolutePath().resolve("graph-neuron.dot"));
        out.println("micrograd's neuron o = tanh(x1*w1 + x2*w2 + b): " + neuron.message());
        Graphviz.Result mlp = Graphviz.render(GraphDot.render(mlp(seed)), outDir.toAbsolutePath().resolve("graph-mlp.dot"));
        out.println("2-3-1 tanh MLP, C = 1/2 (a - y)^2: " + mlp.message());
        out.flush();
        return List.of(neuron, mlp);
    }

    /** micrograd's README neuron, after {@code o.backward()}; returns o. */
    static Scalar neuron() {
        Scalar x1 = Scalar.of(2.0);
        Scalar x2 = Scalar.of(0.0);
        Scalar w1 = Scalar.of(-3.0);
        Scalar w2 = Scalar.of(1.0);
        Scalar b = Scalar.of(6.8813735870195432);
        Scalar x1w1 = x1.mul(w1);
        Scalar x2w2 = x2.mul(w2);
        Scalar sum = x1w1.add(x2w2);
        Scalar n = sum.add(b);
        Scalar o = n.tanh();
        for (Scalar s : List.of(x1w1, x2w2, sum, n, o)) {
            s.retainGrad();
        }
        o.backward();
        return o;
    }

    /** One sample through a 2-3-1 tanh MLP and the quadratic cost, after backward; returns C. */
    static Tensor mlp(long seed) {
        MLP net = MLP.of(2, 3, 1).activation(Activation.TANH).build(seed);
        Trace trace = net.forwardWithTrace(Tensor.vector(0.5, -1.0));
        for (int l = 1; l <= trace.depth(); l++) {
            trace.a(l).retainGrad(); // z^l retain theirs already: they are the deltas
        }
        Tensor cost = new QuadraticCost().compute(trace.output(), Tensor.vector(1.0));
        cost.retainGrad();
        cost.backward();
        return cost;
    }
}
