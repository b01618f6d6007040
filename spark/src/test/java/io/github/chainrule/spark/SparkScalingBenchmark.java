package io.github.chainrule.spark;

import io.github.chainrule.nn.layers.MLP;
import io.github.chainrule.nn.loss.CrossEntropy;
import io.github.chainrule.nn.optim.Adam;
import java.util.Locale;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.StorageLevel;

/**
 * Steps per second of {@link SparkTrainer} against the number of cached rows (a benchmark, not a
 * test): MLP 16-32-10, Adam, batches of 256, local[2] with 2 partitions, one epoch cut at
 * {@code steps} steps (several epochs for the smallest sizes), three times after a warm-up fit. Run with Spark's --add-opens flags (see
 * spark/pom.xml) and a heap for the largest size (10^7 rows of 16 features ≈ 2 GB cached).
 *
 * <pre>java ... io.github.chainrule.spark.SparkScalingBenchmark [steps] [maxRows]</pre>
 */
public final class SparkScalingBenchmark {
    private SparkScalingBenchmark() {
    }

    static MLP net(long seed) {
        return MLP.of(BenchmarkData.FEATURES, 32, BenchmarkData.CLASSES).build(seed);
    }

    /** The timing, summed over epochs, of one fit of {@code steps} steps on {@code rows}. */
    static EpochTiming fit(JavaSparkContext sc, JavaRDD<Sample> rows, int steps) {
        MLP model = net(1);
        SparkTrainer[] trainer = new SparkTrainer[1];
        long[] sums = new long[4];
        trainer[0] = SparkTrainer.builder(sc, model, () -> net(0), CrossEntropy::new, m -> new Adam(m, 1e-3))
                .epochs(Integer.MAX_VALUE).batchSize(256).seed(1).maxSteps(steps).log(null)
                .listener(stats -> {
                    EpochTiming t = trainer[0].lastEpochTiming();
                    sums[0] += t.steps();
                    sums[1] += t.stageNanos();
                    sums[2] += t.computeNanos();
                    sums[3] += t.allReduceNanos();
                }).build();
        trainer[0].fit(rows);
        return new EpochTiming(sums[0], sums[1], sums[2], sums[3]);
    }

    public static void main(String[] args) {
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : 400;
        long maxRows = args.length > 1 ? Long.parseLong(args[1]) : 10_000_000L;
        SparkConf conf = new SparkConf().setMaster("local[2]").setAppName("spark-scaling")
                .set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1");
        try (JavaSparkContext sc = new JavaSparkContext(conf)) {
            sc.setLogLevel("WARN");
            System.out.println("rows | steps | epochs | in-stage ms/step (compute + allreduce) | in-stage steps/s | setup ms per epoch | fit steps/s");
            for (long n = 10_000; n <= maxRows; n *= 10) {
                JavaRDD<Sample> rows = BenchmarkData.rows(sc, n, 2, 7).persist(StorageLevel.MEMORY_ONLY());
                rows.count();
                fit(sc, rows, 200);   // warm-up: JIT, class loading
                int epochs = (int) Math.ceil(steps / Math.ceil(n / 256.0));
                for (int rep = 0; rep < 3; rep++) {
                    EpochTiming t = fit(sc, rows, steps);
                    System.out.printf(Locale.ROOT, "%,d | %d | %d | %.2f (%.2f + %.2f) | %.0f | %.0f | %.1f%n", n, t.steps(),
                            epochs, t.millisPerStep(), t.computeNanos() / 1e6 / t.steps(),
                            t.allReduceNanos() / 1e6 / t.steps(), 1000 / t.millisPerStep(), t.setupMillis() / epochs,
                            t.steps() / (t.stageNanos() / 1e9));
                }
                rows.unpersist(true);
            }
        }
    }
}
