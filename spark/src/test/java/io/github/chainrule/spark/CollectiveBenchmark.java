package io.github.chainrule.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.apache.spark.BarrierTaskContext;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkEnv;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import scala.jdk.javaapi.CollectionConverters;
import scala.reflect.ClassTag$;
import scala.runtime.AbstractFunction1;

/**
 * Milliseconds per allreduce among the 2 tasks of a barrier stage on local[2], for vectors of
 * 10^3 … 10^6 doubles: {@link BarrierTaskContext#allGather} against {@link SocketAllReduce};
 * and, for scale, one empty Spark job (what a job-per-step design pays before any work).
 */
public final class CollectiveBenchmark {
    private CollectiveBenchmark() {
    }

    /** The task: times {@code rounds} allreduces of {@code size} doubles with each collective. */
    private static final class Task extends AbstractFunction1<scala.collection.Iterator<Integer>,
            scala.collection.Iterator<double[]>> implements java.io.Serializable {
        private static final long serialVersionUID = 1L;
        private final int size;
        private final int gatherRounds;
        private final int socketRounds;

        Task(int size, int gatherRounds, int socketRounds) {
            this.size = size;
            this.gatherRounds = gatherRounds;
            this.socketRounds = socketRounds;
        }

        @Override
        public scala.collection.Iterator<double[]> apply(scala.collection.Iterator<Integer> ignored) {
            BarrierTaskContext context = BarrierTaskContext.get();
            double[] v = new double[size];
            java.util.Arrays.fill(v, context.partitionId() + 1);
            AllGatherAllReduce gather = new AllGatherAllReduce(context);
            long t0 = System.nanoTime();
            for (int i = 0; i < gatherRounds; i++) {
                check(gather.sum(v));
            }
            long t1 = System.nanoTime();
            String host = SparkEnv.get().blockManager().blockManagerId().host();
            double socketMillis;
            try (SocketAllReduce socket = SocketAllReduce.connect(context.partitionId(), 2, host,
                    m -> context.allGather(m[0]))) {
                check(socket.sum(v));
                long t2 = System.nanoTime();
                for (int i = 0; i < socketRounds; i++) {
                    check(socket.sum(v));
                }
                socketMillis = (System.nanoTime() - t2) / 1e6 / socketRounds;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            double[] out = {(t1 - t0) / 1e6 / gatherRounds, socketMillis};
            return CollectionConverters.asScala(Collections.singletonList(out).iterator());
        }

        private static void check(double[] sum) {
            if (sum[0] != 3 || sum[sum.length - 1] != 3) {
                throw new IllegalStateException("wrong sum " + sum[0]);
            }
        }
    }

    public static void main(String[] args) {
        SparkConf conf = new SparkConf().setMaster("local[2]").setAppName("collectives")
                .set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1").set("spark.rpc.message.maxSize", "256");
        try (JavaSparkContext sc = new JavaSparkContext(conf)) {
            sc.setLogLevel("WARN");
            JavaRDD<Integer> two = sc.parallelize(List.of(0, 1), 2).cache();
            two.count();
            long t0 = System.nanoTime();
            for (int i = 0; i < 50; i++) {
                two.count();
            }
            System.out.printf(Locale.ROOT, "empty 2-task Spark job: %.1f ms%n", (System.nanoTime() - t0) / 1e6 / 50);
            System.out.println("doubles | allGather ms | socket ms");
            for (int size : new int[] {1_000, 10_000, 100_000, 1_000_000}) {
                for (int rep = 0; rep < 2; rep++) {   // the first round warms up
                    List<double[]> r = JavaRDD.fromRDD(two.rdd().barrier().mapPartitions(new Task(size, 5, size >= 1_000_000 ? 20 : 200),
                            false, ClassTag$.MODULE$.apply(double[].class)), ClassTag$.MODULE$.apply(double[].class)).collect();
                    if (rep == 1) {
                        System.out.printf(Locale.ROOT, "%,d | %.1f | %.3f%n", size, Math.max(r.get(0)[0], r.get(1)[0]),
                                Math.max(r.get(0)[1], r.get(1)[1]));
                    }
                }
            }
        }
    }
}
