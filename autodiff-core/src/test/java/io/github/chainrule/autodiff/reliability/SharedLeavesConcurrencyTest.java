package io.github.chainrule.autodiff.reliability;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.chainrule.autodiff.Scalar;
import io.github.chainrule.autodiff.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Workers that share leaves (model parameters) and call backward at the same time: every
 * contribution reaches the shared leaf exactly once. The values are small integers, so every
 * partial sum is exact and any lost or doubled contribution shows as a different number.
 * Sharing a recorded intermediate is refused with a clear error, never a wrong number.
 */
class SharedLeavesConcurrencyTest {
    private static final int THREADS = 4;
    private static final int TRIALS = 40;
    private static final int GRAPHS_PER_THREAD = 25;
    private static final int COPIES = 20;
    private static final ExecutorService POOL = Executors.newFixedThreadPool(THREADS);

    @AfterAll
    static void shutDown() {
        POOL.shutdownNow();
    }

    /** Runs {@code work} on every worker at once (released together by a barrier). */
    private static <T> List<T> together(Callable<T> work) throws Exception {
        CyclicBarrier start = new CyclicBarrier(THREADS);
        List<Future<T>> futures = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            futures.add(POOL.submit(() -> {
                start.await();
                return work.call();
            }));
        }
        List<T> results = new ArrayList<>();
        for (Future<T> f : futures) {
            results.add(f.get(60, TimeUnit.SECONDS));
        }
        return results;
    }

    @Test
    void tensorWorkersSharingParametersAccumulateExactly() throws Exception {
        for (int trial = 0; trial < TRIALS; trial++) {
            Tensor w = Tensor.of(new double[] {1, -2, 3, 0, 2, -1}, 3, 2).requiresGrad();
            Tensor b = Tensor.vector(1, -1).requiresGrad();
            together(() -> {
                for (int g = 0; g < GRAPHS_PER_THREAD; g++) {
                    Tensor x = Tensor.of(new double[] {1, 2, -1, 0, 1, 1}, 2, 3);
                    // loss = Σ (xW + b)² / 2, written out COPIES times so that each sweep sends
                    // many contributions to the shared leaves: all partial sums are integers.
                    Tensor loss = Tensor.scalar(0);
                    for (int c = 0; c < COPIES; c++) {
                        loss = loss.add(x.matmul(w).add(b).square().sum().mul(0.5));
                    }
                    loss.backward();
                }
                return null;
            });
            // One copy's gradient, computed on this thread alone, is the reference.
            Tensor w1 = Tensor.of(new double[] {1, -2, 3, 0, 2, -1}, 3, 2).requiresGrad();
            Tensor b1 = Tensor.vector(1, -1).requiresGrad();
            Tensor x = Tensor.of(new double[] {1, 2, -1, 0, 1, 1}, 2, 3);
            x.matmul(w1).add(b1).square().sum().mul(0.5).backward();
            int n = THREADS * GRAPHS_PER_THREAD * COPIES;
            assertArrayEquals(scaled(w1.grad().toArray(), n), w.grad().toArray(), 0.0, "trial " + trial);
            assertArrayEquals(scaled(b1.grad().toArray(), n), b.grad().toArray(), 0.0, "trial " + trial);
        }
    }

    @Test
    void scalarWorkersSharingParametersAccumulateExactly() throws Exception {
        for (int trial = 0; trial < TRIALS; trial++) {
            Scalar[] params = new Scalar[8];
            for (int i = 0; i < params.length; i++) {
                params[i] = Scalar.of(i - 3);
            }
            together(() -> {
                for (int g = 0; g < GRAPHS_PER_THREAD; g++) {
                    // out = Σ_i p_i · (p_{i+1} + i) + relu(p_i): ∂out/∂p_i is an integer.
                    Scalar out = Scalar.constant(0);
                    for (int i = 0; i < params.length; i++) {
                        Scalar next = params[(i + 1) % params.length].add(i);
                        out = out.add(params[i].mul(next)).add(params[i].relu());
                    }
                    out.backward();
                }
                return null;
            });
            int n = THREADS * GRAPHS_PER_THREAD;
            for (int i = 0; i < params.length; i++) {
                int p = i - 3;
                int next = (i + 1) % params.length - 3 + i;
                int previous = (i + params.length - 1) % params.length - 3;
                double expected = next + previous + (p > 0 ? 1 : 0);
                assertEquals(n * expected, params[i].grad(), 0.0, "trial " + trial + ", parameter " + i);
            }
        }
    }

    @Test
    void sharedRecordedIntermediateIsEitherExactOrRefusedClearly() throws Exception {
        int refused = 0;
        for (int trial = 0; trial < TRIALS; trial++) {
            Tensor w = Tensor.vector(1, 2, 3).requiresGrad();
            Tensor shared = w.mul(2); // recorded once, then used by every worker's graph
            List<Boolean> done = together(() -> {
                try {
                    shared.mul(shared).sum().backward(); // d/dw Σ (2w)² = 8w
                    return true;
                } catch (IllegalStateException e) {
                    assertTrue(e.getMessage().startsWith("backward: the recorded 'scale' of shape (3,) is being "
                            + "differentiated by another backward at the same time"), e.getMessage());
                    return false;
                }
            });
            long succeeded = done.stream().filter(d -> d).count();
            refused += THREADS - (int) succeeded;
            assertArrayEquals(scaled(new double[] {8, 16, 24}, (int) succeeded),
                    w.grad() == null ? new double[3] : w.grad().toArray(), 0.0, "trial " + trial);
        }
        System.out.println("[shared intermediate] " + refused + " of " + TRIALS * THREADS + " backward calls refused");
    }

    private static double[] scaled(double[] values, int n) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = n * values[i];
        }
        return out;
    }
}
