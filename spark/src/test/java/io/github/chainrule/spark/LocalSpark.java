package io.github.chainrule.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/** One local[2] Spark context for the whole test JVM, on loopback only, stopped at exit. */
final class LocalSpark {
    private static JavaSparkContext context;

    private LocalSpark() {
    }

    static synchronized JavaSparkContext get() {
        if (context == null) {
            SparkConf conf = new SparkConf()
                    .setMaster("local[2]")
                    .setAppName("chainrule-spark-tests")
                    .set("spark.ui.enabled", "false")
                    .set("spark.driver.host", "127.0.0.1")
                    .set("spark.driver.bindAddress", "127.0.0.1")
                    .set("spark.sql.shuffle.partitions", "4")
                    .set("spark.default.parallelism", "4");
            context = new JavaSparkContext(conf);
            context.setLogLevel("WARN");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> context.stop()));
        }
        return context;
    }
}
