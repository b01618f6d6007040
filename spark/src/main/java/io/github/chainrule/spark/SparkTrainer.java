package io.github.chainrule.spark;

import io.github.chainrule.autodiff.Grad;
import io.github.chainrule.autodiff.Tensor;
import io.github.chainrule.nn.Module;
import io.github.chainrule.nn.Parameter;
import io.github.chainrule.nn.data.Batch;
import io.github.chainrule.nn.data.Dataset;
import io.github.chainrule.nn.loss.Loss;
import io.github.chainrule.nn.optim.GradientClipping;
import io.github.chainrule.nn.optim.Optimizer;
import io.github.chainrule.nn.train.EpochStats;
import io.github.chainrule.nn.train.Metric;
import io.github.chainrule.nn.train.TrainingHistory;
import io.github.chainrule.nn.train.TrainingListener;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * Synchronous data-parallel training on Spark: the same model, loss and optimiser as on one
 * machine, with each mini-batch's gradient computed by the partitions that hold its rows.
 *
 * <p>One step, for a global batch B of M row indices:
 * <ol>
 *   <li>the driver broadcasts its model's parameters (names, shapes, values as {@code double[]});
 *   <li>each partition keeps its rows whose index is in B, builds a replica with the {@link
 *       ModelFactory}, loads the broadcast values, and runs forward, loss and backward with
 *       plain nn code on the loss scaled by m_p/M;
 *   <li>{@code treeAggregate} sums the partial gradients (and losses and metrics);
 *   <li>the driver sets the sum as its parameters' gradients and calls {@code optimizer.step()};
 *       the broadcast is destroyed.
 * </ol>
 * The sum of the partitions' gradients is the gradient of the loss over B, so training equals
 * single-machine training on the same batches (up to rounding). Batches are those of nn's
 * {@link io.github.chainrule.nn.train.Trainer} with the same seed and batch size: one
 * Well19937c(seed), one Fisher–Yates permutation of 0…n−1 per epoch, cut into batches.
 *
 * <p>If a step fails (a task throws, or the optimiser refuses the summed gradient), a {@link
 * SparkTrainingException} names the step and the executor's error, and the model and the
 * optimiser are exactly as they were before the step.
 *
 * <pre>{@code
 * MLP model = MLP.of(64, 32, 10).build(1);
 * SparkTrainer trainer = SparkTrainer.builder(sc, model, () -> MLP.of(64, 32, 10).build(0),
 *                 CrossEntropy::new, new Adam(model, 1e-2))
 *         .epochs(10).batchSize(64).seed(1).metric(Accuracy::ofClasses).build();
 * TrainingHistory h = trainer.fit(rows);   // rows: JavaRDD<Sample> with indices 0…n−1
 * }</pre>
 */
public final class SparkTrainer {
    private final JavaSparkContext sc;
    private final Module model;
    private final ModelFactory modelFactory;
    private final LossFactory lossFactory;
    private final MetricFactory metricFactory;
    private final Optimizer optimizer;
    private final int epochs;
    private final int batchSize;
    private final long seed;
    private final Dataset validation;
    private final List<TrainingListener> listeners;
    private final double clipNorm;
    private final int treeDepth;
    private final Consumer<String> log;
    private final Loss driverLoss;
    private final Metric driverMetric;
    private long steps;

    private SparkTrainer(Builder b) {
        this.sc = b.sc;
        this.model = b.model;
        this.modelFactory = b.modelFactory;
        this.lossFactory = b.lossFactory;
        this.metricFactory = b.metricFactory;
        this.optimizer = b.optimizer;
        this.epochs = b.epochs;
        this.batchSize = b.batchSize;
        this.seed = b.seed;
        this.validation = b.validation;
        this.listeners = List.copyOf(b.listeners);
        this.clipNorm = b.clipNorm;
        this.treeDepth = b.treeDepth;
        this.log = b.log;
        this.driverLoss = lossFactory.create();
        this.driverMetric = metricFactory == null ? null : metricFactory.create();
    }

    /**
     * A builder for training {@code model} (on the driver) with {@code optimizer} (built over
     * {@code model}'s parameters); executors rebuild the architecture with {@code replicas}
     * and compute {@code loss}.
     */
    public static Builder builder(JavaSparkContext sc, Module model, ModelFactory replicas, LossFactory loss,
            Optimizer optimizer) {
        return new Builder(sc, model, replicas, loss, optimizer);
    }

    /** The driver's model, updated in place by every step. */
    public Module model() {
        return model;
    }

    /** The number of steps taken so far. */
    public long stepCount() {
        return steps;
    }

    /**
     * Trains for the configured epochs on {@code data}, whose rows must carry the global
     * indices 0…n−1, each once. The data is cached for the run if it is not already.
     *
     * @return the per-epoch statistics, as nn's Trainer reports them
     * @throws IllegalArgumentException when the indices are not 0…n−1 each once
     * @throws SparkTrainingException when a step fails; the model is as before that step
     */
    public TrainingHistory fit(JavaRDD<Sample> data) {
        boolean cached = data.getStorageLevel().equals(StorageLevel.NONE());
        if (cached) {
            data.persist(StorageLevel.MEMORY_ONLY());
        }
        try {
            int n = checkIndices(data);
            log.accept("SparkTrainer: " + n + " rows in " + data.getNumPartitions() + " partitions, "
                    + ((n + batchSize - 1) / batchSize) + " steps per epoch; " + traffic(data.getNumPartitions()).summary());
            RandomGenerator rng = new Well19937c(seed);
            List<EpochStats> history = new ArrayList<>();
            for (int epoch = 1; epoch <= epochs; epoch++) {
                long start = System.nanoTime();
                int[] order = Dataset.permutation(n, rng);
                double lossSum = 0;
                double metricSum = 0;
                for (int from = 0; from < n; from += batchSize) {
                    StepResult r = step(data, Arrays.copyOfRange(order, from, Math.min(n, from + batchSize)));
                    lossSum += r.loss() * r.rows();
                    metricSum += r.metric() * r.rows();
                }
                double valLoss = Double.NaN;
                double valMetric = Double.NaN;
                if (validation != null) {
                    double[] v = evaluate(validation);
                    valLoss = v[0];
                    valMetric = v[1];
                }
                EpochStats stats = new EpochStats(epoch, lossSum / n, driverMetric == null ? Double.NaN : metricSum / n,
                        valLoss, valMetric, optimizer.learningRate(), (System.nanoTime() - start) / 1_000_000);
                history.add(stats);
                log.accept(stats.summary());
                for (TrainingListener l : listeners) {
                    l.onEpochEnd(stats);
                }
            }
            return new TrainingHistory(history, false, history.size());
        } finally {
            if (cached) {
                data.unpersist(false);
            }
        }
    }

    /**
     * One synchronous step on the rows of {@code data} whose global indices are {@code batch}.
     *
     * @return the batch's mean loss and metric, measured before the update
     * @throws IllegalArgumentException when {@code batch} is empty or repeats an index
     * @throws SparkTrainingException when a task fails, the data does not hold exactly the
     *     batch's rows, or the optimiser refuses the gradient; nothing is changed then
     */
    public StepResult step(JavaRDD<Sample> data, int... batch) {
        long[] sorted = sortedDistinct(batch);
        long stepNo = ++steps;
        WeightSnapshot snapshot = WeightSnapshot.of(model);
        Broadcast<WeightSnapshot> weights = sc.broadcast(snapshot);
        PartialGradient sum;
        try {
            GradientTask task = new GradientTask(weights, modelFactory, lossFactory, metricFactory, sorted, stepNo);
            sum = data.mapPartitions(task).treeAggregate(PartialGradient.empty(), PartialGradient::merge,
                    PartialGradient::merge, treeDepth);
        } catch (Exception e) {
            // Spark's SparkException is checked in Java's eyes but thrown undeclared from Scala.
            steps--;
            throw new SparkTrainingException(stepNo, "SparkTrainer: step " + stepNo + " failed on an executor: "
                    + rootMessage(e) + "; the model and the optimiser are unchanged", e);
        } finally {
            weights.destroy();
        }
        if (sum.rows() != sorted.length) {
            steps--;
            throw new SparkTrainingException(stepNo, "SparkTrainer: step " + stepNo + " asked for " + sorted.length
                    + " rows but the data held " + sum.rows() + " of them; rows must carry the indices 0..n-1, each once;"
                    + " the model and the optimiser are unchanged", null);
        }
        applyAndStep(snapshot, sum, stepNo);
        return new StepResult(stepNo, sorted.length, sum.lossSum() / sorted.length,
                driverMetric == null ? Double.NaN : sum.metricSum() / sorted.length);
    }

    private void applyAndStep(WeightSnapshot snapshot, PartialGradient sum, long stepNo) {
        Map<String, Parameter> params = model.namedParameters();
        optimizer.zeroGrad();
        try {
            for (int i = 0; i < snapshot.size(); i++) {
                double[] g = sum.gradient(i);
                if (g != null) {
                    params.get(snapshot.name(i)).setGrad(Tensor.of(g, snapshot.shape(i)));
                }
            }
            if (clipNorm > 0) {
                GradientClipping.clipByGlobalNorm(optimizer.parameters().values(), clipNorm);
            }
            optimizer.step();
        } catch (RuntimeException e) {
            optimizer.zeroGrad();
            steps--;
            throw new SparkTrainingException(stepNo, "SparkTrainer: step " + stepNo + ": the summed gradient was refused: "
                    + e.getMessage(), e);
        }
    }

    /** The mean loss and metric of the driver's model on {@code data}, computed on the driver. */
    public double[] evaluate(Dataset data) {
        try (Grad.Scope off = Grad.disabled()) {
            Batch all = data.asBatch();
            Tensor out = model.forward(all.features());
            double l = driverLoss.compute(out, all.targets()).item();
            double m = driverMetric == null ? Double.NaN : driverMetric.compute(out, all.targets());
            return new double[] {l, m};
        }
    }

    /** The network traffic of one step over data in {@code partitions} partitions. */
    public StepTraffic traffic(int partitions) {
        WeightSnapshot snapshot = WeightSnapshot.of(model);
        double[][] full = new double[snapshot.size()][];
        for (int i = 0; i < snapshot.size(); i++) {
            if (snapshot.trainable(i)) {
                full[i] = new double[snapshot.values(i).length];
            }
        }
        long gradientBytes = serialisedSize(PartialGradient.of(full, 1, 0, 0));
        return new StepTraffic(snapshot.valueCount(), snapshot.trainableValueCount(), serialisedSize(snapshot),
                gradientBytes, partitions);
    }

    /** Checks the indices are 0…n−1, each once, and returns n. */
    private static int checkIndices(JavaRDD<Sample> data) {
        JavaRDD<Long> idx = data.map(Sample::index);
        long n = idx.count();
        if (n == 0) {
            throw new IllegalArgumentException("SparkTrainer: the data set is empty");
        }
        if (n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("SparkTrainer: " + n + " rows; at most " + Integer.MAX_VALUE + " are supported");
        }
        Tuple2<Long, Long> minMax = idx.aggregate(new Tuple2<>(Long.MAX_VALUE, Long.MIN_VALUE),
                (acc, i) -> new Tuple2<>(Math.min(acc._1(), i), Math.max(acc._2(), i)),
                (a, b) -> new Tuple2<>(Math.min(a._1(), b._1()), Math.max(a._2(), b._2())));
        long distinct = minMax._1() == 0 && minMax._2() == n - 1 ? idx.distinct().count() : -1;
        if (distinct != n) {
            throw new IllegalArgumentException("SparkTrainer: the rows' indices must be 0.." + (n - 1) + ", each once; found "
                    + n + " rows with indices " + minMax._1() + ".." + minMax._2()
                    + (distinct >= 0 ? " of which " + distinct + " distinct" : ""));
        }
        return (int) n;
    }

    private static long[] sortedDistinct(int[] batch) {
        if (batch == null || batch.length == 0) {
            throw new IllegalArgumentException("SparkTrainer.step: the batch is empty");
        }
        long[] sorted = new long[batch.length];
        for (int i = 0; i < batch.length; i++) {
            if (batch[i] < 0) {
                throw new IllegalArgumentException("SparkTrainer.step: negative index " + batch[i]);
            }
            sorted[i] = batch[i];
        }
        Arrays.sort(sorted);
        for (int i = 1; i < sorted.length; i++) {
            if (sorted[i] == sorted[i - 1]) {
                throw new IllegalArgumentException("SparkTrainer.step: index " + sorted[i] + " appears twice in the batch");
            }
        }
        return sorted;
    }

    /**
     * The executor's own words, not Spark's wrapping: the first exception in the cause chain
     * that is not Spark's or Scala's (the outermost one keeps the trainer's context, e.g. the
     * rows' global indices).
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

    static long serialisedSize(Object o) {
        CountingStream count = new CountingStream();
        try (ObjectOutputStream out = new ObjectOutputStream(count)) {
            out.writeObject(o);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise " + o.getClass().getName(), e);
        }
        return count.n;
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

    private static final class CountingStream extends OutputStream {
        long n;

        @Override
        public void write(int b) {
            n++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            n += len;
        }
    }

    /**
     * The outcome of one step.
     *
     * @param step the step's number, from 1
     * @param rows the batch size M
     * @param loss the batch's mean loss before the update
     * @param metric the batch's mean metric before the update, or NaN without a metric
     */
    public record StepResult(long step, int rows, double loss, double metric) {
    }

    /** Configures a {@link SparkTrainer}. Defaults: 10 epochs, batch size 32, seed 0, tree depth 2. */
    public static final class Builder {
        private final JavaSparkContext sc;
        private final Module model;
        private final ModelFactory modelFactory;
        private final LossFactory lossFactory;
        private final Optimizer optimizer;
        private MetricFactory metricFactory;
        private int epochs = 10;
        private int batchSize = 32;
        private long seed;
        private Dataset validation;
        private final List<TrainingListener> listeners = new ArrayList<>();
        private double clipNorm;
        private int treeDepth = 2;
        private Consumer<String> log = System.out::println;

        private Builder(JavaSparkContext sc, Module model, ModelFactory modelFactory, LossFactory lossFactory,
                Optimizer optimizer) {
            this.sc = sc;
            this.model = model;
            this.modelFactory = modelFactory;
            this.lossFactory = lossFactory;
            this.optimizer = optimizer;
        }

        /** The number of epochs (≥ 1). */
        public Builder epochs(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("SparkTrainer: epochs must be >= 1, got " + n);
            }
            this.epochs = n;
            return this;
        }

        /** The global mini-batch size M (≥ 1), split among the partitions holding its rows. */
        public Builder batchSize(int m) {
            if (m < 1) {
                throw new IllegalArgumentException("SparkTrainer: batch size must be >= 1, got " + m);
            }
            this.batchSize = m;
            return this;
        }

        /** The seed of the per-epoch permutations (as nn's Trainer). */
        public Builder seed(long s) {
            this.seed = s;
            return this;
        }

        /** A metric reported per epoch, e.g. {@code Accuracy::ofClasses}. */
        public Builder metric(MetricFactory m) {
            this.metricFactory = m;
            return this;
        }

        /** A validation set, evaluated on the driver after every epoch. */
        public Builder validation(Dataset data) {
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

        /** The depth of treeAggregate (≥ 1; 2 by default). */
        public Builder treeDepth(int depth) {
            if (depth < 1) {
                throw new IllegalArgumentException("SparkTrainer: tree depth must be >= 1, got " + depth);
            }
            this.treeDepth = depth;
            return this;
        }

        /** Where the trainer's report lines go (traffic per step, epoch summaries); default stdout. */
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
            if (sc == null || model == null || modelFactory == null || lossFactory == null || optimizer == null) {
                throw new IllegalArgumentException("SparkTrainer: the Spark context, model, model factory, loss factory and "
                        + "optimiser are all required");
            }
            Map<Parameter, Boolean> own = new IdentityHashMap<>();
            for (Parameter p : model.parameters()) {
                own.put(p, Boolean.TRUE);
            }
            for (Map.Entry<String, Parameter> e : optimizer.parameters().entrySet()) {
                if (!own.containsKey(e.getValue())) {
                    throw new IllegalArgumentException("SparkTrainer: the optimiser's parameter '" + e.getKey()
                            + "' is not a parameter of the model; build the optimiser over the model passed here");
                }
            }
            ModelFactory shipped = (ModelFactory) roundTrip(modelFactory, "model factory");
            roundTrip(lossFactory, "loss factory");
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
            Map<String, Parameter> mine = model.namedParameters();
            Map<String, Parameter> theirs = replica.namedParameters();
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
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException("SparkTrainer: the model factory builds " + replica
                        + ", which does not match the driver's " + model + ": " + String.join("; ", problems));
            }
            return new SparkTrainer(this);
        }
    }
}
