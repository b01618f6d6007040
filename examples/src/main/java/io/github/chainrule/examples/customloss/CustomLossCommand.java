package io.github.chainrule.examples.customloss;

import io.github.chainrule.autodiff.Tensor;
import io.github.chainrule.autodiff.check.GradCheck;
import io.github.chainrule.autodiff.check.GradCheckReport;
import io.github.chainrule.examples.Main;
import io.github.chainrule.examples.classify.Classification;
import io.github.chainrule.examples.data.Digits;
import io.github.chainrule.examples.digits.DigitsCommand;
import io.github.chainrule.nn.data.Dataset;
import io.github.chainrule.nn.data.Split;
import io.github.chainrule.nn.data.Standardizer;
import io.github.chainrule.nn.layers.MLP;
import io.github.chainrule.nn.train.ProgressMode;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.commons.math3.random.Well19937c;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code chainrule custom-loss}: composes the {@link FocalLoss} from tensor primitives, checks
 * its first and second derivatives against finite differences with {@link GradCheck}, then
 * trains a digits MLP with it.
 */
@Command(name = "custom-loss", mixinStandardHelpOptions = true,
        description = "Compose a focal loss from tensor ops, gradcheck it (1st and 2nd order), train digits with it.")
public final class CustomLossCommand implements Callable<Integer> {

    /** The labels of the gradient-check example: four samples, three classes. */
    static final int[] CHECK_LABELS = {0, 2, 1, 2};

    @ParentCommand
    private Main main;

    @Spec
    private CommandSpec spec;

    @Option(names = "--gamma", paramLabel = "G", defaultValue = "2",
            description = "Focusing parameter of the focal loss (default: ${DEFAULT-VALUE}).")
    private double gamma;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "20",
            description = "Epochs of digits training (default: ${DEFAULT-VALUE}).")
    private int epochs;

    /** Creates the command; picocli fills in the options. */
    public CustomLossCommand() {
    }

    /**
     * What a run produced.
     *
     * @param firstOrder   the gradient check of the loss with respect to the logits
     * @param secondOrder  the check of its second derivatives
     * @param testAccuracy digits test accuracy of the MLP trained with the loss
     */
    public record Report(GradCheckReport firstOrder, GradCheckReport secondOrder, double testAccuracy) {
    }

    @Override
    public Integer call() {
        Report report = run(gamma, epochs, main.seed(), spec.commandLine().getOut());
        return report.firstOrder().passed() && report.secondOrder().passed() ? 0 : 1;
    }

    /**
     * Checks the loss, trains with it, prints both.
     *
     * @param gamma  the focusing parameter
     * @param epochs epochs of training
     * @param seed   seed of the check's logits, the split and the initial weights
     * @param out    where the account goes
     * @return the reports and the accuracy
     */
    public static Report run(double gamma, int epochs, long seed, PrintWriter out) {
        FocalLoss loss = new FocalLoss(gamma);
        Tensor logits = Tensor.randn(new Well19937c(seed), CHECK_LABELS.length, 3);
        out.printf(Locale.ROOT, "custom-loss: focal loss FL = -mean((1 - p_t)^%s log p_t), p_t = softmax(z)_y,%n"
                + "built from logSoftmax, gather, exp, rsub, pow, mul, mean; no derivative written%n", gamma);
        GradCheckReport first = GradCheck.defaults().check(in -> loss.compute(in[0], CHECK_LABELS), logits);
        GradCheckReport second = GradCheck.defaults().checkSecondOrder(in -> loss.compute(in[0], CHECK_LABELS), logits);
        out.println("GradCheck.defaults().check(...):            " + first);
        out.println("GradCheck.defaults().checkSecondOrder(...): " + second);
        out.flush();

        Split split = Classification.dataset(Digits.load())
                .split((double) DigitsCommand.TEST_SAMPLES / Digits.ROWS, seed);
        Standardizer standardizer = Standardizer.fit(split.train());
        Dataset train = standardizer.transform(split.train());
        Dataset test = standardizer.transform(split.test());
        MLP model = MLP.of(Digits.FEATURES, 64, Digits.CLASSES).build(seed);
        Classification.Outcome outcome = Classification.train(model, loss, train, test,
                new Classification.Settings(epochs, 32, 0.003, seed, ProgressMode.NEVER));
        out.printf(Locale.ROOT, "digits MLP 64-64-10 trained with the focal loss for %d epochs: test accuracy %.2f%%, "
                + "final train loss %.4f, %.1f s%n", epochs, 100 * outcome.testAccuracy(),
                outcome.history().last().trainLoss(), outcome.seconds());
        out.flush();
        return new Report(first, second, outcome.testAccuracy());
    }
}
