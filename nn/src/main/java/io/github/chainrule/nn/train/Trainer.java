package io.github.chainrule.nn.train;

import io.github.chainrule.autodiff.Grad;
import io.github.chainrule.autodiff.Tensor;
import io.github.chainrule.nn.Module;
import io.github.chainrule.nn.data.Batch;
import io.github.chainrule.nn.data.Dataset;
import io.github.chainrule.nn.loss.Loss;
import io.github.chainrule.nn.optim.GradientClipping;
import io.github.chainrule.nn.optim.LearningRateSchedule;
import io.github.chainrule.nn.optim.Optimizer;
import io.github.chainrule.nn.loss.SampleException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;

/**
 * The mini-batch training loop, with the model in training mode ({@link Module#train()}). Each
 * epoch: set the learning rate from the schedule, shuffle the training set into mini-batches
 * (seeded), and for each batch
 * <pre>
 *   zero gradients → output = model.forward(X) → C = loss(output, Y) → C.backward()
 *   → (clip) → optimizer.step()
 * </pre>
 * then evaluate on the validation set (in evaluation mode), tell the listeners, and check early
 * stopping. With {@link Builder#checkpoint} the run writes checkpoints from which {@link
 * #resume} continues it exactly.
 *
 * <pre>{@code
 * Trainer trainer = Trainer.builder(model, new CrossEntropy(), new Adam(model, 1e-3))
 *         .epochs(50).batchSize(32).seed(1).metric(Accuracy.ofClasses())
 *         .validation(test).earlyStopping(EarlyStopping.on(Monitor.VALIDATION_LOSS).patience(5))
 *         .build();
 * TrainingHistory history = trainer.fit(train);
 * }</pre>
 */
public final class Trainer {
    /** The number of batches from which {@link ProgressMode#AUTO} shows a bar on a console. */
    public static final long LONG_RUN_STEPS = 2000;

    private final Module model;
    private final Loss loss;
    private final Optimizer optimizer;
    private final int epochs;
    private final int batchSize;
    private final long seed;
    private final Metric metric;
    private final Dataset validation;
    private final List<TrainingListener> listeners;
    private final EarlyStopping earlyStopping;
    private final LearningRateSchedule schedule;
    private final double clipNorm;
    private final ProgressMode progressMode;
    private final Consumer<String> progressSink;
    private final BatchOrder batchOrder;
    private final Path checkpointPath;
    private final int checkpointEvery;

    private Trainer(Builder b) {
        this.model = b.model;
        this.loss = b.loss;
        this.optimizer = b.optimizer;
        this.epochs = b.epochs;
        this.batchSize = b.batchSize;
        this.seed = b.seed;
        this.metric = b.metric;
        this.validation = b.validation;
        this.listeners = List.copyOf(b.listeners);
        this.earlyStopping = b.earlyStopping;
        this.schedule = b.schedule;
        this.clipNorm = b.clipNorm;
        this.progressMode = b.progressMode;
        this.progressSink = b.progressSink;
        this.batchOrder = b.batchOrder;
        this.checkpointPath = b.checkpointPath;
        this.checkpointEvery = b.checkpointEvery;
    }

    /** A builder for training {@code model} by minimising {@code loss} with {@code optimizer}. */
    public static Builder builder(Module model, Loss loss, Optimizer optimizer) {
        return new Builder(model, loss, optimizer);
    }

    /**
     * Trains on {@code train} for the configured epochs (or until early stopping).
     *
     * @return the per-epoch statistics
     * @throws IllegalArgumentException when the training set is empty, early stopping monitors
     *     validation values but no validation set was given, a metric is monitored without a
     *     metric, or the loss refuses a sample (the message names the sample's row in
     *     {@code train})
     */
    public TrainingHistory fit(Dataset train) {
        checkCanTrain(train);
        return run(train, new RunState());
    }

    /**
     * Continues the run whose checkpoint (written by {@link Builder#checkpoint}) is at {@code
     * checkpoint}: the model's and the optimiser's state are loaded from it, and training goes
     * on from the batch after the last one it had taken, through the same data order. The
     * result, and the model, equal those of a run that was never interrupted, bit for bit,
     * when this trainer is configured as the one that wrote the checkpoint. The returned
     * history includes the epochs finished before the checkpoint.
     *
     * @throws IllegalArgumentException when the checkpoint does not fit the model, the optimiser
     *     or this trainer's seed, batch size and training set size; nothing is loaded then
     */
    public TrainingHistory resume(Dataset train, Path checkpoint) throws IOException {
        checkCanTrain(train);
        RunState run = TrainingCheckpoint.restore(checkpoint, model, optimizer,
                TrainingCheckpoint.config(seed, batchSize, train.size()));
        return run(train, run);
    }

    private void checkCanTrain(Dataset train) {
        if (train.size() == 0) {
            throw new IllegalArgumentException("Trainer.fit: the training set is empty (0 samples); there is nothing to "
                    + "train on");
        }
        checkMonitorAvailable();
    }

    private TrainingHistory run(Dataset train, RunState run) {
        int n = train.size();
        RandomGenerator rng = new Well19937c(seed);
        // The data order of the finished epochs, drawn again so that the generator stands where
        // the interrupted run left it.
        for (int e = 1; e < run.epoch; e++) {
            Dataset.permutation(n, rng);
        }
        int batchesPerEpoch = (n + batchSize - 1) / batchSize;
        model.train();
        double[] config = TrainingCheckpoint.config(seed, batchSize, n);
        boolean stopped = false;
        long remaining = (long) batchesPerEpoch * (epochs - run.epoch + 1) - run.nextBatch;
        try (Progress progress = openProgress(Math.max(0, remaining))) {
            for (; run.epoch <= epochs; run.epoch++, run.nextBatch = 0, run.lossSum = 0, run.metricSum = 0) {
                long start = System.nanoTime();
                if (schedule != null) {
                    optimizer.setLearningRate(schedule.rate(run.epoch - 1));
                }
                List<int[]> batches = epochBatches(n, run.epoch, rng);
                for (int b = run.nextBatch; b < batches.size(); b++) {
                    int[] rows = batches.get(b);
                    trainOn(train.subset(rows).asBatch(), rows, run);
                    run.nextBatch = b + 1;
                    progress.step();
                    long step = (long) (run.epoch - 1) * batchesPerEpoch + run.nextBatch;
                    if (checkpointPath != null && step % checkpointEvery == 0) {
                        writeCheckpoint(run, config);
                    }
                }
                Evaluation val = validation == null ? new Evaluation(Double.NaN, Double.NaN) : evaluate(validation);
                EpochStats stats = new EpochStats(run.epoch, run.lossSum / n,
                        metric == null ? Double.NaN : run.metricSum / n, val.loss(), val.metric(),
                        optimizer.learningRate(), (System.nanoTime() - start) / 1_000_000);
                run.history.add(stats);
                progress.message(stats.summary());
                for (TrainingListener l : listeners) {
                    l.onEpochEnd(stats);
                }
                if (earlyStopping != null) {
                    double v = earlyStopping.monitor().valueOf(stats);
                    if (earlyStopping.improves(v, run.best)) {
                        run.best = v;
                        run.bestEpoch = run.epoch;
                        run.sinceBest = 0;
                        if (earlyStopping.restoresBestWeights()) {
                            run.bestState = model.stateDict();
                        }
                    } else if (++run.sinceBest >= earlyStopping.patience()) {
                        stopped = run.epoch < epochs;
                        break;
                    }
                }
            }
        }
        if (run.bestState != null) {
            model.loadStateDict(run.bestState);
        }
        return new TrainingHistory(run.history, stopped,
                earlyStopping == null || run.bestEpoch < 0 ? run.history.size() : run.bestEpoch);
    }

    /**
     * The rows of each batch of epoch {@code epoch}: the configured {@link BatchOrder}, or the
     * seeded shuffle cut into batches of {@link Builder#batchSize}.
     */
    private List<int[]> epochBatches(int n, int epoch, RandomGenerator rng) {
        if (batchOrder != null) {
            return batchOrder.batches(epoch, n);
        }
        int[] order = Dataset.permutation(n, rng);
        List<int[]> batches = new ArrayList<>();
        for (int from = 0; from < n; from += batchSize) {
            batches.add(Arrays.copyOfRange(order, from, Math.min(n, from + batchSize)));
        }
        return batches;
    }

    /** One step on one batch; a sample the loss refuses is named by its row in the data set. */
    private void trainOn(Batch batch, int[] rows, RunState run) {
        optimizer.zeroGrad();
        Tensor output = model.forward(batch.features());
        Tensor cost;
        try {
            cost = loss.compute(output, batch.targets());
        } catch (SampleException e) {
            throw new IllegalArgumentException(e.messageNaming("data set row " + rows[e.sample()]) + " (epoch "
                    + run.epoch + ")", e);
        }
        cost.backward();
        if (clipNorm > 0) {
            GradientClipping.clipByGlobalNorm(optimizer.parameters().values(), clipNorm);
        }
        optimizer.step();
        run.lossSum += cost.item() * batch.size();
        if (metric != null) {
            run.metricSum += metric.compute(output, batch.targets()) * batch.size();
        }
    }

    private void writeCheckpoint(RunState run, double[] config) {
        try {
            TrainingCheckpoint.save(checkpointPath, model, optimizer, run, config);
        } catch (IOException e) {
            throw new UncheckedIOException("Trainer: could not write the checkpoint " + checkpointPath, e);
        }
    }

    /**
     * The mean loss (and metric) of the model on {@code data}, without recording a graph, in
     * evaluation mode ({@link Module#eval()}: no dropout); a model in training mode is put back
     * into it afterwards.
     *
     * @throws IllegalArgumentException when {@code data} is empty (its mean loss is undefined)
     */
    public Evaluation evaluate(Dataset data) {
        checkNotEmpty("evaluate", data);
        boolean training = model.isTraining();
        model.eval();
        try (Grad.Scope off = Grad.disabled()) {
            Batch all = data.asBatch();
            Tensor output = model.forward(all.features());
            double l = loss.compute(output, all.targets()).item();
            return new Evaluation(l, metric == null ? Double.NaN : metric.compute(output, all.targets()));
        } finally {
            if (training) {
                model.train();
            }
        }
    }

    private static void checkNotEmpty(String what, Dataset data) {
        if (data.size() == 0) {
            throw new IllegalArgumentException("Trainer." + what + ": the data set is empty (0 samples); its mean loss "
                    + "would be NaN");
        }
    }

    private void checkMonitorAvailable() {
        if (earlyStopping == null) {
            return;
        }
        Monitor m = earlyStopping.monitor();
        if ((m == Monitor.VALIDATION_LOSS || m == Monitor.VALIDATION_METRIC) && validation == null) {
            throw new IllegalArgumentException("Trainer: early stopping monitors " + m + " but no validation set was given");
        }
        if ((m == Monitor.TRAIN_METRIC || m == Monitor.VALIDATION_METRIC) && metric == null) {
            throw new IllegalArgumentException("Trainer: early stopping monitors " + m + " but no metric was given");
        }
    }

    private Progress openProgress(long totalSteps) {
        boolean show = switch (progressMode) {
            case ALWAYS -> true;
            case NEVER -> false;
            // A bar only helps a person watching a terminal; redirected output (CI, tests) stays clean.
            case AUTO -> System.console() != null && totalSteps >= LONG_RUN_STEPS;
        };
        return show ? Progress.bar(totalSteps, progressSink) : Progress.quiet();
    }

    /** Configures a {@link Trainer}. Defaults: 10 epochs, batch size 32, seed 0, no metric. */
    public static final class Builder {
        private final Module model;
        private final Loss loss;
        private final Optimizer optimizer;
        private int epochs = 10;
        private int batchSize = 32;
        private long seed;
        private Metric metric;
        private Dataset validation;
        private final List<TrainingListener> listeners = new ArrayList<>();
        private EarlyStopping earlyStopping;
        private LearningRateSchedule schedule;
        private double clipNorm;
        private ProgressMode progressMode = ProgressMode.AUTO;
        private Consumer<String> progressSink;
        private BatchOrder batchOrder;
        private Path checkpointPath;
        private int checkpointEvery;

        private Builder(Module model, Loss loss, Optimizer optimizer) {
            this.model = model;
            this.loss = loss;
            this.optimizer = optimizer;
        }

        /** The number of epochs (≥ 1). */
        public Builder epochs(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("Trainer: epochs must be >= 1, got " + n);
            }
            this.epochs = n;
            return this;
        }

        /** The mini-batch size m (≥ 1); the last batch of an epoch may be smaller. */
        public Builder batchSize(int m) {
            if (m < 1) {
                throw new IllegalArgumentException("Trainer: batch size must be >= 1, got " + m);
            }
            this.batchSize = m;
            return this;
        }

        /** The seed of the shuffling: the same seed gives the same batches. */
        public Builder seed(long s) {
            this.seed = s;
            return this;
        }

        /** A metric reported per epoch (e.g. {@link Accuracy#ofClasses()}). */
        public Builder metric(Metric m) {
            this.metric = m;
            return this;
        }

        /**
         * A validation set evaluated after every epoch.
         *
         * @throws IllegalArgumentException when it is empty (its loss would be NaN)
         */
        public Builder validation(Dataset data) {
            if (data != null) {
                checkNotEmpty("validation", data);
            }
            this.validation = data;
            return this;
        }

        /**
         * Writes a training checkpoint to {@code path} (atomically, replacing the previous one)
         * after every {@code everyBatches} optimiser steps, counted from the run's start: the
         * model, the optimiser's state and the position in the data order, from which {@link
         * Trainer#resume} continues the run exactly.
         *
         * @throws IllegalArgumentException when everyBatches &lt; 1
         */
        public Builder checkpoint(Path path, int everyBatches) {
            if (everyBatches < 1) {
                throw new IllegalArgumentException("Trainer: checkpoint interval must be >= 1 batch, got " + everyBatches);
            }
            this.checkpointPath = java.util.Objects.requireNonNull(path, "path");
            this.checkpointEvery = everyBatches;
            return this;
        }

        /** Adds a listener told about every epoch. */
        public Builder listener(TrainingListener l) {
            this.listeners.add(l);
            return this;
        }

        /** Stops early by the given rule. */
        public Builder earlyStopping(EarlyStopping rule) {
            this.earlyStopping = rule;
            return this;
        }

        /** Sets the optimizer's learning rate from {@code s} at the start of every epoch (t = epoch − 1). */
        public Builder schedule(LearningRateSchedule s) {
            this.schedule = s;
            return this;
        }

        /** Clips gradients to a global norm of at most {@code maxNorm} before every step. */
        public Builder clipGradNorm(double maxNorm) {
            if (!(maxNorm > 0) || !Double.isFinite(maxNorm)) {
                throw new IllegalArgumentException("Trainer: clip norm must be finite and positive, got " + maxNorm);
            }
            this.clipNorm = maxNorm;
            return this;
        }

        /**
         * Takes each epoch's batches from {@code order} instead of the seeded shuffle (the batch
         * size and seed are then unused), e.g. to reproduce a distributed run's batches.
         */
        public Builder batchOrder(BatchOrder order) {
            this.batchOrder = order;
            return this;
        }

        /** When to show the console progress bar (default {@link ProgressMode#AUTO}). */
        public Builder progress(ProgressMode mode) {
            this.progressMode = mode;
            return this;
        }

        /** Sends the progress bar's lines to {@code sink} instead of standard error. */
        public Builder progressTo(Consumer<String> sink) {
            this.progressSink = sink;
            return this;
        }

        /** The trainer. */
        public Trainer build() {
            return new Trainer(this);
        }
    }
}
