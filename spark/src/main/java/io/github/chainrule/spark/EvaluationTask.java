package io.github.chainrule.spark;

import io.github.chainrule.autodiff.Grad;
import io.github.chainrule.autodiff.Tensor;
import io.github.chainrule.nn.Module;
import io.github.chainrule.nn.loss.Loss;
import io.github.chainrule.nn.train.Metric;
import java.util.Collections;
import java.util.Iterator;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;

/**
 * Distributed validation: each partition evaluates the broadcast weights on its rows, in chunks
 * of {@value #CHUNK} rows without recording a graph, and returns {rows, Σ loss × rows,
 * Σ metric × rows}; the driver adds the partitions' sums.
 */
final class EvaluationTask implements FlatMapFunction<Iterator<Sample>, double[]> {
    private static final long serialVersionUID = 1L;
    static final int CHUNK = 4096;

    private final Broadcast<WeightSnapshot> weights;
    private final ModelFactory modelFactory;
    private final LossFactory lossFactory;
    private final MetricFactory metricFactory;

    EvaluationTask(Broadcast<WeightSnapshot> weights, ModelFactory modelFactory, LossFactory lossFactory,
            MetricFactory metricFactory) {
        this.weights = weights;
        this.modelFactory = modelFactory;
        this.lossFactory = lossFactory;
        this.metricFactory = metricFactory;
    }

    @Override
    public Iterator<double[]> call(Iterator<Sample> input) {
        TaskContext context = TaskContext.get();
        PartitionRows rows = PartitionRows.read(context == null ? 0 : context.partitionId(), input);
        double[] sums = new double[3];
        if (rows.size() == 0) {
            return Collections.singletonList(sums).iterator();
        }
        Module model = modelFactory.create();
        weights.value().loadInto(model);
        Loss loss = lossFactory.create();
        Metric metric = metricFactory == null ? null : metricFactory.create();
        int[] order = new int[rows.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        try (Grad.Scope off = Grad.disabled()) {
            for (int from = 0; from < order.length; from += CHUNK) {
                int to = Math.min(order.length, from + CHUNK);
                Tensor targets = rows.targets(order, from, to);
                Tensor output = model.forward(rows.features(order, from, to));
                double l;
                try {
                    l = loss.compute(output, targets).item();
                } catch (IllegalArgumentException e) {
                    throw new PoisonedRowException("validation, " + rows.describe(order, from, to) + ": " + e.getMessage(), e);
                }
                int m = to - from;
                sums[0] += m;
                sums[1] += l * m;
                if (metric != null) {
                    sums[2] += metric.compute(output, targets) * m;
                }
            }
        }
        return Collections.singletonList(sums).iterator();
    }
}
