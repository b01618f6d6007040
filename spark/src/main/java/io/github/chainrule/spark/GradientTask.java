package io.github.chainrule.spark;

import io.github.chainrule.autodiff.Grad;
import io.github.chainrule.autodiff.Tensor;
import io.github.chainrule.nn.Module;
import io.github.chainrule.nn.Parameter;
import io.github.chainrule.nn.loss.Loss;
import io.github.chainrule.nn.train.Metric;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;

/**
 * What one partition does in a step: keep its rows of the global batch, rebuild the model from
 * the factory and the broadcast weights, and run the very code that runs on one machine
 * (forward, loss, backward). The loss is scaled by m_p/M so that the partitions' gradients sum
 * to the whole batch's gradient.
 */
final class GradientTask implements FlatMapFunction<Iterator<Sample>, PartialGradient> {
    private static final long serialVersionUID = 1L;

    private final Broadcast<WeightSnapshot> weights;
    private final ModelFactory modelFactory;
    private final LossFactory lossFactory;
    private final MetricFactory metricFactory;
    private final long[] sortedBatch;
    private final long step;

    GradientTask(Broadcast<WeightSnapshot> weights, ModelFactory modelFactory, LossFactory lossFactory,
            MetricFactory metricFactory, long[] sortedBatch, long step) {
        this.weights = weights;
        this.modelFactory = modelFactory;
        this.lossFactory = lossFactory;
        this.metricFactory = metricFactory;
        this.sortedBatch = sortedBatch;
        this.step = step;
    }

    @Override
    public Iterator<PartialGradient> call(Iterator<Sample> rows) {
        List<Sample> mine = new ArrayList<>();
        while (rows.hasNext()) {
            Sample s = rows.next();
            if (Arrays.binarySearch(sortedBatch, s.index()) >= 0) {
                mine.add(s);
            }
        }
        if (mine.isEmpty()) {
            return Collections.emptyIterator();
        }
        // Row order within the batch does not change the result beyond rounding; sorting makes
        // it independent of where Spark placed the rows.
        mine.sort(Comparator.comparingLong(Sample::index));
        return Collections.singletonList(compute(mine)).iterator();
    }

    /** The gradient of (m_p/M) · loss over this partition's m_p rows of the batch. */
    PartialGradient compute(List<Sample> mine) {
        int m = mine.size();
        int batch = sortedBatch.length;
        Batch b = Batch.of(mine, step);
        WeightSnapshot snapshot = weights.value();
        Module model = modelFactory.create();
        try {
            snapshot.loadInto(model);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("step " + step + ": the model factory's model does not match the driver's: "
                    + e.getMessage(), e);
        }
        Loss loss = lossFactory.create();
        Tensor output = model.forward(b.features());
        Tensor cost;
        try {
            cost = loss.compute(output, b.targets());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("step " + step + ", this partition's rows (global indices, in sample order) "
                    + b.indices() + ": " + e.getMessage(), e);
        }
        cost.mul((double) m / batch).backward();
        double metricValue = 0;
        if (metricFactory != null) {
            Metric metric = metricFactory.create();
            try (Grad.Scope off = Grad.disabled()) {
                metricValue = metric.compute(output.detach(), b.targets());
            }
        }
        Map<String, Parameter> params = model.namedParameters();
        double[][] grads = new double[snapshot.size()][];
        for (int i = 0; i < snapshot.size(); i++) {
            if (!snapshot.trainable(i)) {
                continue;
            }
            Tensor g = params.get(snapshot.name(i)).grad();
            grads[i] = g == null ? null : g.toArray();
        }
        return PartialGradient.of(grads, m, cost.item() * m, metricValue * m);
    }

    /** A partition's rows as tensors, validated so that a poisoned row is named. */
    private record Batch(Tensor features, Tensor targets, List<Long> indices) {
        static Batch of(List<Sample> rows, long step) {
            int m = rows.size();
            int d = rows.get(0).featureCount();
            boolean labelled = rows.get(0).hasLabel();
            int k = labelled ? 1 : rows.get(0).targetUnsafe().length;
            double[] x = new double[m * d];
            double[] y = new double[m * k];
            for (int r = 0; r < m; r++) {
                Sample s = rows.get(r);
                if (s.featureCount() != d) {
                    throw new IllegalArgumentException("step " + step + ": row " + s.index() + " has " + s.featureCount()
                            + " features, row " + rows.get(0).index() + " has " + d);
                }
                double[] f = s.featuresUnsafe();
                for (int j = 0; j < d; j++) {
                    if (!Double.isFinite(f[j])) {
                        throw new IllegalArgumentException("step " + step + ": row " + s.index() + " has feature " + j
                                + " = " + f[j] + "; features must be finite");
                    }
                }
                System.arraycopy(f, 0, x, r * d, d);
                if (s.hasLabel() != labelled) {
                    throw new IllegalArgumentException("step " + step + ": row " + s.index()
                            + " mixes labelled rows with rows holding target vectors");
                }
                if (labelled) {
                    if (s.label() < 0) {
                        throw new IllegalArgumentException("step " + step + ": row " + s.index() + " has label " + s.label()
                                + "; labels must be >= 0");
                    }
                    y[r] = s.label();
                } else {
                    double[] t = s.targetUnsafe();
                    if (t.length != k) {
                        throw new IllegalArgumentException("step " + step + ": row " + s.index() + " has a target of "
                                + t.length + " values, row " + rows.get(0).index() + " has " + k);
                    }
                    for (int j = 0; j < k; j++) {
                        if (!Double.isFinite(t[j])) {
                            throw new IllegalArgumentException("step " + step + ": row " + s.index() + " has target " + j
                                    + " = " + t[j] + "; targets must be finite");
                        }
                    }
                    System.arraycopy(t, 0, y, r * k, k);
                }
            }
            Tensor targets = labelled ? Tensor.vector(y) : Tensor.of(y, m, k);
            List<Long> indices = new ArrayList<>();
            for (Sample s : rows) {
                indices.add(s.index());
            }
            return new Batch(Tensor.of(x, m, d), targets, indices);
        }
    }
}
