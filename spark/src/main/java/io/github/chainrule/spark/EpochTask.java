package io.github.chainrule.spark;

import io.github.chainrule.autodiff.Grad;
import io.github.chainrule.autodiff.Tensor;
import io.github.chainrule.nn.Module;
import io.github.chainrule.nn.Parameter;
import io.github.chainrule.nn.loss.Loss;
import io.github.chainrule.nn.optim.GradientClipping;
import io.github.chainrule.nn.optim.Optimizer;
import io.github.chainrule.nn.train.Metric;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.BarrierTaskContext;
import org.apache.spark.SparkEnv;
import org.apache.spark.broadcast.Broadcast;

/**
 * One task of an epoch's barrier stage. It reads its partition once, learns every partition's
 * size from the others, and then loops over the epoch's steps of the {@link BatchPlan}: the
 * gradient of (m_p/M_s) · loss over its share of the batch, an allreduce of that gradient with
 * the other tasks, and the optimiser step on its own replica. Every task adds the same vectors
 * in the same order, so every replica holds the same weights after every step; partition 0
 * returns them with the optimiser's state.
 */
final class EpochTask implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final long KILL_WAIT_MILLIS = 30_000;

    private final Broadcast<TrainingState> start;
    private final ModelFactory modelFactory;
    private final LossFactory lossFactory;
    private final OptimizerFactory optimizerFactory;
    private final MetricFactory metricFactory;
    private final int batchSize;
    private final long seed;
    private final int epoch;
    private final long stepLimit;
    private final double clipNorm;

    EpochTask(Broadcast<TrainingState> start, ModelFactory modelFactory, LossFactory lossFactory,
            OptimizerFactory optimizerFactory, MetricFactory metricFactory, int batchSize, long seed, int epoch,
            long stepLimit, double clipNorm) {
        this.start = start;
        this.modelFactory = modelFactory;
        this.lossFactory = lossFactory;
        this.optimizerFactory = optimizerFactory;
        this.metricFactory = metricFactory;
        this.batchSize = batchSize;
        this.seed = seed;
        this.epoch = epoch;
        this.stepLimit = stepLimit;
        this.clipNorm = clipNorm;
    }

    /** The task's body in a barrier stage: connects to the other tasks, then trains the epoch. */
    Iterator<EpochResult> run(Iterator<Sample> input) {
        BarrierTaskContext context = BarrierTaskContext.get();
        String host = SparkEnv.get().blockManager().blockManagerId().host();
        try (SocketAllReduce collective = SocketAllReduce.connect(context.partitionId(), context.getTaskInfos().length,
                host, messages -> context.allGather(messages[0]))) {
            return Collections.singletonList(run(context.partitionId(), input, collective)).iterator();
        } catch (IOException | UncheckedIOException e) {
            // A peer that fails closes its connections. Its own error is the one to report, so
            // this task waits for Spark to abort the stage (and kill it) before failing itself.
            awaitKill(context);
            throw new IllegalStateException("partition " + context.partitionId() + ": " + e.getMessage(), e);
        }
    }

    /** Waits up to {@value #KILL_WAIT_MILLIS} ms for Spark to mark this task killed. */
    private static void awaitKill(BarrierTaskContext context) {
        long deadline = System.currentTimeMillis() + KILL_WAIT_MILLIS;
        while (!context.isInterrupted() && System.currentTimeMillis() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    EpochResult run(int partition, Iterator<Sample> input, AllReduce collective) {
        PartitionRows rows = PartitionRows.read(partition, input);
        BatchPlan plan = new BatchPlan(collective.gather(rows.size()), batchSize, seed);
        TrainingState state = start.value();
        Module model = modelFactory.create();
        Optimizer optimizer = optimizerFactory.create(model);
        state.restore(model, optimizer);
        Loss loss = lossFactory.create();
        Metric metric = metricFactory == null ? null : metricFactory.create();
        List<Parameter> trainable = new ArrayList<>();
        for (Parameter p : model.namedParameters().values()) {
            if (p.requiresGrad()) {
                trainable.add(p);
            }
        }
        int values = 0;
        for (Parameter p : trainable) {
            values += p.size();
        }
        int[] order = plan.order(partition, epoch);
        long steps = 0;
        long seen = 0;
        double lossSum = 0;
        double metricSum = 0;
        long computeNanos = 0;
        long reduceNanos = 0;
        for (int s = 0; s < plan.stepsPerEpoch() && steps < stepLimit; s++) {
            int batch = plan.batchRows(s);
            if (batch == 0) {
                continue;
            }
            long t0 = System.nanoTime();
            double[] local = new double[values + trainable.size() + 2];
            int from = plan.from(partition, s);
            int to = plan.to(partition, s);
            if (to > from) {
                gradient(model, loss, metric, trainable, rows, order, from, to, batch, s, local);
            }
            long t1 = System.nanoTime();
            double[] sum = collective.sum(local);
            long t2 = System.nanoTime();
            step(model, optimizer, trainable, sum, s);
            computeNanos += (t1 - t0) + (System.nanoTime() - t2);
            reduceNanos += t2 - t1;
            lossSum += sum[sum.length - 2];
            metricSum += sum[sum.length - 1];
            seen += batch;
            steps++;
        }
        TrainingState after = partition == 0
                ? TrainingState.of(model, optimizer, epoch, state.steps() + steps) : null;
        long[] sizes = new long[plan.partitions()];
        for (int p = 0; p < sizes.length; p++) {
            sizes[p] = plan.partitionSize(p);
        }
        return new EpochResult(after, sizes, seen, steps, lossSum, metricSum, computeNanos, reduceNanos);
    }

    /**
     * Writes into {@code out} the gradient of (m_p/M_s) · loss over rows order[from…to), each
     * trainable parameter's flag (1: reached by backward), and loss and metric times m_p.
     */
    private void gradient(Module model, Loss loss, Metric metric, List<Parameter> trainable, PartitionRows rows,
            int[] order, int from, int to, int batch, int step, double[] out) {
        int m = to - from;
        model.zeroGrad();
        Tensor targets = rows.targets(order, from, to);
        Tensor output = model.forward(rows.features(order, from, to));
        Tensor cost;
        try {
            cost = loss.compute(output, targets);
        } catch (IllegalArgumentException e) {
            throw new PoisonedRowException("epoch " + epoch + ", step " + step + ", " + rows.describe(order, from, to)
                    + ": " + e.getMessage(), e);
        }
        cost.mul((double) m / batch).backward();
        int k = 0;
        int flags = out.length - 2 - trainable.size();
        for (int i = 0; i < trainable.size(); i++) {
            Parameter p = trainable.get(i);
            Tensor g = p.grad();
            if (g != null) {
                System.arraycopy(g.toArray(), 0, out, k, p.size());
                out[flags + i] = 1;
            }
            k += p.size();
        }
        out[out.length - 2] = cost.item() * m;
        if (metric != null) {
            try (Grad.Scope off = Grad.disabled()) {
                out[out.length - 1] = metric.compute(output.detach(), targets) * m;
            }
        }
    }

    /** Sets the summed gradient on the replica and steps its optimiser, as nn's Trainer does. */
    private void step(Module model, Optimizer optimizer, List<Parameter> trainable, double[] sum, int step) {
        model.zeroGrad();
        int k = 0;
        int flags = sum.length - 2 - trainable.size();
        for (int i = 0; i < trainable.size(); i++) {
            Parameter p = trainable.get(i);
            if (sum[flags + i] > 0) {
                double[] g = new double[p.size()];
                System.arraycopy(sum, k, g, 0, g.length);
                p.setGrad(Tensor.of(g, p.shape()));
            }
            k += p.size();
        }
        if (clipNorm > 0) {
            GradientClipping.clipByGlobalNorm(optimizer.parameters().values(), clipNorm);
        }
        try {
            optimizer.step();
        } catch (IllegalStateException e) {
            throw new IllegalStateException("epoch " + epoch + ", step " + step + ": the summed gradient was refused: "
                    + e.getMessage(), e);
        }
    }
}
