package io.github.chainrule.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

import io.github.chainrule.autodiff.check.GradCheck;
import io.github.chainrule.autodiff.check.GradCheckReport;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * GradCheck must not cry wolf: over 10,000 random well-conditioned graphs built only from
 * correct catalogue operations (three inputs of broadcast-compatible shapes, up to ten
 * operations), with the default tolerances and full Jacobians, no check fails.
 */
class FalsePositiveRateTest {
    private static final int GRAPHS = 10_000;
    /** Drawn so that, after skipping the ill-conditioned few (about 4%), 10,000 remain to check. */
    private static final int DRAWN = 10_600;

    @Test
    void noFalseAlarmsOverTenThousandRandomCatalogueGraphs() {
        AtomicInteger checked = new AtomicInteger();
        AtomicInteger illConditioned = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicLong nodes = new AtomicLong();
        AtomicLong entries = new AtomicLong();
        AtomicInteger largest = new AtomicInteger();
        Falsified<GraphCase> found = new Falsified<>();
        long start = System.nanoTime();
        // Counted until the first failure, so that shrinking attempts do not inflate the count.
        qt().withExamples(DRAWN).withFixedSeed(1).withReporter(found)
                .forAll(Gens.graphCases(ExpressionSpace.catalogue().inputs(3).maxNodes(10)))
                .checkAssert(c -> {
                    if (failed.get() > 0) {
                        throw new AssertionError("shrinking");
                    }
                    if (!c.isWellConditioned()) {
                        illConditioned.incrementAndGet();
                        return;
                    }
                    checked.incrementAndGet();
                    GradCheckReport report = GradCheck.defaults().check(c.function(), c.inputs());
                    nodes.addAndGet(c.expression().nodeCount());
                    largest.accumulateAndGet(c.expression().nodeCount(), Math::max);
                    entries.addAndGet(report.compared());
                    if (!report.passed()) {
                        failed.incrementAndGet();
                        throw new AssertionError(report.toString());
                    }
                });
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("false-positive run: %d graphs checked (%.2f nodes, at most %d, and %.1f Jacobian entries on"
                + " average), %d ill-conditioned skipped, %d failed, %.1f s%n", checked.get(),
                nodes.get() / (double) checked.get(), largest.get(), entries.get() / (double) checked.get(), illConditioned.get(),
                failed.get(), seconds);
        assertNull(found.smallest(), () -> "false alarm on " + found.smallest() + "\n" + found.cause());
        assertEquals(0, failed.get());
        assertTrue(checked.get() >= GRAPHS, "too few graphs checked: " + checked.get());
    }
}
