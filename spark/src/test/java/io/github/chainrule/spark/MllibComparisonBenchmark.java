package io.github.chainrule.spark;

import static org.apache.spark.sql.functions.col;

import io.github.chainrule.nn.layers.MLP;
import io.github.chainrule.nn.loss.CrossEntropy;
import io.github.chainrule.nn.optim.Adam;
import io.github.chainrule.nn.train.Accuracy;
import java.util.Locale;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.classification.MultilayerPerceptronClassificationModel;
import org.apache.spark.ml.classification.MultilayerPerceptronClassifier;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.functions;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Time to a test accuracy on the same cached DataFrame and cores (local[2], 2 partitions):
 * chainrule's {@link SparkTrainer} (MLP 16-32-10, Adam, batches of 256) against Spark MLlib's
 * {@code MultilayerPerceptronClassifier} (layers 16-32-10, its default L-BFGS), the library a
 * Spark user would otherwise pick. A benchmark, not a test.
 *
 * <pre>java ... io.github.chainrule.spark.MllibComparisonBenchmark [trainRows] [targetAccuracy]</pre>
 */
public final class MllibComparisonBenchmark {
    private MllibComparisonBenchmark() {
    }

    private static final StructType SCHEMA = new StructType()
            .add("x", DataTypes.createArrayType(DataTypes.DoubleType, false), false)
            .add("label", DataTypes.DoubleType, false);

    static Dataset<Row> frame(SparkSession spark, JavaRDD<Sample> rows) {
        JavaRDD<Row> r = rows.map(s -> RowFactory.create(s.features(), (double) s.label()));
        return spark.createDataFrame(r, SCHEMA).withColumn("features", functions.array_to_vector(col("x"))).cache();
    }

    static MLP net(long seed) {
        return MLP.of(BenchmarkData.FEATURES, 32, BenchmarkData.CLASSES).build(seed);
    }

    public static void main(String[] args) {
        long n = args.length > 0 ? Long.parseLong(args[0]) : 100_000;
        double target = args.length > 1 ? Double.parseDouble(args[1]) : 0.9;
        SparkSession spark = SparkSession.builder().master("local[2]").appName("mllib-comparison")
                .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1").config("spark.sql.shuffle.partitions", "2")
                .getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Dataset<Row> train = frame(spark, BenchmarkData.rows(sc, n, 2, 7));
        Dataset<Row> test = frame(spark, BenchmarkData.rows(sc, n / 10, 2, 8));
        System.out.printf(Locale.ROOT, "%,d training rows, %,d test rows (%d partitions); target accuracy %.2f%n",
                train.count(), test.count(), train.rdd().getNumPartitions(), target);

        // chainrule: epochs until the distributed validation reaches the target.
        JavaRDD<Sample> samples = RowConversion.samples(train, "x", "label");
        JavaRDD<Sample> testSamples = RowConversion.samples(test, "x", "label");
        MLP model = net(1);
        long start = System.nanoTime();
        double[] reached = {Double.NaN, Double.NaN};
        SparkTrainer trainer = SparkTrainer.builder(sc, model, () -> net(0), CrossEntropy::new, m -> new Adam(m, 1e-2))
                .epochs(12).batchSize(256).seed(1).metric(Accuracy::ofClasses).validation(testSamples)
                .listener(stats -> {
                    double s = (System.nanoTime() - start) / 1e9;
                    System.out.printf(Locale.ROOT, "chainrule epoch %d: %.1f s, test accuracy %.4f%n", stats.epoch(), s,
                            stats.validationMetric());
                    if (Double.isNaN(reached[0]) && stats.validationMetric() >= target) {
                        reached[0] = s;
                        reached[1] = stats.epoch();
                    }
                }).log(null).build();
        trainer.fit(samples);
        System.out.printf(Locale.ROOT, "chainrule: %.2f reached after %.0f epochs, %.1f s%n", target, reached[1], reached[0]);

        MulticlassClassificationEvaluator accuracy = new MulticlassClassificationEvaluator().setMetricName("accuracy");
        for (int iterations = 25; iterations <= 400; iterations *= 2) {
            MultilayerPerceptronClassifier mlp = new MultilayerPerceptronClassifier()
                    .setLayers(new int[] {BenchmarkData.FEATURES, 32, BenchmarkData.CLASSES}).setMaxIter(iterations)
                    .setSeed(1).setFeaturesCol("features").setLabelCol("label");
            long t0 = System.nanoTime();
            MultilayerPerceptronClassificationModel fitted = mlp.fit(train);
            double seconds = (System.nanoTime() - t0) / 1e9;
            double acc = accuracy.evaluate(fitted.transform(test));
            System.out.printf(Locale.ROOT, "MLlib maxIter %d: %.1f s, test accuracy %.4f%n", iterations, seconds, acc);
            if (acc >= target) {
                System.out.printf(Locale.ROOT, "MLlib: %.2f reached with maxIter %d, %.1f s%n", target, iterations, seconds);
                break;
            }
        }
        spark.stop();
    }
}
