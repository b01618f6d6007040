package io.github.chainrule.spark;

import io.github.chainrule.autodiff.Grad;
import io.github.chainrule.autodiff.Tensor;
import io.github.chainrule.nn.layers.MLP;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Synthetic classification rows for the Spark benchmarks: x ~ N(0, 1)^16, labelled by the
 * arg-max of a fixed random "teacher" MLP 16-32-10, so that an MLP of the same shape can learn
 * them well and a linear model cannot. Generated on the executors, partition by partition.
 */
final class BenchmarkData {
    static final int FEATURES = 16;
    static final int CLASSES = 10;

    private BenchmarkData() {
    }

    static MLP teacher() {
        return MLP.of(FEATURES, 32, CLASSES).build(1234);
    }

    /** {@code rows} rows in {@code partitions} partitions, seeded by {@code seed} and the partition. */
    static JavaRDD<Sample> rows(JavaSparkContext sc, long rows, int partitions, long seed) {
        List<Integer> ids = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            ids.add(p);
        }
        return sc.parallelize(ids, partitions).mapPartitions(it -> {
            int p = it.next();
            long from = rows * p / partitions;
            long to = rows * (p + 1) / partitions;
            return generate(from, to, seed * 1_000_003 + p);
        }, true);
    }

    private static Iterator<Sample> generate(long from, long to, long seed) {
        MLP teacher = teacher();
        SplittableRandom random = new SplittableRandom(seed);
        return new Iterator<>() {
            private long next = from;
            private final List<Sample> chunk = new ArrayList<>();
            private int i;

            @Override
            public boolean hasNext() {
                return next < to || i < chunk.size();
            }

            @Override
            public Sample next() {
                if (i == chunk.size()) {
                    chunk.clear();
                    i = 0;
                    int m = (int) Math.min(4096, to - next);
                    double[][] x = new double[m][FEATURES];
                    for (double[] row : x) {
                        for (int j = 0; j < FEATURES; j++) {
                            row[j] = nextGaussian(random);
                        }
                    }
                    double[][] out;
                    try (Grad.Scope off = Grad.disabled()) {
                        out = teacher.forward(Tensor.of(x)).toRows();
                    }
                    for (int r = 0; r < m; r++) {
                        int best = 0;
                        for (int k = 1; k < CLASSES; k++) {
                            best = out[r][k] > out[r][best] ? k : best;
                        }
                        chunk.add(Sample.labelled(next++, x[r], best));
                    }
                }
                return chunk.get(i++);
            }
        };
    }

    private static double nextGaussian(SplittableRandom r) {
        // Box–Muller; one value per call is enough here.
        double u = 1 - r.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r.nextDouble());
    }
}
