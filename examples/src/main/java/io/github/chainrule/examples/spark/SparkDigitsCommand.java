package io.github.chainrule.examples.spark;

import io.github.chainrule.spark.DigitsOnSpark;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code chainrule spark-digits}: the digits MLP (64-64-10, Adam) trained with synchronous
 * data-parallel steps on Apache Spark, by the very nn code that trains it on one machine
 * ({@link io.github.chainrule.spark.SparkTrainer}). Runs Spark in local mode on loopback, no
 * web UI; for a real cluster, submit {@code chainrule-spark}'s jar (docs/spark.md).
 */
@Command(name = "spark-digits", mixinStandardHelpOptions = true,
        description = "Train the digits MLP data-parallel on Apache Spark (local mode by default).")
public final class SparkDigitsCommand implements Callable<Integer> {

    @Option(names = "--master", defaultValue = "local[*]", description = "Spark master (default: ${DEFAULT-VALUE}).")
    private String master;

    @Option(names = "--epochs", defaultValue = "8", description = "Epochs (default: ${DEFAULT-VALUE}).")
    private int epochs;

    @Option(names = "--batch", defaultValue = "32", description = "Global mini-batch size (default: ${DEFAULT-VALUE}).")
    private int batch;

    @Option(names = "--partitions", defaultValue = "0",
            description = "Partitions of the training rows; 0 means Spark's default parallelism.")
    private int partitions;

    @Spec
    private CommandSpec spec;

    /** Creates the command. */
    public SparkDigitsCommand() {
    }

    @Override
    public Integer call() {
        run(master, epochs, batch, partitions, spec.commandLine().getOut());
        return 0;
    }

    /**
     * Trains on a local or remote Spark master and prints accuracy, speed and traffic.
     *
     * @return the run's figures
     */
    public static DigitsOnSpark.Result run(String master, int epochs, int batch, int partitions, PrintWriter out) {
        SparkConf conf = new SparkConf().setAppName("chainrule spark-digits").setMaster(master);
        if (master.startsWith("local")) {
            // A local run talks to itself only: loopback, and no web UI port.
            conf.set("spark.driver.host", "127.0.0.1").set("spark.driver.bindAddress", "127.0.0.1")
                    .set("spark.ui.enabled", "false");
        }
        try (JavaSparkContext sc = new JavaSparkContext(conf)) {
            sc.setLogLevel("WARN");
            DigitsOnSpark.Result result = DigitsOnSpark.run(sc, epochs, batch, partitions, DigitsOnSpark.LEARNING_RATE);
            out.printf(Locale.ROOT, "spark-digits on %s, %d partitions: %d steps in %.1f s (%.1f steps/s)%n",
                    sc.master(), result.partitions(), result.steps(), result.seconds(), result.stepsPerSecond());
            out.println(result.traffic().summary());
            out.printf(Locale.ROOT, "test accuracy %.2f%%%n", 100 * result.testAccuracy());
            out.flush();
            return result;
        }
    }
}
