package io.github.chainrule.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

import io.github.chainrule.autodiff.Tensor;
import io.github.chainrule.autodiff.catalogue.Domain;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GensTest {

    @Test
    void batchesHaveTheRequestedShapeAndRealValues() {
        qt().withExamples(50).forAll(Gens.batches(32, 4)).checkAssert(x -> {
            assertArrayEquals(new int[] {32, 4}, x.shape());
            for (double v : x.toArray()) {
                assertTrue(Domain.REAL.contains(v), "value " + v);
            }
        });
    }

    @Test
    void tensorsStayInTheirDomain() {
        for (Domain domain : Domain.values()) {
            qt().withExamples(100).forAll(Gens.tensors(domain)).checkAssert(x -> {
                for (double v : x.toArray()) {
                    assertTrue(domain.contains(v), domain + " value " + v);
                }
            });
        }
    }

    @Test
    void shapesRespectRankBoundsAndDimensions() {
        qt().withExamples(200).forAll(Gens.shapes(1, 2)).checkAssert(shape -> {
            assertTrue(shape.length >= 1 && shape.length <= 2);
            for (int d : shape) {
                assertTrue(d >= 1 && d <= 4);
            }
        });
    }

    @Test
    void broadcastPairsBroadcastTogether() {
        qt().withExamples(200).forAll(Gens.broadcastPairs()).checkAssert(pair -> {
            Tensor sum = Tensor.zeros(pair[0]).add(Tensor.zeros(pair[1]));
            int[] longer = pair[0].length >= pair[1].length ? pair[0] : pair[1];
            assertEquals(longer.length, sum.rank());
        });
    }

    @Test
    void catalogueSpaceReadsSecondInputDomainsFromTheCatalogue() {
        ExpressionOp div = byFormula("div(a, b)");
        assertEquals(Domain.REAL, div.domain(0));
        assertEquals(Domain.AWAY_FROM_ZERO, div.domain(1));
        ExpressionOp pow = byFormula("pow(a, b)");
        assertEquals(Domain.POSITIVE, pow.domain(0));
        assertEquals(Domain.REAL, pow.domain(1));
        assertEquals(Domain.POSITIVE, byFormula("log(a)").domain(0));
        Set<String> formulas = new HashSet<>();
        for (ExpressionOp op : ExpressionSpace.catalogue().operations()) {
            formulas.add(op.format(java.util.List.of("x")));
        }
        assertTrue(formulas.contains("pow(x, 0.5)"), formulas.toString());
        assertTrue(formulas.contains("add(x, 0.7)"), formulas.toString());
        assertTrue(formulas.contains("div(x, -1.3)"), formulas.toString());
        assertFalse(formulas.stream().anyMatch(f -> f.startsWith("clamp") || f.startsWith("maximum")), formulas.toString());
    }

    private static ExpressionOp byFormula(String formula) {
        for (ExpressionOp op : ExpressionSpace.catalogue().operations()) {
            String printed = op.arity() == 1 ? op.format(java.util.List.of("a")) : op.format(java.util.List.of("a", "b"));
            if (printed.equals(formula)) {
                return op;
            }
        }
        throw new AssertionError("no catalogue op prints as " + formula);
    }

    @Test
    void expressionsPrintCountAndEvaluateConsistently() {
        Set<String> seen = new HashSet<>();
        qt().withExamples(300).forAll(Gens.graphCases(ExpressionSpace.catalogue())).checkAssert(c -> {
            Expression e = c.expression();
            seen.add(e.toString());
            assertTrue(e.nodeCount() <= 2 * 6 + 6, e + " has " + e.nodeCount() + " nodes");
            Tensor y = c.evaluate();
            assertEquals(y.size(), e.evaluate(c.inputs()).size());
        });
        assertTrue(seen.size() > 100, "only " + seen.size() + " distinct expressions");
        assertTrue(seen.stream().anyMatch(s -> s.contains("softplus(") && s.contains(")+0.3")), "no guard seen");
    }

    @Test
    void guardedOperationsOnlySeePositiveValues() {
        ExpressionOp logOnly = ExpressionOp.of("log", in -> in[0].log(), Domain.POSITIVE);
        qt().withExamples(200).forAll(Gens.graphCases(ExpressionSpace.of(logOnly).maxNodes(3))).checkAssert(c -> {
            for (double v : c.evaluate().toArray()) {
                assertTrue(Double.isFinite(v), c.toString());
            }
        });
    }

    @Test
    void expressionShrinksToTheSmallestFailingStructure() {
        // A property that fails whenever tanh occurs anywhere: the smallest counterexample is tanh(x0).
        Falsified<Expression> found = new Falsified<>();
        qt().withExamples(1000).withFixedSeed(7).withReporter(found).forAll(Gens.expressions())
                .checkAssert(e -> assertFalse(e.operations().contains("tanh")));
        assertEquals("tanh(x0)", found.smallest().toString());
        assertEquals(1, found.smallest().nodeCount());
    }

    @Test
    void sharedSubExpressionsAreEvaluatedOnceAndPrintedAtEachUse() {
        Set<String> shared = new HashSet<>();
        qt().withExamples(500).forAll(Gens.expressions()).checkAssert(e -> {
            String text = e.toString();
            // A formula longer than its distinct nodes suggests reuse.
            if (e.nodeCount() >= 2 && countOps(text) > e.nodeCount()) {
                shared.add(text);
            }
        });
        assertFalse(shared.isEmpty(), "no expression with a shared sub-expression");
    }

    private static int countOps(String formula) {
        int count = 0;
        for (char ch : formula.toCharArray()) {
            if (ch == '(') {
                count++;
            }
        }
        return count;
    }
}
