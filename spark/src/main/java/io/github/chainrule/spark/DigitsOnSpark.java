package io.github.chainrule.spark;

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
 * {@code spark-digits}: trains the digits MLP (64-64-10, ReLU, Adam, standardised features) with
 * synchronous data-parallel steps on Spark and prints speed, traffic and test accuracy.
 *
 * <pre>
 * spark-submit --class io.github.chainrule.spark.DigitsOnSpark --master 'local[*]' \
 *     spark/target/chainrule-spark-0.1.0-SNAPSHOT-all.jar [epochs] [batchSize] [partitions]
 * </pre>
 * Without {@code spark.master} set (run with plain {@code java}), it uses {@code local[*]}.
 */
public final class DigitsOnSpark {
    /** Hidden units of the digits MLP. */
    static final int HIDDEN = Integer.getInteger("hidden", 64);

    /** Adam's learning rate for the digits MLP. */
    public static final double LEARNING_RATE = 5e-3;

    private DigitsOnSpark() {
    }

    /** The architecture; a static method so the replica factory captures nothing. */
    static MLP network(long seed) {
        return MLP.of(DigitsData.FEATURES, HIDDEN, DigitsData.CLASSES).build(seed);
    }

    /**
     * One finished run.
     *
     * @param testAccuracy accuracy on the held-out 20%
     * @param steps optimiser steps taken
     * @param seconds wall time of training
     * @param partitions partitions of the training rows
     * @param traffic bytes moved per step
     */
    public record Result(double testAccuracy, long steps, double seconds, int partitions, StepTraffic traffic) {
        /** Steps per second of wall time. */
        public double stepsPerSecond() {
            return steps / seconds;
        }
    }

    /**
     * Trains the digits MLP on {@code sc}.
     *
     * @param partitions partitions of the training rows (≤ 0: the context's default parallelism)
     */
    public static Result run(JavaSparkContext sc, int epochs, int batchSize, int partitions, double learningRate) {
        int parts = partitions > 0 ? partitions : sc.defaultParallelism();
        Split split = DigitsData.standardisedSplit();
        JavaRDD<Sample> rows = sc.parallelize(DigitsData.samples(split.train()), parts);
        JavaRDD<Sample> test = sc.parallelize(DigitsData.samples(split.test()), parts);
        MLP model = network(1);
        SparkTrainer trainer = SparkTrainer.builder(sc, model, () -> network(0), CrossEntropy::new,
                        m -> new Adam(m, learningRate))
                .epochs(epochs).batchSize(batchSize).seed(1).metric(Accuracy::ofClasses)
                .validation(test)
                .build();
        long start = System.nanoTime();
        TrainingHistory history = trainer.fit(rows);
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Result(history.last().validationMetric(), trainer.stepCount(), seconds, parts,
                trainer.traffic(parts));
    }

    /**
     * Runs the job.
     *
     * @param args optional: epochs (default 8), batch size (32), partitions (the default
     *     parallelism), learning rate (5e-3)
     */
    public static void main(String[] args) {
        int epochs = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        int batchSize = args.length > 1 ? Integer.parseInt(args[1]) : 32;
        int partitions = args.length > 2 ? Integer.parseInt(args[2]) : 0;
        double learningRate = args.length > 3 ? Double.parseDouble(args[3]) : LEARNING_RATE;
        SparkConf conf = new SparkConf().setAppName("chainrule spark-digits");
        if (!conf.contains("spark.master")) {
            // Started with plain java: a local run on loopback, without the web UI's port.
            conf.setMaster("local[*]").set("spark.driver.host", "127.0.0.1").set("spark.driver.bindAddress", "127.0.0.1")
                    .set("spark.ui.enabled", "false");
        }
        try (JavaSparkContext sc = new JavaSparkContext(conf)) {
            sc.setLogLevel("WARN");
            Result result = run(sc, epochs, batchSize, partitions, learningRate);
            System.out.printf(Locale.ROOT, "%d steps in %.1f s: %.1f steps/s on %s with %d partitions%n",
                    result.steps(), result.seconds(), result.stepsPerSecond(), sc.master(), result.partitions());
            System.out.println(result.traffic().summary());
            System.out.printf(Locale.ROOT, "test accuracy %.4f%n", result.testAccuracy());
        }
    }
}
