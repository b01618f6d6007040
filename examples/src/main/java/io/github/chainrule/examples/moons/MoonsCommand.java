package io.github.chainrule.examples.moons;

import io.github.chainrule.autodiff.Grad;
import io.github.chainrule.autodiff.Scalar;
import io.github.chainrule.examples.Main;
import io.github.chainrule.examples.data.LabelledData;
import io.github.chainrule.examples.data.Moons;
import io.github.chainrule.examples.plot.Charts;
import io.github.chainrule.examples.plot.DecisionGrid;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code chainrule moons}: micrograd's demo on the scalar graph. Two moons (100 points, noise
 * 0.1, labels ±1), a 2-16-16-1 {@link ScalarMLP}, the SVM max-margin loss
 * <pre>
 *   L = (1/n) Σ_i relu(1 − y_i · score_i) + 10⁻⁴ Σ_p p²
 * </pre>
 * and full-batch gradient descent with learning rate 1 − 0.9·k/K at step k of K. Writes the
 * decision boundary as a PNG.
 */
@Command(name = "moons", mixinStandardHelpOptions = true,
        description = "micrograd's two-moons demo on the scalar graph: a 2-16-16-1 MLP of Scalars, SVM loss.")
public final class MoonsCommand implements Callable<Integer> {

    /** The L2 regularisation strength α. */
    public static final double ALPHA = 1e-4;

    @ParentCommand
    private Main main;

    @Spec
    private CommandSpec spec;

    @Option(names = "--steps", paramLabel = "K", defaultValue = "100",
            description = "Gradient-descent steps (default: ${DEFAULT-VALUE}).")
    private int steps;

    @Option(names = "--samples", paramLabel = "N", defaultValue = "100",
            description = "Points in the data set (default: ${DEFAULT-VALUE}).")
    private int samples;

    /** Creates the command; picocli fills in the options. */
    public MoonsCommand() {
    }

    /**
     * What a run produced.
     *
     * @param accuracy training accuracy after the last step
     * @param loss     total loss at the last step
     * @param seconds  training time
     * @param boundary the decision-boundary PNG
     */
    public record Report(double accuracy, double loss, double seconds, Path boundary) {
    }

    @Override
    public Integer call() throws IOException {
        run(samples, steps, main.seed(), main.outputDirectory(), spec.commandLine().getOut());
        return 0;
    }

    /**
     * Generates the moons, trains, prints progress every tenth step and draws the boundary.
     *
     * @param samples number of points
     * @param steps   number of gradient-descent steps K
     * @param seed    seed of the data and the initial weights
     * @param outDir  where the PNG goes
     * @param out     where the account goes
     * @return accuracy, loss, time and the PNG
     * @throws IOException if the PNG cannot be written
     */
    public static Report run(int samples, int steps, long seed, Path outDir, PrintWriter out) throws IOException {
        LabelledData data = Moons.generate(samples, 0.1, seed);
        List<List<Scalar>> inputs = new ArrayList<>();
        double[] y = new double[data.rows()];
        for (int i = 0; i < data.rows(); i++) {
            inputs.add(List.of(Scalar.constant(data.feature(i, 0)), Scalar.constant(data.feature(i, 1))));
            y[i] = 2 * data.label(i) - 1;
        }
        ScalarMLP model = new ScalarMLP(2, new int[] {16, 16, 1}, seed);
        out.printf(Locale.ROOT, "moons: %d points, scalar MLP 2-16-16-1 (%d parameters), SVM loss, %d steps%n",
                data.rows(), model.parameters().size(), steps);
        long start = System.nanoTime();
        double accuracy = 0;
        double loss = Double.NaN;
        for (int k = 0; k < steps; k++) {
            Scalar dataLoss = Scalar.constant(0);
            int correct = 0;
            for (int i = 0; i < inputs.size(); i++) {
                Scalar score = model.apply(inputs.get(i)).get(0);
                dataLoss = dataLoss.add(score.mul(-y[i]).add(1).relu());
                if ((score.value() > 0) == (y[i] > 0)) {
                    correct++;
                }
            }
            Scalar regLoss = Scalar.constant(0);
            for (Scalar p : model.parameters()) {
                regLoss = regLoss.add(p.mul(p));
            }
            Scalar total = dataLoss.mul(1.0 / inputs.size()).add(regLoss.mul(ALPHA));
            total.backward();
            accuracy = (double) correct / inputs.size();
            loss = total.value();
            double learningRate = 1.0 - 0.9 * k / steps;
            model.step(learningRate);
            if (k % 10 == 0 || k == steps - 1) {
                out.printf(Locale.ROOT, "step %3d loss %.6f, accuracy %.0f%%%n", k, loss, 100 * accuracy);
                out.flush();
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        // The accuracy above was measured before each step; measure the final model too.
        accuracy = accuracy(model, inputs, y);
        DecisionGrid grid = DecisionGrid.around(data, 0.5, 80);
        double[] scores = scores(model, grid);
        Path png = Charts.decisionBoundary(outDir.resolve("moons-boundary.png"),
                String.format(Locale.ROOT, "micrograd moons, scalar MLP 2-16-16-1: accuracy %.0f%%", 100 * accuracy),
                grid, scores, data, List.of("y = -1", "y = +1"));
        out.printf(Locale.ROOT, "final training accuracy %.0f%%, loss %.6f, trained in %.1f s%n", 100 * accuracy, loss,
                seconds);
        out.printf("wrote %s%n", png.toAbsolutePath());
        out.flush();
        return new Report(accuracy, loss, seconds, png);
    }

    private static double accuracy(ScalarMLP model, List<List<Scalar>> inputs, double[] y) {
        try (Grad.Scope off = Grad.disabled()) {
            int correct = 0;
            for (int i = 0; i < inputs.size(); i++) {
                if ((model.apply(inputs.get(i)).get(0).value() > 0) == (y[i] > 0)) {
                    correct++;
                }
            }
            return (double) correct / inputs.size();
        }
    }

    private static double[] scores(ScalarMLP model, DecisionGrid grid) {
        double[] points = grid.points();
        double[] scores = new double[grid.size()];
        try (Grad.Scope off = Grad.disabled()) {
            for (int p = 0; p < grid.size(); p++) {
                List<Scalar> x = List.of(Scalar.constant(points[2 * p]), Scalar.constant(points[2 * p + 1]));
                scores[p] = model.apply(x).get(0).value();
            }
        }
        return scores;
    }
}
