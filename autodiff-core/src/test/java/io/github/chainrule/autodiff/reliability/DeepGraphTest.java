package io.github.chainrule.autodiff.reliability;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.chainrule.autodiff.Scalar;
import io.github.chainrule.autodiff.Tensor;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A million-node chain and a million-way fan-in differentiate on a thread with a 256 KiB
 * stack: proof that neither building nor backward recurses per node.
 */
class DeepGraphTest {
    private static final int N = 1_000_000;
    private static final long SMALL_STACK = 256 * 1024;

    /** Runs {@code body} on a fresh thread with a small stack, rethrowing what it throws. */
    private static void onSmallStack(String name, Runnable body) throws InterruptedException {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread thread = new Thread(null, () -> {
            long start = System.nanoTime();
            try {
                body.run();
            } catch (Throwable t) {
                failure.set(t);
            }
            System.out.printf("[deep-graph] %s: %.0f ms%n", name, (System.nanoTime() - start) / 1e6);
        }, name, SMALL_STACK);
        thread.start();
        thread.join();
        if (failure.get() != null) {
            throw new AssertionError(name + " failed", failure.get());
        }
    }

    @Test
    void scalarChainOfAMillionNodes() throws InterruptedException {
        onSmallStack("scalar chain 1e6", () -> {
            Scalar x = Scalar.of(0.5);
            Scalar y = x;
            for (int i = 0; i < N; i++) {
                y = y.add(1.0);
            }
            y.backward();
            assertEquals(N + 0.5, y.value());
            assertEquals(1.0, x.grad());
        });
    }

    @Test
    void tensorChainOfAMillionNodes() throws InterruptedException {
        onSmallStack("tensor chain 1e6", () -> {
            Tensor x = Tensor.vector(1, 2).requiresGrad();
            Tensor y = x;
            for (int i = 0; i < N; i++) {
                y = y.add(1.0);
            }
            y.sum().backward();
            assertArrayEquals(new double[] {1, 1}, x.grad().toArray());
        });
    }

    @Test
    void scalarFanInOfAMillionLeaves() throws InterruptedException {
        onSmallStack("scalar fan-in 1e6 leaves", () -> {
            Scalar[] leaves = new Scalar[N];
            Scalar sum = leaves[0] = Scalar.of(0);
            for (int i = 1; i < N; i++) {
                leaves[i] = Scalar.of(i);
                sum = sum.add(leaves[i]);
            }
            sum.backward();
            assertEquals((double) N * (N - 1) / 2, sum.value());
            assertEquals(1.0, leaves[0].grad());
            assertEquals(1.0, leaves[N - 1].grad());
        });
    }

    @Test
    void oneScalarUsedAMillionTimes() throws InterruptedException {
        onSmallStack("scalar fan-out 1e6 uses", () -> {
            Scalar x = Scalar.of(2);
            Scalar sum = x;
            for (int i = 1; i < N; i++) {
                sum = sum.add(x);
            }
            sum.backward();
            assertEquals(N, x.grad());
        });
    }

    @Test
    void oneTensorUsedAMillionTimes() throws InterruptedException {
        onSmallStack("tensor fan-out 1e6 uses", () -> {
            Tensor x = Tensor.vector(1, 2, 3).requiresGrad();
            Tensor sum = x;
            for (int i = 1; i < N; i++) {
                sum = sum.add(x);
            }
            sum.sum().backward();
            assertArrayEquals(new double[] {N, N, N}, x.grad().toArray());
        });
    }
}
