package io.github.chainrule.examples.fashion;

import io.github.chainrule.examples.Main;
import io.github.chainrule.examples.classify.Classification;
import io.github.chainrule.examples.data.FashionMnist;
import io.github.chainrule.examples.data.MissingDataException;
import io.github.chainrule.examples.data.TrainTest;
import io.github.chainrule.examples.digits.DigitsCommand;
import io.github.chainrule.nn.io.Checkpoints;
import io.github.chainrule.nn.data.Dataset;
import io.github.chainrule.nn.layers.Activation;
import io.github.chainrule.nn.layers.MLP;
import io.github.chainrule.nn.loss.CrossEntropy;
import io.github.chainrule.nn.optim.LearningRateSchedule;
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
 * {@code chainrule fashion-mnist}: a 784-256-128-10 ReLU MLP on Fashion-MNIST (pixels in
 * [0, 1]), cross-entropy and Adam, trained on the 60,000 training images and measured on the
 * 10,000 test images. Writes the training curves as a PNG and the weights as safetensors.
 */
@Command(name = "fashion-mnist", mixinStandardHelpOptions = true,
        description = "Train an MLP on Fashion-MNIST (read from IDX files, e.g. Debian's dataset-fashion-mnist).")
public final class FashionMnistCommand implements Callable<Integer> {

    @ParentCommand
    private Main main;

    @Spec
    private CommandSpec spec;

    @Option(names = "--data", paramLabel = "DIR",
            description = "Directory of the four IDX files, raw or .gz (default: ${DEFAULT-VALUE}).")
    private Path data = FashionMnist.DEFAULT_DIR;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "12",
            description = "Passes over the training set (default: ${DEFAULT-VALUE}).")
    private int epochs;

    @Option(names = "--limit", paramLabel = "N",
            description = "Use only the first N training and N test images (default: all).")
    private int limit = Integer.MAX_VALUE;

    @Option(names = "--hidden", paramLabel = "SIZES", split = ",", defaultValue = "256,128",
            description = "Hidden layer sizes, comma-separated (default: ${DEFAULT-VALUE}).")
    private int[] hidden;

    @Option(names = "--lr", paramLabel = "ETA", defaultValue = "0.001",
            description = "Adam learning rate (default: ${DEFAULT-VALUE}).")
    private double learningRate;

    @Option(names = "--batch", paramLabel = "M", defaultValue = "64",
            description = "Mini-batch size (default: ${DEFAULT-VALUE}).")
    private int batch;

    @Option(names = "--progress", paramLabel = "WHEN", defaultValue = "ALWAYS",
            description = "Progress bar: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    private ProgressMode progress;

    /** Creates the command; picocli fills in the options. */
    public FashionMnistCommand() {
    }

    /**
     * What to train.
     *
     * @param data         directory of the IDX files
     * @param limit        most images to use from each part
     * @param epochs       passes over the training set
     * @param hidden       hidden layer sizes
     * @param learningRate Adam's η
     * @param batch        mini-batch size
     * @param seed         seed of the initial weights and the shuffles
     * @param progress     when to show the progress bar
     */
    public record Config(Path data, int limit, int epochs, int[] hidden, double learningRate, int batch, long seed,
            ProgressMode progress) {
    }

    /**
     * What a run produced.
     *
     * @param testAccuracy accuracy on the test images
     * @param seconds      training time (loading excluded)
     * @param curves       the PNG of the training curves
     * @param model        the safetensors file of the weights
     */
    public record Report(double testAccuracy, double seconds, Path curves, Path model) {
    }

    @Override
    public Integer call() throws IOException {
        try {
            run(new Config(data, limit, epochs, hidden, learningRate, batch, main.seed(), progress),
                    main.outputDirectory(), spec.commandLine().getOut());
            return 0;
        } catch (MissingDataException e) {
            spec.commandLine().getErr().println(e.getMessage());
            spec.commandLine().getErr().flush();
            return 1;
        }
    }

    /** Cosine annealing from η down to η/100 over the run: big steps first, fine ones at the end. */
    private static LearningRateSchedule schedule(Config config) {
        return LearningRateSchedule.cosine(config.learningRate(), config.learningRate() / 100, config.epochs());
    }

    /**
     * Loads, trains, evaluates and saves; prints what it does to {@code out}.
     *
     * @param config what to train
     * @param outDir where the files go
     * @param out    where the account goes
     * @return accuracy, time and files
     * @throws MissingDataException if the data set is not in {@code config.data()}
     * @throws IOException          if a file cannot be read or written
     */
    public static Report run(Config config, Path outDir, PrintWriter out) throws IOException {
        long loadStart = System.nanoTime();
        TrainTest parts = FashionMnist.load(config.data(), config.limit());
        Dataset train = Classification.dataset(parts.train());
        Dataset test = Classification.dataset(parts.test());
        int[] sizes = DigitsCommand.sizes(FashionMnist.FEATURES, config.hidden(), FashionMnist.CLASSES);
        MLP model = MLP.of(sizes).hiddenActivation(Activation.RELU).build(config.seed());
        out.printf(Locale.ROOT, "fashion-mnist: loaded %d training / %d test images from %s in %.1f s%n",
                train.size(), test.size(), config.data(), (System.nanoTime() - loadStart) / 1e9);
        out.printf(Locale.ROOT, "MLP %s (%d parameters), Adam lr %s (cosine-annealed), %d epochs of batches of %d%n",
                DigitsCommand.arrow(sizes), model.parameterCount(), config.learningRate(), config.epochs(),
                config.batch());
        out.flush();
        Classification.Outcome outcome = Classification.train(model, new CrossEntropy(), train, test,
                new Classification.Settings(config.epochs(), config.batch(), config.learningRate(), config.seed(),
                        config.progress(), schedule(config)));
        Path curves = Classification.curves(outcome.history(), outDir.resolve("fashion-mnist-training.png"),
                "Fashion-MNIST MLP " + DigitsCommand.arrow(sizes));
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("model", "MLP " + DigitsCommand.arrow(sizes) + ", ReLU hidden, logits out");
        metadata.put("dataset", "Fashion-MNIST, pixels scaled to [0, 1]; " + train.size() + " training images");
        metadata.put("classes", String.join(",", FashionMnist.CLASS_NAMES));
        metadata.put("test_accuracy", String.format(Locale.ROOT, "%.4f", outcome.testAccuracy()));
        Path modelFile = outDir.resolve("fashion-mnist-mlp.safetensors");
        Checkpoints.save(model, modelFile, metadata);
        out.printf(Locale.ROOT, "test accuracy %.2f%% on %d images, final train loss %.4f, trained in %.1f s%n",
                100 * outcome.testAccuracy(), test.size(), outcome.history().last().trainLoss(), outcome.seconds());
        out.printf("wrote %s%n      %s%n", curves.toAbsolutePath(), modelFile.toAbsolutePath());
        out.flush();
        return new Report(outcome.testAccuracy(), outcome.seconds(), curves, modelFile);
    }
}
