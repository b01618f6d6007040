package io.github.chainrule.examples.digits;

import io.github.chainrule.examples.Main;
import io.github.chainrule.examples.classify.Classification;
import io.github.chainrule.examples.data.Digits;
import io.github.chainrule.examples.data.LabelledData;
import io.github.chainrule.nn.io.Checkpoints;
import io.github.chainrule.nn.data.Dataset;
import io.github.chainrule.nn.data.Split;
import io.github.chainrule.nn.data.Standardizer;
import io.github.chainrule.nn.layers.Activation;
import io.github.chainrule.nn.layers.MLP;
import io.github.chainrule.nn.loss.CrossEntropy;
import io.github.chainrule.nn.train.ProgressMode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code chainrule digits}, the default job: an MLP learns the bundled 8x8 handwritten digits
 * (1,797 samples; a seeded split into 1,347 for training and 450 for testing; features
 * standardised with the training set's statistics), with cross-entropy and Adam. Writes the
 * training curves as a PNG and the weights as safetensors.
 */
@Command(name = "digits", mixinStandardHelpOptions = true,
        description = "Train an MLP on the bundled 8x8 handwritten digits (the default job).")
public final class DigitsCommand implements Callable<Integer> {

    /** Samples held out for testing: the classic 1,347 / 450 split of the 1,797 digits. */
    public static final int TEST_SAMPLES = 450;

    @ParentCommand
    private Main main;

    @Spec
    private CommandSpec spec;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "30",
            description = "Passes over the training set (default: ${DEFAULT-VALUE}).")
    private int epochs;

    @Option(names = "--hidden", paramLabel = "SIZES", split = ",", defaultValue = "64",
            description = "Hidden layer sizes, comma-separated (default: ${DEFAULT-VALUE}).")
    private int[] hidden;

    @Option(names = "--lr", paramLabel = "ETA", defaultValue = "0.003",
            description = "Adam learning rate (default: ${DEFAULT-VALUE}).")
    private double learningRate;

    @Option(names = "--batch", paramLabel = "M", defaultValue = "32",
            description = "Mini-batch size (default: ${DEFAULT-VALUE}).")
    private int batch;

    @Option(names = "--progress", paramLabel = "WHEN", defaultValue = "ALWAYS",
            description = "Progress bar: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    private ProgressMode progress;

    /** Creates the command; picocli fills in the options. */
    public DigitsCommand() {
    }

    /**
     * What to train.
     *
     * @param epochs       passes over the training set
     * @param hidden       hidden layer sizes
     * @param learningRate Adam's η
     * @param batch        mini-batch size
     * @param seed         seed of the split, the initial weights and the shuffles
     * @param progress     when to show the progress bar
     */
    public record Config(int epochs, int[] hidden, double learningRate, int batch, long seed, ProgressMode progress) {

        /**
         * The defaults of the command line.
         *
         * @param seed the seed
         * @return 30 epochs, one hidden layer of 64, η = 0.003, batches of 32, progress bar on
         */
        public static Config defaults(long seed) {
            return new Config(30, new int[] {64}, 0.003, 32, seed, ProgressMode.ALWAYS);
        }
    }

    /**
     * What a run produced.
     *
     * @param testAccuracy accuracy on the 450 held-out digits
     * @param seconds      training time
     * @param curves       the PNG of the training curves
     * @param model        the safetensors file of the weights
     * @param outcome      the full training outcome
     */
    public record Report(double testAccuracy, double seconds, Path curves, Path model, Classification.Outcome outcome) {
    }

    @Override
    public Integer call() throws IOException {
        Config config = new Config(epochs, hidden, learningRate, batch, main.seed(), progress);
        run(config, main.outputDirectory(), spec.commandLine().getOut());
        return 0;
    }

    /**
     * Trains, evaluates and saves; prints what it does to {@code out}.
     *
     * @param config what to train
     * @param outDir where the files go
     * @param out    where the account goes
     * @return accuracy, time and files
     * @throws IOException if a file cannot be written
     */
    public static Report run(Config config, Path outDir, PrintWriter out) throws IOException {
        LabelledData digits = Digits.load();
        Split split = Classification.dataset(digits).split((double) TEST_SAMPLES / digits.rows(), config.seed());
        Standardizer standardizer = Standardizer.fit(split.train());
        Dataset train = standardizer.transform(split.train());
        Dataset test = standardizer.transform(split.test());
        int[] sizes = sizes(Digits.FEATURES, config.hidden(), Digits.CLASSES);
        MLP model = MLP.of(sizes).hiddenActivation(Activation.RELU).build(config.seed());
        out.printf(Locale.ROOT, "digits: %d training / %d test samples, MLP %s (%d parameters), "
                + "Adam lr %s, %d epochs of batches of %d%n", train.size(), test.size(), arrow(sizes),
                model.parameterCount(), config.learningRate(), config.epochs(), config.batch());
        out.flush();
        Classification.Outcome outcome = Classification.train(model, new CrossEntropy(), train, test,
                new Classification.Settings(config.epochs(), config.batch(), config.learningRate(), config.seed(),
                        config.progress()));
        Path curves = Classification.curves(outcome.history(), outDir.resolve("digits-training.png"),
                "digits MLP " + arrow(sizes));
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("model", "MLP " + arrow(sizes) + ", ReLU hidden, logits out");
        metadata.put("dataset", "UCI 8x8 digits, standardised with the training set's mean and std, stored as the"
                + " F64 vectors " + Standardizer.MEAN + " and " + Standardizer.STD);
        metadata.put("test_accuracy", String.format(Locale.ROOT, "%.4f", outcome.testAccuracy()));
        Path modelFile = outDir.resolve("digits-mlp.safetensors");
        Checkpoints.save(model, modelFile, metadata, standardizer.tensors());
        out.printf(Locale.ROOT, "test accuracy %.2f%% (%d of %d), final train loss %.4f, trained in %.1f s%n",
                100 * outcome.testAccuracy(), Math.round(outcome.testAccuracy() * test.size()), test.size(),
                outcome.history().last().trainLoss(), outcome.seconds());
        out.printf("wrote %s%n      %s%n", curves.toAbsolutePath(), modelFile.toAbsolutePath());
        out.flush();
        return new Report(outcome.testAccuracy(), outcome.seconds(), curves, modelFile, outcome);
    }

    /** Input size, hidden sizes, output size. */
    public static int[] sizes(int in, int[] hidden, int outSize) {
        int[] sizes = new int[hidden.length + 2];
        sizes[0] = in;
        System.arraycopy(hidden, 0, sizes, 1, hidden.length);
        sizes[sizes.length - 1] = outSize;
        return sizes;
    }

    /** "64-64-10". */
    public static String arrow(int[] sizes) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < sizes.length; i++) {
            s.append(i == 0 ? "" : "-").append(sizes[i]);
        }
        return s.toString();
    }
}
