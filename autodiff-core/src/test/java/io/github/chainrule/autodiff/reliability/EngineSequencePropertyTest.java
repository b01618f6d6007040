package io.github.chainrule.autodiff.reliability;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import io.github.chainrule.autodiff.Grad;
import io.github.chainrule.autodiff.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Random sequences of recording, optimiser-style in-place updates, backward calls, gradient
 * resets and threads, against a model of what each step must do: every backward either adds
 * exactly the gradient of the graph as it was recorded, or refuses with a clear error and
 * changes nothing. All values are small integers, so "exactly" means bit for bit whatever the
 * order in which threads add their contributions.
 */
class EngineSequencePropertyTest {
    private static final ExecutorService POOL = Executors.newFixedThreadPool(2);
    private static final String STALE = "was modified in place after";
    private static final String BUSY = "is being differentiated by another backward at the same time";
    private static final String NOTHING = "has no recorded graph";

    @AfterAll
    static void shutDown() {
        POOL.shutdownNow();
    }

    /** loss = Σ ½z² + relu(z), z = xW + b; a recorded graph and what backward must add. */
    private record Graph(Tensor loss, int[] updatesSeen, double[] dW, double[] db) {
    }

    /** The system under test and the model of its gradients. */
    private static final class World {
        final Tensor w = Tensor.of(new double[] {1, -1, 0, 2, -2, 1}, 3, 2).requiresGrad();
        final Tensor b = Tensor.vector(0, 1).requiresGrad();
        final int[] updates = new int[2];
        double[] expectedW = null;
        double[] expectedB = null;
        final List<Graph> graphs = new ArrayList<>();

        Graph record(int seed) {
            double[] x = new double[6];
            for (int i = 0; i < x.length; i++) {
                x[i] = (seed >> i) % 5 - 2;
            }
            Tensor xt = Tensor.of(x, 2, 3);
            Tensor z = xt.matmul(w).add(b);
            Tensor loss = z.square().mul(0.5).add(z.relu()).sum();
            // The reference, from the values as recorded: dz = z + [z > 0], dW = xᵀdz, db = Σ_rows dz.
            double[] wv = w.toArray();
            double[] bv = b.toArray();
            double[] dW = new double[6];
            double[] db = new double[2];
            for (int r = 0; r < 2; r++) {
                for (int c = 0; c < 2; c++) {
                    double zv = bv[c];
                    for (int k = 0; k < 3; k++) {
                        zv += x[r * 3 + k] * wv[k * 2 + c];
                    }
                    double dz = zv + (zv > 0 ? 1 : 0);
                    db[c] += dz;
                    for (int k = 0; k < 3; k++) {
                        dW[k * 2 + c] += x[r * 3 + k] * dz;
                    }
                }
            }
            Graph g = new Graph(loss, updates.clone(), dW, db);
            graphs.add(g);
            return g;
        }

        void update(int which, double step) {
            Tensor p = which == 0 ? w : b;
            try (Grad.Scope off = Grad.disabled()) {
                p.updateInPlace((values, gradient) -> {
                    for (int i = 0; i < values.length; i++) {
                        values[i] -= step;
                    }
                });
            }
            updates[which]++;
        }

        boolean stale(Graph g) {
            return g.updatesSeen[0] != updates[0] || g.updatesSeen[1] != updates[1];
        }

        /** Runs one backward; returns whether it ran (true) or refused clearly (false). */
        static boolean backward(Graph g) {
            try {
                g.loss.backward();
                return true;
            } catch (IllegalStateException e) {
                if (!e.getMessage().contains(STALE) && !e.getMessage().contains(BUSY)) {
                    throw e;
                }
                return false;
            }
        }

        void expectAdded(Graph g) {
            expectedW = add(expectedW, g.dW);
            expectedB = add(expectedB, g.db);
        }

        void check(String step) {
            assertGrad(expectedW, w, step + ": w");
            assertGrad(expectedB, b, step + ": b");
        }
    }

    private static double[] add(double[] a, double[] b) {
        if (a == null) {
            return b.clone();
        }
        double[] out = a.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] += b[i];
        }
        return out;
    }

    private static void assertGrad(double[] expected, Tensor leaf, String what) {
        if (expected == null) {
            assertNull(leaf.grad(), what);
        } else {
            assertArrayEquals(expected, leaf.grad().toArray(), 0.0, what);
        }
    }

    private static void run(List<Integer> actions) throws Exception {
        World world = new World();
        List<String> done = new ArrayList<>();
        for (int action : actions) {
            int kind = action % 8;
            int arg = action / 8;
            Graph g = world.graphs.isEmpty() ? null : world.graphs.get(arg % world.graphs.size());
            String step;
            switch (kind) {
                case 0, 1 -> {
                    world.record(arg);
                    step = "record";
                }
                case 2 -> {
                    world.update(arg % 2, arg % 3 - 1);
                    step = "update " + (arg % 2 == 0 ? "w" : "b");
                }
                case 3 -> {
                    step = "backward";
                    if (g != null) {
                        boolean ran = World.backward(g);
                        if (ran != !world.stale(g)) {
                            fail("backward " + (ran ? "ran through a stale graph" : "refused a fresh graph")
                                    + " after " + done);
                        }
                        if (ran) {
                            world.expectAdded(g);
                        }
                    }
                }
                case 4 -> {
                    step = "backward on another thread";
                    if (g != null) {
                        boolean ran = POOL.submit(() -> World.backward(g)).get(30, TimeUnit.SECONDS);
                        if (ran != !world.stale(g)) {
                            fail("backward on another thread disagrees with staleness after " + done);
                        }
                        if (ran) {
                            world.expectAdded(g);
                        }
                    }
                }
                case 5 -> {
                    step = "two threads at once";
                    if (g != null) {
                        Graph other = world.graphs.get((arg / 3) % world.graphs.size());
                        Future<Boolean> first = POOL.submit(() -> World.backward(g));
                        Future<Boolean> second = POOL.submit(() -> World.backward(other));
                        boolean ranFirst = first.get(30, TimeUnit.SECONDS);
                        boolean ranSecond = second.get(30, TimeUnit.SECONDS);
                        assertTrue(!ranFirst || !world.stale(g), "a stale graph ran after " + done);
                        assertTrue(!ranSecond || !world.stale(other), "a stale graph ran after " + done);
                        if (g != other) {
                            assertTrue(ranFirst == !world.stale(g) && ranSecond == !world.stale(other),
                                    "independent graphs refused after " + done);
                        }
                        if (ranFirst) {
                            world.expectAdded(g);
                        }
                        if (ranSecond) {
                            world.expectAdded(other);
                        }
                    }
                }
                case 6 -> {
                    step = "zeroGrad";
                    world.w.zeroGrad();
                    world.b.zeroGrad();
                    world.expectedW = null;
                    world.expectedB = null;
                }
                default -> {
                    step = "backward of an unrecorded loss";
                    Tensor loss;
                    try (Grad.Scope off = Grad.disabled()) {
                        loss = world.w.sum();
                    }
                    IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(
                            IllegalStateException.class, loss::backward);
                    assertTrue(e.getMessage().contains(NOTHING), e.getMessage());
                }
            }
            done.add(step);
            world.check("after " + done);
        }
    }

    @Test
    void randomSequencesGiveExactGradientsOrClearErrors() {
        qt().withExamples(150).withShrinkCycles(200)
                .forAll(lists().of(integers().between(0, 8 * 64 - 1)).ofSizeBetween(1, 40))
                .checkAssert(actions -> {
                    try {
                        run(actions);
                    } catch (RuntimeException | Error e) {
                        throw e;
                    } catch (Exception e) {
                        throw new AssertionError(e);
                    }
                });
    }
}
