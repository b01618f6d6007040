package io.github.chainrule.autodiff.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.chainrule.autodiff.Scalar;
import io.github.chainrule.autodiff.Tensor;
import io.github.chainrule.autodiff.engine.Backward;
import io.github.chainrule.autodiff.engine.Node;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The engine orders scalar graphs from a per-thread tape when it can and searches them when it
 * cannot; both must give the same gradients, and the tape must not keep dead graphs alive,
 * whatever the thread that built them does next.
 */
class TapeTest {
    private static Scalar f(Scalar a, Scalar b) {
        Scalar x = a.mul(b).add(a.tanh());
        Scalar y = x.mul(x).sub(b.exp()).relu().add(x.sigmoid());
        return y.mul(a).add(x);
    }

    /**
     * Scalar nodes take their number without advancing the shared counter; a mark does advance
     * it, so a sweep restricted to nodes newer than the mark still reaches every scalar node
     * recorded after it. d/du [(x²+x)·u·u] at x = 2, u = 3 is 2·6·3 = 36; dropping the inner
     * product as "older" would give 18.
     */
    @Test
    void scalarNodesRecordedAfterAMarkAreNewerThanItAndOlderOnesAreNot() {
        Scalar x = Scalar.of(2);
        Scalar before = x.mul(x).add(x);
        long mark = Backward.recordingMark();
        Scalar u = Scalar.of(3);
        Scalar inner = before.mul(u);
        Scalar y = inner.mul(u);
        assertTrue(before.id() > 0 && before.id() <= mark, "recorded before the mark: " + before.id() + " vs " + mark);
        assertTrue(inner.id() > mark && y.id() >= inner.id(), "recorded after the mark: " + inner.id() + ", " + y.id());
        Node[] found = Backward.gradients(new Node[] {y}, null, new Node[] {u}, false, mark);
        assertEquals(36.0, ((Scalar) found[0]).value(), 0.0);
        assertNull(x.gradScalar(), "a functional sweep leaves the leaves' grad alone");
    }

    @Test
    void tapeOrderedAndSearchedSweepsGiveIdenticalGradients() {
        Scalar a = Scalar.of(0.7);
        Scalar b = Scalar.of(-0.3);
        Scalar out = f(a, b);
        out.backward(); // ordered by the tape, which it then empties
        double ga = a.grad();
        double gb = b.grad();
        out.backward(); // searched
        assertEquals(2 * ga, a.grad(), 0.0);
        assertEquals(2 * gb, b.grad(), 0.0);
    }

    @Test
    void tapeWalkMatchesSearchThroughNodeRulesRetainedGradientsAndFanOut() {
        Scalar a = Scalar.of(0.7);
        Scalar b = Scalar.of(-0.3);
        Scalar x = f(a, b);
        x.retainGrad();
        Scalar out = x.div(b.add(2)).add(x.pow(3)).mul(x.max(a)).add(x.log().mul(0)).sub(a.sin());
        out.backward();
        double[] first = {a.grad(), b.grad(), x.grad()};
        out.backward(); // the tape was emptied: this sweep searches
        assertEquals(2 * first[0], a.grad(), 0.0);
        assertEquals(2 * first[1], b.grad(), 0.0);
        assertEquals(2 * first[2], x.grad(), 0.0);
    }

    @Test
    void searchedSweepAfterTheFirstTapeSweepOfAThread() throws Exception {
        double grad = CompletableFuture.supplyAsync(() -> {
            Scalar a = Scalar.of(0.7);
            f(a, a).backward(); // the thread's first sweep walks the tape
            Tensor t = Tensor.of(new double[] {1, 2}, 2).requiresGrad();
            t.mul(t).sum().backward(); // then a search
            return t.grad().toArray()[1];
        }).get();
        assertEquals(4.0, grad, 0.0);
    }

    @Test
    void interleavedGraphsBothGetTheirGradients() {
        Scalar a = Scalar.of(0.7);
        Scalar b = Scalar.of(-0.3);
        Scalar first = f(a, b);
        Scalar c = Scalar.of(1.5);
        Scalar second = c.mul(c).add(a.mul(c));
        Scalar third = first.add(second);
        second.backward();
        assertEquals(2 * 1.5 + 0.7, c.grad(), 0.0);
        assertEquals(1.5, a.grad(), 0.0);
        a.zeroGrad();
        c.zeroGrad();
        first.backward();
        double ga = a.grad();
        a.zeroGrad();
        third.backward();
        assertEquals(ga + 1.5, a.grad(), 1e-15);
        assertEquals(2 * 1.5 + 0.7, c.grad(), 0.0);
    }

    @Test
    void graphBuiltOnAnotherThreadIsDifferentiatedHere() throws Exception {
        Scalar a = Scalar.of(0.7);
        Scalar b = Scalar.of(-0.3);
        Scalar out = CompletableFuture.supplyAsync(() -> f(a, b)).get();
        Scalar mixed = out.mul(a); // this thread's node on top of the other thread's graph
        mixed.backward();
        double ga = a.grad();
        a.zeroGrad();
        b.zeroGrad();
        Scalar again = f(a, b).mul(a);
        again.backward();
        assertEquals(a.grad(), ga, 0.0);
    }

    @Test
    void deadGraphIsCollectedOnceTheThreadRunsAnotherBackward() throws InterruptedException {
        Scalar a = Scalar.of(0.7);
        WeakReference<Scalar> dead = new WeakReference<>(f(a, a));
        Scalar.of(1).mul(Scalar.of(2)).backward(); // empties this thread's tape
        for (int i = 0; i < 20 && dead.get() != null; i++) {
            System.gc();
            Thread.sleep(10);
        }
        assertNull(dead.get());
    }

    /**
     * Threads that built big scalar graphs and then sit idle (no further backward, no further
     * node) must not keep those graphs: the tape holds its segments weakly.
     */
    @Test
    void idleThreadsDoNotKeepTheDeadGraphsTheyBuilt() throws Exception {
        int threads = 8;
        List<WeakReference<Scalar>> roots = new ArrayList<>();
        CountDownLatch built = new CountDownLatch(threads);
        CountDownLatch finish = new CountDownLatch(1);
        List<Thread> idle = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread thread = new Thread(() -> {
                Scalar a = Scalar.of(0.5);
                Scalar x = a;
                for (int i = 0; i < 100_000; i++) {
                    x = x.mul(a).add(a).tanh(); // 300,000 nodes, all on this thread's tape
                }
                synchronized (roots) {
                    roots.add(new WeakReference<>(x));
                }
                x = null;
                built.countDown();
                try {
                    finish.await(); // idle: builds nothing more, never runs backward
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            thread.start();
            idle.add(thread);
        }
        try {
            assertTrue(built.await(60, TimeUnit.SECONDS));
            for (int i = 0; i < 50 && roots.stream().anyMatch(r -> r.get() != null); i++) {
                System.gc();
                Thread.sleep(20);
            }
            assertEquals(0, roots.stream().filter(r -> r.get() != null).count(),
                    "graphs still reachable from idle threads");
        } finally {
            finish.countDown();
            for (Thread thread : idle) {
                thread.join();
            }
        }
    }

    @Test
    void withoutBackwardTheTapeKeepsABoundedNumberOfNodes() throws InterruptedException {
        Scalar a = Scalar.of(0.7);
        WeakReference<Scalar> early = new WeakReference<>(f(a, a));
        for (int i = 0; i < 400_000; i++) {
            a.mul(a); // recorded and dropped: the tape drops its oldest segments
        }
        for (int i = 0; i < 20 && early.get() != null; i++) {
            System.gc();
            Thread.sleep(10);
        }
        assertNull(early.get());
    }
}
