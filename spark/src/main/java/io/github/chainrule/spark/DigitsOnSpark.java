package io.github.chainrule.spark;

import io.github.chainrule.nn.data.Dataset;
import io.github.chainrule.nn.data.Split;
import io.github.chainrule.nn.layers.MLP;
import io.github.chainrule.nn.loss.CrossEntropy;
import io.github.chainrule.nn.optim.Adam;
import io.github.chainrule.nn.train.Accuracy;
import io.github.chainrule.nn.train.TrainingHistory;
import java.util.Locale;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Trains the digits MLP (64-32-10, ReLU, Adam) with synchronous data-parallel SGD on Spark.
 *
 * <pre>
 * spark-submit --class io.github.chainrule.spark.DigitsOnSpark --master 'local[*]' \
 *     spark/target/chainrule-spark-0.1.0-SNAPSHOT-all.jar [epochs] [batchSize] [partitions]
 * </pre>
 * Without {@code spark.master} set (run with plain {@code java}), it uses {@code local[*]}.
 */
public final class DigitsOnSpark {
    private DigitsOnSpark() {
    }

    /** The architecture; a static method so the replica factory captures nothing. */
    static MLP network(long seed) {
        return MLP.of(DigitsData.FEATURES, 32, DigitsData.CLASSES).build(seed);
    }

    /**
     * Runs the job.
     *
     * @param args optional: epochs (default 10), batch size (64), partitions (the default
     *     parallelism)
     */
    public static void main(String[] args) {
        int epochs = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int batchSize = args.length > 1 ? Integer.parseInt(args[1]) : 64;
        SparkConf conf = new SparkConf().setAppName("chainrule digits on Spark");
        if (!conf.contains("spark.master")) {
            conf.setMaster("local[*]");
        }
        try (JavaSparkContext sc = new JavaSparkContext(conf)) {
            int partitions = args.length > 2 ? Integer.parseInt(args[2]) : sc.defaultParallelism();
            Split split = DigitsData.load().split(0.2, 7);
            Dataset train = split.train();
            JavaRDD<Sample> rows = sc.parallelize(DigitsData.samples(train), partitions);

            MLP model = network(1);
            SparkTrainer trainer = SparkTrainer.builder(sc, model, () -> network(0), CrossEntropy::new,
                            new Adam(model, 1e-2))
                    .epochs(epochs).batchSize(batchSize).seed(1).metric(Accuracy::ofClasses)
                    .validation(split.test())
                    .build();
            long start = System.nanoTime();
            TrainingHistory history = trainer.fit(rows);
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf(Locale.ROOT, "%d steps in %.1f s: %.1f steps/s on %s with %d partitions%n",
                    trainer.stepCount(), seconds, trainer.stepCount() / seconds, sc.master(), partitions);
            System.out.printf(Locale.ROOT, "test accuracy %.4f%n", history.last().validationMetric());
        }
    }
}
