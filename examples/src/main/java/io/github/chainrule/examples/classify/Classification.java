package io.github.chainrule.examples.classify;

import io.github.chainrule.autodiff.Tensor;
import io.github.chainrule.examples.data.LabelledData;
import io.github.chainrule.examples.plot.Charts;
import io.github.chainrule.examples.plot.Series;
import io.github.chainrule.nn.data.Dataset;
import io.github.chainrule.nn.layers.MLP;
import io.github.chainrule.nn.loss.Loss;
import io.github.chainrule.nn.optim.Adam;
import io.github.chainrule.nn.optim.LearningRateSchedule;
import io.github.chainrule.nn.train.Accuracy;
import io.github.chainrule.nn.train.EpochStats;
import io.github.chainrule.nn.train.ProgressMode;
import io.github.chainrule.nn.train.Trainer;
import io.github.chainrule.nn.train.TrainingHistory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * What the classification examples share: turning a {@link LabelledData} into an nn
 * {@link Dataset}, training an {@link MLP} with Adam through nn's {@link Trainer} while
 * measuring test accuracy after every epoch, and drawing the curves.
 */
public final class Classification {

    private Classification() {
    }

    /**
     * How to train.
     *
     * @param epochs       passes over the training set
     * @param batchSize    samples per mini-batch
     * @param learningRate Adam's step size η
     * @param seed         seed of the mini-batch shuffles
     * @param progress     when to show the console progress bar
     * @param schedule     the learning rate per epoch, or null to keep {@code learningRate}
     */
    public record Settings(int epochs, int batchSize, double learningRate, long seed, ProgressMode progress,
            LearningRateSchedule schedule) {

        /**
         * Settings with a constant learning rate.
         *
         * @param epochs       passes over the training set
         * @param batchSize    samples per mini-batch
         * @param learningRate Adam's step size η
         * @param seed         seed of the mini-batch shuffles
         * @param progress     when to show the console progress bar
         */
        public Settings(int epochs, int batchSize, double learningRate, long seed, ProgressMode progress) {
            this(epochs, batchSize, learningRate, seed, progress, null);
        }
    }

    /**
     * A finished training run.
     *
     * @param model        the trained network
     * @param history      per-epoch losses and accuracies (validation = the test set)
     * @param testAccuracy accuracy on the test set after the last epoch, in [0, 1]
     * @param seconds      wall-clock time of the training loop, evaluation included
     */
    public record Outcome(MLP model, TrainingHistory history, double testAccuracy, double seconds) {
    }

    /**
     * Wraps labelled data as an nn data set: features (n, d), integer labels.
     *
     * @param data the samples
     * @return the same samples as a {@link Dataset}
     */
    public static Dataset dataset(LabelledData data) {
        return Dataset.of(Tensor.of(data.features(), data.rows(), data.columns()), data.labels());
    }

    /**
     * Trains {@code model} on {@code train} by minimising {@code loss} with Adam, evaluating on
     * {@code test} after every epoch.
     *
     * @param model    the network; its parameters are updated in place
     * @param loss     the cost, e.g. cross-entropy on logits
     * @param train    training samples
     * @param test     held-out samples
     * @param settings epochs, batch size, learning rate, seed, progress bar
     * @return the trained model, its history and test accuracy
     */
    public static Outcome train(MLP model, Loss loss, Dataset train, Dataset test, Settings settings) {
        Trainer.Builder builder = Trainer.builder(model, loss, new Adam(model, settings.learningRate()))
                .epochs(settings.epochs())
                .batchSize(settings.batchSize())
                .seed(settings.seed())
                .metric(Accuracy.ofClasses())
                .validation(test)
                .progress(settings.progress());
        if (settings.schedule() != null) {
            builder.schedule(settings.schedule());
        }
        Trainer trainer = builder.build();
        long start = System.nanoTime();
        TrainingHistory history = trainer.fit(train);
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Outcome(model, history, history.last().validationMetric(), seconds);
    }

    /**
     * Writes the training and test loss and accuracy per epoch as a two-panel PNG.
     *
     * @param history what training measured
     * @param png     the file to write
     * @param title   what was trained
     * @return {@code png}
     * @throws IOException if the file cannot be written
     */
    public static Path curves(TrainingHistory history, Path png, String title) throws IOException {
        List<EpochStats> epochs = history.epochs();
        int n = epochs.size();
        double[] trainLoss = new double[n];
        double[] testLoss = new double[n];
        double[] trainAccuracy = new double[n];
        double[] testAccuracy = new double[n];
        for (int i = 0; i < n; i++) {
            EpochStats e = epochs.get(i);
            trainLoss[i] = e.trainLoss();
            testLoss[i] = e.validationLoss();
            trainAccuracy[i] = e.trainMetric();
            testAccuracy[i] = e.validationMetric();
        }
        return Charts.trainingCurves(png, title,
                List.of(new Series("train loss", trainLoss), new Series("test loss", testLoss)),
                List.of(new Series("train accuracy", trainAccuracy), new Series("test accuracy", testAccuracy)));
    }
}
