package io.github.chainrule.autodiff.reliability;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.chainrule.autodiff.Grad;
import io.github.chainrule.autodiff.Tensor;
import io.github.chainrule.autodiff.engine.AnomalyException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.apache.commons.math3.random.Well19937c;

/** Independent graphs on several threads give exactly the sequential results; modes are per thread. */
class ThreadSafetyTest {
    private static final int THREADS = 8;
    private static final int GRAPHS = 200;
    /** A constant leaf (no grad) shared by every thread: reading it concurrently is allowed. */
    private static final Tensor SHARED = Tensor.randn(new Well19937c(99L), 5, 4);

    /** One graph's gradients, flattened: w1, w2, x, then the loss. */
    private static double[] gradients(int seed) {
        Tensor x = Tensor.randn(new Well19937c((long) seed), 3, 5).requiresGrad();
        Tensor w1 = Tensor.randn(new Well19937c((long) seed + 10_000), 5, 4).requiresGrad();
        Tensor w2 = Tensor.randn(new Well19937c((long) seed + 20_000), 4, 3).requiresGrad();
        Tensor h = x.matmul(w1.add(SHARED)).tanh();
        Tensor logits = Tensor.where(h.gt(0), h.sqrt(), h.mul(0.1)).matmul(w2).maximum(Tensor.scalar(-0.5));
        Tensor loss = logits.logSoftmax(1).select(1, seed % 3).mean().neg().add(logits.max().mul(0.01));
        loss.backward();
        double[] all = new double[5 * 4 + 4 * 3 + 3 * 5 + 1];
        int at = 0;
        for (Tensor t : new Tensor[] {w1.grad(), w2.grad(), x.grad(), loss}) {
            double[] values = t.toArray();
            System.arraycopy(values, 0, all, at, values.length);
            at += values.length;
        }
        return all;
    }

    @Test
    void independentGraphsOnEightThreadsMatchSequentialResultsBitwise() throws Exception {
        double[][] expected = new double[THREADS * GRAPHS][];
        for (int i = 0; i < expected.length; i++) {
            expected[i] = gradients(i);
        }
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<double[][]>> results = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int first = t * GRAPHS;
                results.add(pool.submit(() -> {
                    start.await();
                    double[][] mine = new double[GRAPHS][];
                    for (int g = 0; g < GRAPHS; g++) {
                        mine[g] = gradients(first + g);
                    }
                    return mine;
                }));
            }
            start.countDown();
            for (int t = 0; t < THREADS; t++) {
                double[][] mine = results.get(t).get(60, TimeUnit.SECONDS);
                for (int g = 0; g < GRAPHS; g++) {
                    // assertArrayEquals on double[] compares bit patterns: exact equality.
                    assertArrayEquals(expected[t * GRAPHS + g], mine[g], "graph " + (t * GRAPHS + g));
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void noGradScopeOnOneThreadDoesNotAffectAnother() throws Exception {
        CountDownLatch opened = new CountDownLatch(1);
        CountDownLatch checked = new CountDownLatch(1);
        boolean[] recordedInside = new boolean[1];
        Thread other = new Thread(() -> {
            try (Grad.Scope off = Grad.disabled()) {
                opened.countDown();
                awaitQuietly(checked);
                recordedInside[0] = Tensor.vector(1).requiresGrad().exp().needsGrad();
            }
        });
        other.start();
        assertTrue(opened.await(10, TimeUnit.SECONDS));
        assertTrue(Grad.isEnabled());
        assertTrue(Tensor.vector(1).requiresGrad().exp().needsGrad(), "this thread still records");
        checked.countDown();
        other.join();
        assertFalse(recordedInside[0], "the other thread's no-grad scope held");
    }

    @Test
    void anomalyModeOnOneThreadDoesNotAffectAnother() throws Exception {
        CountDownLatch opened = new CountDownLatch(1);
        CountDownLatch checked = new CountDownLatch(1);
        Throwable[] inside = new Throwable[1];
        Thread other = new Thread(() -> {
            try (Grad.Scope on = Grad.detectAnomaly()) {
                opened.countDown();
                awaitQuietly(checked);
                Tensor.vector(-1).requiresGrad().log();
            } catch (Throwable t) {
                inside[0] = t;
            }
        });
        other.start();
        assertTrue(opened.await(10, TimeUnit.SECONDS));
        assertDoesNotThrow(() -> Tensor.vector(-1).requiresGrad().log());
        checked.countDown();
        other.join();
        assertThrows(AnomalyException.class, () -> {
            throw inside[0];
        });
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
