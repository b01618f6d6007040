package io.github.chainrule.spark;

import io.github.chainrule.nn.Module;
import io.github.chainrule.nn.Parameter;
import io.github.chainrule.nn.optim.Optimizer;
import io.github.chainrule.nn.train.EpochStats;
import io.github.chainrule.nn.train.TrainingHistory;
import io.github.chainrule.nn.train.TrainingListener;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;

/**
 * Synchronous data-parallel training on Spark: the same model, loss and optimiser as on one
 * machine, each mini-batch's gradient summed over the partitions that hold its rows.
 *
 * <p>Each epoch runs as <em>one</em> Spark barrier stage with one task per partition. A task
 * reads its partition once, and loops over the epoch's steps of the {@link BatchPlan}: the
 * gradient of its share of the global batch (its own seeded row order, no global indices), an
 * allreduce with the other tasks (over TCP, {@link SocketAllReduce}), and
 * the optimiser step on its replica. No Spark job runs per step, and a step costs the same
 * whatever the size of the data. Partition 0 returns the weights and the optimiser's state,
 * which the driver keeps as the epoch's checkpoint, loads into its model and optimiser, and
 * validates with a distributed job.
 *
 * <p>If an epoch's stage fails (a barrier stage fails as a whole when one task does), the
 * epoch is rerun from the last checkpoint, up to {@link Builder#maxRestarts} times; a
 * {@link PoisonedRowException} fails at once. Then a {@link SparkTrainingException} names the
 * epoch and the executor's error, and the driver's model and optimiser hold the checkpoint.
 *
 * <p>A fit equals nn's {@code Trainer} on the rows collected partition by partition with
 * {@code batchOrder(new BatchPlan(partitionSizes, batchSize, seed))}, up to rounding.
 *
 * <pre>{@code
 * MLP model = MLP.of(64, 32, 10).build(1);
 * SparkTrainer trainer = SparkTrainer.builder(sc, model, () -> MLP.of(64, 32, 10).build(0),
 *                 CrossEntropy::new, m -> new Adam(m, 1e-2))
 *         .epochs(10).batchSize(64).seed(1).metric(Accuracy::ofClasses).build();
 * TrainingHistory h = trainer.fit(rows);   // rows: JavaRDD<Sample>
 * }</pre>
 */
public final class SparkTrainer {
    private final JavaSparkContext sc;
    private final Module model;
    private final Optimizer optimizer;
    private final ModelFactory modelFactory;
    private final LossFactory lossFactory;
    private final OptimizerFactory optimizerFactory;
    private final MetricFactory metricFactory;
    private final int epochs;
    private final int batchSize;
    private final long seed;
    private final JavaRDD<Sample> validation;
    private final List<TrainingListener> listeners;
    private final double clipNorm;
    private final long maxSteps;
    private final int maxRestarts;
    private final Consumer<String> log;
    private long steps;
    private int restarts;
    private long[] partitionSizes;
    private EpochTiming lastTiming;

    private SparkTrainer(Builder b) {
        this.sc = b.sc;
        this.model = b.model;
        this.modelFactory = b.modelFactory;
        this.lossFactory = b.lossFactory;
        this.optimizerFactory = b.optimizerFactory;
        this.optimizer = b.optimizerFactory.create(b.model);
        this.metricFactory = b.metricFactory;
        this.epochs = b.epochs;
        this.batchSize = b.batchSize;
        this.seed = b.seed;
        this.validation = b.validation;
        this.listeners = List.copyOf(b.listeners);
        this.clipNorm = b.clipNorm;
        this.maxSteps = b.maxSteps;
        this.maxRestarts = b.maxRestarts;
        this.log = b.log;
    }

    /**
     * A builder for training {@code model} (the driver's copy, updated after every epoch);
     * tasks rebuild the architecture with {@code replicas}, compute {@code loss}, and step an
     * optimiser from {@code optimizer}, which also builds the driver's.
     */
    public static Builder builder(JavaSparkContext sc, Module model, ModelFactory replicas, LossFactory loss,
            OptimizerFactory optimizer) {
        return new Builder(sc, model, replicas, loss, optimizer);
    }

    /** The driver's model, holding the weights of the last completed epoch. */
    public Module model() {
        return model;
    }

    /** The driver's optimiser, holding the state of the last completed epoch. */
    public Optimizer optimizer() {
        return optimizer;
    }

    /** The number of optimiser steps of the completed epochs. */
    public long stepCount() {
        return steps;
    }

    /** How many failed epoch stages were rerun from a checkpoint, over the trainer's life. */
    public int restarts() {
        return restarts;
    }

    /** Where the last completed epoch's time went (null before the first). */
    public EpochTiming lastEpochTiming() {
        return lastTiming;
    }

    /** The rows per partition seen by the last fit (null before), for {@link BatchPlan}. */
    public long[] partitionSizes() {
        return partitionSizes == null ? null : partitionSizes.clone();
    }

    /**
     * Trains for the configured epochs (or until {@link Builder#maxSteps}) on {@code data};
     * the data and the validation rows are persisted for the run if they are not already.
     *
     * @return the per-epoch statistics, as nn's Trainer reports them
     * @throws IllegalArgumentException when the data has more partitions than the cluster has
     *     task slots (a barrier stage needs them all at once)
     * @throws SparkTrainingException when an epoch fails for good; the model and optimiser then
     *     hold the last completed epoch's checkpoint
     */
    public TrainingHistory fit(JavaRDD<Sample> data) {
        checkSlots(data.getNumPartitions());
        boolean persistHere = persistIfNot(data);
        boolean persistValidation = validation != null && persistIfNot(validation);
        try {
            TrainingState checkpoint = TrainingState.of(model, optimizer, 0, steps);
            List<EpochStats> history = new ArrayList<>();
            for (int epoch = 1; epoch <= epochs && checkpoint.steps() < maxSteps; epoch++) {
                long start = System.nanoTime();
                EpochResult r = runEpoch(data, checkpoint, epoch);
                checkpoint = r.state();
                checkpoint.restore(model, optimizer);
                steps = checkpoint.steps();
                partitionSizes = r.partitionSizes();
                double[] val = validation == null ? new double[] {Double.NaN, Double.NaN} : evaluate(validation);
                EpochStats stats = new EpochStats(epoch, r.lossSum() / r.rows(),
                        metricFactory == null ? Double.NaN : r.metricSum() / r.rows(), val[0], val[1],
                        optimizer.learningRate(), (System.nanoTime() - start) / 1_000_000);
                history.add(stats);
                log.accept(stats.summary() + String.format(Locale.ROOT, " (%d steps; per step %.2f ms compute, %.2f ms allreduce)",
                        r.steps(), r.computeNanos() / 1e6 / Math.max(1, r.steps()),
                        r.allReduceNanos() / 1e6 / Math.max(1, r.steps())));
                for (TrainingListener l : listeners) {
                    l.onEpochEnd(stats);
                }
            }
            return new TrainingHistory(history, false, history.size());
        } finally {
            if (persistHere) {
                data.unpersist(false);
            }
            if (persistValidation) {
                validation.unpersist(false);
            }
        }
    }

    /** Persists {@code rows} in memory for the fit unless they are persisted already; says whether it did. */
    private static boolean persistIfNot(JavaRDD<Sample> rows) {
        if (!rows.getStorageLevel().equals(StorageLevel.NONE())) {
            return false;
        }
        rows.persist(StorageLevel.MEMORY_ONLY());
        return true;
    }

    /** Runs epoch {@code epoch} from {@code checkpoint}, rerunning it from there when its stage fails. */
    private EpochResult runEpoch(JavaRDD<Sample> data, TrainingState checkpoint, int epoch) {
        for (int attempt = 1;; attempt++) {
            Broadcast<TrainingState> start = sc.broadcast(checkpoint);
            try {
                EpochTask task = new EpochTask(start, modelFactory, lossFactory, optimizerFactory, metricFactory,
                        batchSize, seed, epoch, maxSteps - checkpoint.steps(), clipNorm);
                long t0 = System.nanoTime();
                EpochResult r = BarrierStage.run(data, task).get(0);
                lastTiming = new EpochTiming(r.steps(), System.nanoTime() - t0, r.computeNanos(), r.allReduceNanos());
                return r;
            } catch (Exception e) {
                // Spark's SparkException is checked in Java's eyes but thrown undeclared from Scala.
                boolean poisoned = isPoisoned(e);
                if (poisoned || attempt > maxRestarts) {
                    throw new SparkTrainingException(epoch, "SparkTrainer: epoch " + epoch + " failed"
                            + (poisoned ? "" : " " + attempt + " times") + ": " + rootMessage(e)
                            + "; the model and the optimiser hold " + (epoch == 1
                                    ? "their values from before the fit" : "the checkpoint of epoch " + (epoch - 1)), e);
                }
                restarts++;
                log.accept("SparkTrainer: epoch " + epoch + " failed (" + rootMessage(e) + "); rerunning it from the "
                        + (epoch == 1 ? "initial weights" : "checkpoint of epoch " + (epoch - 1)));
            } finally {
                start.destroy();
            }
        }
    }

    /**
     * The mean loss and metric (NaN without one) of the driver's model on {@code data},
     * computed by the partitions and added up on the driver.
     */
    public double[] evaluate(JavaRDD<Sample> data) {
        Broadcast<WeightSnapshot> weights = sc.broadcast(WeightSnapshot.of(model));
        try {
            double[] sums = data.mapPartitions(new EvaluationTask(weights, modelFactory, lossFactory, metricFactory))
                    .reduce((a, b) -> new double[] {a[0] + b[0], a[1] + b[1], a[2] + b[2]});
            return new double[] {sums[1] / sums[0], metricFactory == null ? Double.NaN : sums[2] / sums[0]};
        } finally {
            weights.destroy();
        }
    }

    /** The network traffic of one step with {@code partitions} tasks. */
    public StepTraffic traffic(int partitions) {
        long values = 0;
        int tensors = 0;
        for (Parameter p : model.namedParameters().values()) {
            if (p.requiresGrad()) {
                values += p.size();
                tensors++;
            }
        }
        return new StepTraffic(values, 8 * (values + tensors + 2), partitions);
    }

    private void checkSlots(int partitions) {
        int slots = slots(sc);
        if (slots > 0 && partitions > slots) {
            throw new IllegalArgumentException("SparkTrainer: the data has " + partitions + " partitions but the cluster runs "
                    + slots + " tasks at once; a barrier stage starts all its tasks together, so use data.repartition("
                    + slots + ") or fewer partitions (not coalesce: a barrier stage may not narrow its parent's partitions)");
        }
    }

    /** The number of tasks the cluster runs at once (0 while no executor has registered). */
    static int slots(JavaSparkContext sc) {
        org.apache.spark.SparkContext context = sc.sc();
        return context.maxNumConcurrentTasks(context.resourceProfileManager().defaultResourceProfile());
    }

    private static boolean isPoisoned(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof PoisonedRowException
                    || String.valueOf(t.getMessage()).contains(PoisonedRowException.class.getName())) {
                return true;
            }
        }
        return false;
    }

    /**
     * The executor's own words, not Spark's wrapping: the first exception in the cause chain
     * that is not Spark's or Scala's.
     */
    static String rootMessage(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String cls = t.getClass().getName();
            if (!cls.startsWith("org.apache.spark.") && !cls.startsWith("scala.")) {
                return t.getClass().getSimpleName() + ": " + t.getMessage();
            }
        }
        // Spark may carry the executor's exception only as text in the job-abort message.
        return e.getMessage();
    }

    /** Java-serialises {@code o} and reads it back, as Spark does when it ships it; explains failure. */
    static Object roundTrip(Object o, String what) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(o);
        } catch (IOException e) {
            throw new IllegalArgumentException("SparkTrainer: the " + what + " (" + o.getClass().getName()
                    + ") cannot be sent to the executors: " + e + ". It must capture only serialisable values "
                    + "(a lambda or a static nested class, not an anonymous class inside a non-serialisable object)", e);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return in.readObject();
        } catch (IOException | ClassNotFoundException e) {
            throw new IllegalArgumentException("SparkTrainer: the " + what + " (" + o.getClass().getName()
                    + ") serialises but cannot be read back: " + e, e);
        }
    }

    /** Configures a {@link SparkTrainer}. Defaults: 10 epochs, batch size 32, seed 0, 3 restarts. */
    public static final class Builder {
        private final JavaSparkContext sc;
        private final Module model;
        private final ModelFactory modelFactory;
        private final LossFactory lossFactory;
        private final OptimizerFactory optimizerFactory;
        private MetricFactory metricFactory;
        private int epochs = 10;
        private int batchSize = 32;
        private long seed;
        private JavaRDD<Sample> validation;
        private final List<TrainingListener> listeners = new ArrayList<>();
        private double clipNorm;
        private long maxSteps = Long.MAX_VALUE;
        private int maxRestarts = 3;
        private Consumer<String> log = System.out::println;

        private Builder(JavaSparkContext sc, Module model, ModelFactory modelFactory, LossFactory lossFactory,
                OptimizerFactory optimizerFactory) {
            this.sc = sc;
            this.model = model;
            this.modelFactory = modelFactory;
            this.lossFactory = lossFactory;
            this.optimizerFactory = optimizerFactory;
        }

        /** The number of epochs (≥ 1). */
        public Builder epochs(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("SparkTrainer: epochs must be >= 1, got " + n);
            }
            this.epochs = n;
            return this;
        }

        /** The global mini-batch size M (≥ 1), shared among the partitions by {@link BatchPlan}. */
        public Builder batchSize(int m) {
            if (m < 1) {
                throw new IllegalArgumentException("SparkTrainer: batch size must be >= 1, got " + m);
            }
            this.batchSize = m;
            return this;
        }

        /** The seed of the partitions' per-epoch row orders ({@link BatchPlan}). */
        public Builder seed(long s) {
            this.seed = s;
            return this;
        }

        /** A metric reported per epoch, e.g. {@code Accuracy::ofClasses}. */
        public Builder metric(MetricFactory m) {
            this.metricFactory = m;
            return this;
        }

        /** Validation rows, evaluated by a distributed job after every epoch. */
        public Builder validation(JavaRDD<Sample> data) {
            this.validation = data;
            return this;
        }

        /** Adds a listener told about every epoch. */
        public Builder listener(TrainingListener l) {
            this.listeners.add(l);
            return this;
        }

        /** Clips the summed gradient to a global norm of at most {@code maxNorm} before each step. */
        public Builder clipGradNorm(double maxNorm) {
            if (!(maxNorm > 0) || !Double.isFinite(maxNorm)) {
                throw new IllegalArgumentException("SparkTrainer: clip norm must be finite and positive, got " + maxNorm);
            }
            this.clipNorm = maxNorm;
            return this;
        }

        /** Stops after {@code n} steps in all (the last epoch may then be partial). */
        public Builder maxSteps(long n) {
            if (n < 1) {
                throw new IllegalArgumentException("SparkTrainer: max steps must be >= 1, got " + n);
            }
            this.maxSteps = n;
            return this;
        }

        /** How many times a failed epoch is rerun from the last checkpoint (≥ 0; default 3). */
        public Builder maxRestarts(int n) {
            if (n < 0) {
                throw new IllegalArgumentException("SparkTrainer: max restarts must be >= 0, got " + n);
            }
            this.maxRestarts = n;
            return this;
        }

        /** Where the trainer's report lines go (epoch summaries, restarts); default stdout. */
        public Builder log(Consumer<String> sink) {
            this.log = sink == null ? s -> { } : sink;
            return this;
        }

        /**
         * The trainer. Everything that would otherwise fail on the executors is checked here,
         * before any job: the factories serialise and read back, and the factory's model has the
         * driver model's parameter names and shapes.
         *
         * @throws IllegalArgumentException with a message saying what to fix
         */
        public SparkTrainer build() {
            if (sc == null || model == null || modelFactory == null || lossFactory == null || optimizerFactory == null) {
                throw new IllegalArgumentException("SparkTrainer: the Spark context, model, model factory, loss factory and "
                        + "optimiser factory are all required");
            }
            ModelFactory shipped = (ModelFactory) roundTrip(modelFactory, "model factory");
            roundTrip(lossFactory, "loss factory");
            roundTrip(optimizerFactory, "optimiser factory");
            if (metricFactory != null) {
                roundTrip(metricFactory, "metric factory");
            }
            Module replica;
            try {
                replica = shipped.create();
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("SparkTrainer: the model factory fails after serialisation: " + e, e);
            }
            if (replica == null) {
                throw new IllegalArgumentException("SparkTrainer: the model factory returned null");
            }
            List<String> problems = mismatches(model.namedParameters(), replica.namedParameters());
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException("SparkTrainer: the model factory builds " + replica
                        + ", which does not match the driver's " + model + ": " + String.join("; ", problems));
            }
            return new SparkTrainer(this);
        }

        private static List<String> mismatches(Map<String, Parameter> mine, Map<String, Parameter> theirs) {
            List<String> problems = new ArrayList<>();
            for (Map.Entry<String, Parameter> e : mine.entrySet()) {
                Parameter r = theirs.get(e.getKey());
                if (r == null) {
                    problems.add("missing '" + e.getKey() + "'");
                } else if (!Arrays.equals(r.shape(), e.getValue().shape())) {
                    problems.add("'" + e.getKey() + "' is " + Arrays.toString(r.shape()) + ", not "
                            + Arrays.toString(e.getValue().shape()));
                }
            }
            for (String name : theirs.keySet()) {
                if (!mine.containsKey(name)) {
                    problems.add("unexpected '" + name + "'");
                }
            }
            return problems;
        }
    }
}
