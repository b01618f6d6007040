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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;

/**
 * The mini-batch training loop. Each epoch: set the learning rate from the schedule, shuffle
 * the training set into mini-batches (seeded), and for each batch
 * <pre>
 *   zero gradients → output = model.forward(X) → C = loss(output, Y) → C.backward()
 *   → (clip) → optimizer.step()
 * </pre>
 * then evaluate on the validation set, tell the listeners, and check early stopping.
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
    }

    /** A builder for training {@code model} by minimising {@code loss} with {@code optimizer}. */
    public static Builder builder(Module model, Loss loss, Optimizer optimizer) {
        return new Builder(model, loss, optimizer);
    }

    /**
     * Trains on {@code train} for the configured epochs (or until early stopping).
     *
     * @return the per-epoch statistics
     * @throws IllegalArgumentException when early stopping monitors validation values but no
     *     validation set was given, or a metric is monitored without a metric
     */
    public TrainingHistory fit(Dataset train) {
        checkMonitorAvailable();
        RandomGenerator rng = new Well19937c(seed);
        long batchesPerEpoch = (train.size() + batchSize - 1) / batchSize;
        List<EpochStats> history = new ArrayList<>();
        double best = Double.NaN;
        int bestEpoch = -1;
        int sinceBest = 0;
        Map<String, Tensor> bestState = null;
        boolean stopped = false;
        try (Progress progress = openProgress(batchesPerEpoch * epochs)) {
            for (int epoch = 1; epoch <= epochs; epoch++) {
                long start = System.nanoTime();
                if (schedule != null) {
                    optimizer.setLearningRate(schedule.rate(epoch - 1));
                }
                double lossSum = 0;
                double metricSum = 0;
                for (Batch batch : batches(train, epoch, rng)) {
                    optimizer.zeroGrad();
                    Tensor output = model.forward(batch.features());
                    Tensor cost = loss.compute(output, batch.targets());
                    cost.backward();
                    if (clipNorm > 0) {
                        GradientClipping.clipByGlobalNorm(optimizer.parameters().values(), clipNorm);
                    }
                    optimizer.step();
                    lossSum += cost.item() * batch.size();
                    if (metric != null) {
                        metricSum += metric.compute(output, batch.targets()) * batch.size();
                    }
                    progress.step();
                }
                Evaluation val = validation == null ? new Evaluation(Double.NaN, Double.NaN) : evaluate(validation);
                EpochStats stats = new EpochStats(epoch, lossSum / train.size(),
                        metric == null ? Double.NaN : metricSum / train.size(), val.loss(), val.metric(),
                        optimizer.learningRate(), (System.nanoTime() - start) / 1_000_000);
                history.add(stats);
                progress.message(stats.summary());
                for (TrainingListener l : listeners) {
                    l.onEpochEnd(stats);
                }
                if (earlyStopping != null) {
                    double v = earlyStopping.monitor().valueOf(stats);
                    if (earlyStopping.improves(v, best)) {
                        best = v;
                        bestEpoch = epoch;
                        sinceBest = 0;
                        if (earlyStopping.restoresBestWeights()) {
                            bestState = model.stateDict();
                        }
                    } else if (++sinceBest >= earlyStopping.patience()) {
                        stopped = epoch < epochs;
                        break;
                    }
                }
            }
        }
        if (bestState != null) {
            model.loadStateDict(bestState);
        }
        return new TrainingHistory(history, stopped, earlyStopping == null || bestEpoch < 0 ? history.size() : bestEpoch);
    }

    /** The epoch's batches: the seeded shuffle, or the configured {@link BatchOrder}. */
    private List<Batch> batches(Dataset train, int epoch, RandomGenerator rng) {
        if (batchOrder == null) {
            return train.batches(batchSize, rng);
        }
        List<Batch> out = new ArrayList<>();
        for (int[] indices : batchOrder.batches(epoch, train.size())) {
            out.add(train.subset(indices).asBatch());
        }
        return out;
    }

    /** The mean loss (and metric) of the model on {@code data}, without recording a graph. */
    public Evaluation evaluate(Dataset data) {
        try (Grad.Scope off = Grad.disabled()) {
            Batch all = data.asBatch();
            Tensor output = model.forward(all.features());
            double l = loss.compute(output, all.targets()).item();
            return new Evaluation(l, metric == null ? Double.NaN : metric.compute(output, all.targets()));
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

        /** A validation set evaluated after every epoch. */
        public Builder validation(Dataset data) {
            this.validation = data;
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
