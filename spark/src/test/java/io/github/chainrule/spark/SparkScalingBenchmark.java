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
 * {@code steps} steps, after a warm-up fit. Run with Spark's --add-opens flags (see
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

    /** The timing of one fit of {@code steps} steps on {@code rows}. */
    static EpochTiming fit(JavaSparkContext sc, JavaRDD<Sample> rows, int steps) {
        MLP model = net(1);
        SparkTrainer trainer = SparkTrainer.builder(sc, model, () -> net(0), CrossEntropy::new, m -> new Adam(m, 1e-3))
                .epochs(1).batchSize(256).seed(1).maxSteps(steps).log(null).build();
        trainer.fit(rows);
        return trainer.lastEpochTiming();
    }

    public static void main(String[] args) {
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : 400;
        long maxRows = args.length > 1 ? Long.parseLong(args[1]) : 10_000_000L;
        SparkConf conf = new SparkConf().setMaster("local[2]").setAppName("spark-scaling")
                .set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1");
        try (JavaSparkContext sc = new JavaSparkContext(conf)) {
            sc.setLogLevel("WARN");
            System.out.println("rows | steps | in-stage ms/step | in-stage steps/s | stage setup ms | fit steps/s");
            for (long n = 10_000; n <= maxRows; n *= 10) {
                JavaRDD<Sample> rows = BenchmarkData.rows(sc, n, 2, 7).persist(StorageLevel.MEMORY_ONLY());
                rows.count();
                fit(sc, rows, Math.min(steps, 39));   // warm-up: JIT, class loading
                EpochTiming t = fit(sc, rows, steps);
                System.out.printf(Locale.ROOT, "%,d | %d | %.2f | %.0f | %.0f | %.1f%n", n, t.steps(), t.millisPerStep(),
                        1000 / t.millisPerStep(), t.setupMillis(), t.steps() / (t.stageNanos() / 1e9));
                rows.unpersist(true);
            }
        }
    }
}
