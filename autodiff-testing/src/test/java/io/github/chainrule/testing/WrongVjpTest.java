package io.github.chainrule.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

import io.github.chainrule.autodiff.CustomOp;
import io.github.chainrule.autodiff.Tensor;
import io.github.chainrule.autodiff.catalogue.Domain;
import io.github.chainrule.autodiff.check.GradCheck;
import io.github.chainrule.autodiff.check.GradCheckReport;
import java.util.Arrays;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * User-defined operations with deliberately wrong derivatives are caught by GradCheck inside
 * random expression graphs, shrunk by QuickTheories to a tiny graph, and blamed by name.
 */
class WrongVjpTest {

    private static CustomOp elementwise(String name, DoubleUnaryOperator f, CustomOp.Vjp vjp) {
        return CustomOp.named(name)
                .forward(in -> Tensor.of(Arrays.stream(in[0].toArray()).map(f).toArray(), in[0].shape()))
                .vjp(vjp);
    }

    /** x³ with its true derivative 3x². */
    private static final CustomOp CUBE = elementwise("cube", x -> x * x * x,
            (g, out, in) -> new Tensor[] {g.mul(in[0].square().mul(3))});

    /** (a) x³ with the derivative's sign flipped. */
    private static final CustomOp CUBE_SIGN_FLIPPED = elementwise("cubeSignFlipped", x -> x * x * x,
            (g, out, in) -> new Tensor[] {g.mul(in[0].square().mul(-3))});

    /** (b) x² with derivative x: the factor 2 is missing. */
    private static final CustomOp SQUARE_MISSING_TWO = elementwise("squareMissingTwo", x -> x * x,
            (g, out, in) -> new Tensor[] {g.mul(in[0])});

    /** (c) sin x with derivative cos x, except that it is dropped to 0 for |x| < 0.1. */
    private static final CustomOp SIN_WRONG_NEAR_ZERO = elementwise("sinWrongNearZero", Math::sin,
            (g, out, in) -> new Tensor[] {g.mul(in[0].cos()).mul(in[0].abs().gt(0.1))});

    /** Runs the gradient-check property over random graphs that may use {@code op}. */
    private static Falsified<GraphCase> falsify(CustomOp op, int examples) {
        ExpressionSpace space = ExpressionSpace.catalogue().with(ExpressionOp.of(op, Domain.REAL));
        Falsified<GraphCase> found = new Falsified<>();
        qt().withExamples(examples).withFixedSeed(2024).withReporter(found).forAll(Gens.graphCases(space))
                .assuming(GraphCase::isWellConditioned)
                .checkAssert(c -> GradCheck.assertCorrect(c.function(), c.inputs()));
        return found;
    }

    private static void assertShrunkAndBlamed(CustomOp op) {
        Falsified<GraphCase> found = falsify(op, 2000);
        GraphCase smallest = found.smallest();
        assertNotNull(smallest, op.name() + " was not caught");
        System.out.println(op.name() + ": shrunk to " + smallest.expression().nodeCount() + " node(s) after "
                + found.examples() + " examples: " + smallest);
        assertTrue(smallest.expression().nodeCount() <= 3, "not shrunk enough: " + smallest);
        assertTrue(smallest.expression().operations().contains(op.name()), smallest.toString());

        GradCheckReport report = GradCheck.defaults().check(smallest.function(), smallest.inputs());
        String blame = report.blame();
        assertNotNull(blame, report.toString());
        assertTrue(blame.startsWith("op '" + op.name() + "' with inputs of shape "), blame);
        assertTrue(blame.contains("created at " + WrongVjpTest.class.getName()), blame);
        assertTrue(report.toString().contains("blamed: op '" + op.name() + "'"), report.toString());
        assertTrue(found.cause().getMessage().contains("blamed: op '" + op.name() + "'"), found.cause().getMessage());
    }

    @Test
    void signFlippedVjpIsCaughtShrunkAndBlamed() {
        assertShrunkAndBlamed(CUBE_SIGN_FLIPPED);
    }

    @Test
    void vjpMissingAFactorOfTwoIsCaughtShrunkAndBlamed() {
        assertShrunkAndBlamed(SQUARE_MISSING_TWO);
    }

    @Test
    void vjpWrongOnlyNearZeroIsCaughtShrunkAndBlamed() {
        assertShrunkAndBlamed(SIN_WRONG_NEAR_ZERO);
    }

    @Test
    void correctCustomOpPassesOverRandomGraphs() {
        Falsified<GraphCase> found = falsify(CUBE, 500);
        assertNull(found.smallest(), () -> "false alarm: " + found.smallest() + "\n" + found.cause());
    }

    @Test
    void blameNamesTheWrongOpAmongCorrectOnesWithItsInputShapes() {
        Tensor x = Tensor.of(new double[] {0.5, -1.2, 0.8, 1.1, -0.4, 0.9}, 2, 3);
        Tensor y = Tensor.of(new double[] {0.3, 0.7, -0.6}, 3);
        GradCheckReport report = GradCheck.defaults().check(in -> {
            Tensor first = CUBE.apply(in[0].tanh());
            Tensor second = SQUARE_MISSING_TWO.apply(first.mul(in[1]));
            return CUBE.apply(second).sum();
        }, x, y);
        assertTrue(!report.passed());
        assertEquals(0, report.blame().indexOf("op 'squareMissingTwo' with inputs of shape (2,3) created at "
                + WrongVjpTest.class.getName() + ".lambda$"), report.blame());
    }
}
