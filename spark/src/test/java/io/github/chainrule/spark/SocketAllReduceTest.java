package io.github.chainrule.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The TCP allreduce on loopback, with threads standing in for a barrier stage's tasks. */
class SocketAllReduceTest {
    private static final int P = 3;

    /** An in-process allGather: every thread's message, by partition, once all have arrived. */
    private static final class Rendezvous {
        private final String[] messages = new String[P];
        private final CyclicBarrier barrier = new CyclicBarrier(P);

        String[] gather(int partition, String message) {
            messages[partition] = message;
            try {
                barrier.await(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return messages.clone();
        }
    }

    private interface Body {
        double[] run(SocketAllReduce collective) throws Exception;
    }

    private static List<Future<double[]>> runTasks(Body body) throws Exception {
        Rendezvous r = new Rendezvous();
        ExecutorService pool = Executors.newFixedThreadPool(P);
        List<Future<double[]>> out = new ArrayList<>();
        for (int p = 0; p < P; p++) {
            int partition = p;
            out.add(pool.submit(() -> {
                try (SocketAllReduce c = SocketAllReduce.connect(partition, P, "127.0.0.1",
                        m -> r.gather(partition, m[0]))) {
                    return body.run(c);
                }
            }));
        }
        pool.shutdown();
        assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
        return out;
    }

    @Test
    void everyTaskReceivesTheSumInPartitionOrder() throws Exception {
        // 0.1 + 0.2 + 0.3 in that order is 0.6000000000000001; 1e16 + 1 − 1e16 in that order is 0.
        List<Future<double[]>> results = runTasks(c -> {
            int p = partitionOf(c);
            double[] mine = {0.1 * (p + 1), p == 0 ? 1e16 : p == 1 ? 1 : -1e16};
            double[] first = c.sum(mine);
            double[] second = c.sum(new double[] {p, p, p});
            return new double[] {first[0], first[1], second[0], second[2]};
        });
        for (Future<double[]> f : results) {
            assertArrayEquals(new double[] {0.1 * 1 + 0.1 * 2 + 0.1 * 3, 0, 3, 3}, f.get(), 0.0);
        }
    }

    @Test
    void gatherReturnsEveryTasksValue() throws Exception {
        List<Future<double[]>> results = runTasks(c -> {
            long[] all = c.gather(1000L * partitionOf(c) + 7);
            return new double[] {all[0], all[1], all[2]};
        });
        for (Future<double[]> f : results) {
            assertArrayEquals(new double[] {7, 1007, 2007}, f.get(), 0.0);
        }
    }

    @Test
    void aTaskThatLeavesMakesTheOthersFailInsteadOfWaiting() throws Exception {
        List<Future<double[]>> results = runTasks(c -> {
            if (partitionOf(c) == 2) {
                return new double[0];   // leaves: its connection closes
            }
            return c.sum(new double[] {1});
        });
        for (int p = 0; p < 2; p++) {
            Future<double[]> f = results.get(p);
            Exception e = assertThrows(Exception.class, f::get);
            assertTrue(e.getCause() instanceof UncheckedIOException, e.toString());
        }
    }

    private static int partitionOf(SocketAllReduce c) {
        return c.partition();
    }
}
