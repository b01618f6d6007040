package io.github.chainrule.autodiff.check;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.chainrule.autodiff.CustomOp;
import io.github.chainrule.autodiff.Tensor;
import io.github.chainrule.autodiff.TensorFunction;
import io.github.chainrule.autodiff.engine.Tracing;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class GradCheckTest {
    private static final Tensor X = Tensor.of(new double[] {0.5, -1.2, 0.8, 1.1, -0.4, 0.9}, 2, 3);
    private static final Tensor Y = Tensor.of(new double[] {0.3, 0.7, -0.6}, 3);

    /** x² with the derivative 2x written with tensor operations (differentiable again). */
    private static final CustomOp SQUARE = CustomOp.named("mySquare")
            .forward(in -> Tensor.of(Arrays.stream(in[0].toArray()).map(v -> v * v).toArray(), in[0].shape()))
            .vjp((g, out, in) -> new Tensor[] {g.mul(in[0]).mul(2)});

    /** x² whose derivative is 3x: wrong. */
    private static final CustomOp WRONG_SQUARE = CustomOp.named("wrongSquare")
            .forward(in -> Tensor.of(Arrays.stream(in[0].toArray()).map(v -> v * v).toArray(), in[0].shape()))
            .vjp((g, out, in) -> new Tensor[] {g.mul(in[0]).mul(3)});

    /** x² whose derivative 2x is right but computed from plain arrays: its own derivative is lost. */
    private static final CustomOp OPAQUE_SQUARE = CustomOp.named("opaqueSquare")
            .forward(in -> Tensor.of(Arrays.stream(in[0].toArray()).map(v -> v * v).toArray(), in[0].shape()))
            .vjp((g, out, in) -> {
                double[] x = in[0].toArray();
                double[] gv = g.toArray();
                double[] dx = new double[x.length];
                for (int i = 0; i < x.length; i++) {
                    dx[i] = 2 * x[i] * gv[i];
                }
                return new Tensor[] {Tensor.of(dx, in[0].shape())};
            });

    private static final TensorFunction SMOOTH = in -> in[0].mul(in[1]).tanh().add(in[0].sigmoid()).sum();

    @Test
    void correctFunctionPassesInFullJacobianAndProjectionModes() {
        assertTrue(GradCheck.defaults().check(SMOOTH, X, Y).passed());
        GradCheckReport projected = GradCheck.defaults().projections(10).check(SMOOTH, X, Y);
        assertTrue(projected.passed(), projected.toString());
        assertEquals(10, projected.compared());
        GradCheck.assertCorrect(in -> in[0].mul(in[1]).exp(), X, Y);
    }

    @Test
    void failureMessageNamesOutputInputAndBothValues() {
        GradCheckReport report = GradCheck.defaults().check(in -> in[0].add(WRONG_SQUARE.apply(in[1])), X, Y);
        assertFalse(report.passed());
        String text = report.toString();
        assertTrue(text.startsWith("gradcheck failed: 6 of 54 entries out of tolerance; worst relative error 0.5"),
                text);
        // y (3,) is broadcast over both rows of x (2,3): each of its 3 elements feeds 2 outputs, and
        // output 3 (row 1, column 0) depends on y[0] = 0.3 through 0.3², derivative 0.6, not 0.9.
        assertTrue(text.contains("Jacobian mismatch for output 3 with respect to input 1, element [0]: numerical "
                + "0.59999"), text);
        assertTrue(text.contains(" vs analytical 0.89999"), text);
        Mismatch worst = report.mismatches().get(0);
        assertEquals(1, worst.input());
        assertEquals(0.5, worst.relativeError(), 1e-6);
        assertEquals(1.5 * worst.numerical(), worst.analytical(), 1e-9);
        AssertionError thrown = assertThrows(AssertionError.class,
                () -> GradCheck.assertCorrect(in -> WRONG_SQUARE.apply(in[0]).sum(), X));
        assertTrue(thrown.getMessage().contains("with respect to input 0"), thrown.getMessage());
    }

    @Test
    void projectionModeCatchesAWrongDerivative() {
        GradCheckReport report = GradCheck.defaults().projections(3).check(in -> WRONG_SQUARE.apply(in[0]).sum(), X);
        assertFalse(report.passed());
        assertTrue(report.mismatches().get(0).isProjection());
        assertTrue(report.toString().contains("projection mismatch for random product"), report.toString());
    }

    @Test
    void richardsonExtrapolationIsMoreAccurate() {
        // sin(3x) has a large third derivative: the h² error of a plain central difference shows.
        TensorFunction f = in -> in[0].mul(3).sin().sum();
        double plain = GradCheck.defaults().check(f, X).worstRelativeError();
        double extrapolated = GradCheck.defaults().richardson(true).check(f, X).worstRelativeError();
        assertTrue(extrapolated < plain, extrapolated + " vs " + plain);
        assertTrue(GradCheck.defaults().richardson(true).projections(4).check(f, X).passed());
    }

    @Test
    void tolerancesAreDocumentedDefaultsAndAdjustable() {
        assertEquals(1e-6, GradCheck.DEFAULT_ATOL);
        assertEquals(1e-5, GradCheck.DEFAULT_RTOL);
        TensorFunction wrong = in -> WRONG_SQUARE.apply(in[0]).sum();
        assertTrue(GradCheck.defaults().atol(10).check(wrong, X).passed());
        assertTrue(GradCheck.defaults().rtol(0.6).check(wrong, X).passed());
    }

    @Test
    void secondOrderCheckPassesForDifferentiableVjpsAndCatchesOpaqueOnes() {
        assertTrue(GradCheck.defaults().checkSecondOrder(SMOOTH, X, Y).passed());
        GradCheck.assertCorrectToSecondOrder(in -> SQUARE.apply(in[0]).mul(in[1]).sum(), X, Y);
        TensorFunction opaque = in -> OPAQUE_SQUARE.apply(in[0]).sum();
        assertTrue(GradCheck.defaults().check(opaque, X).passed(), "first order is right");
        // An opaque (first-order-only) VJP refuses to be differentiated again, naming itself.
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> GradCheck.defaults().checkSecondOrder(opaque, X));
        assertTrue(refused.getMessage().startsWith("opaqueSquare: its vjp is first order only"), refused.getMessage());
        assertTrue(GradCheck.defaults().projections(5).checkSecondOrder(SMOOTH, X, Y).passed());
    }

    @Test
    void blameNamesTheFirstWrongOpWithItsShapesAndCreationSite() {
        int line = currentLine() + 3;
        GradCheckReport report = GradCheck.defaults().check(in -> {
            Tensor a = SQUARE.apply(in[0].tanh());
            Tensor b = WRONG_SQUARE.apply(a.mul(in[1]));
            return SQUARE.apply(b).sum();
        }, X, Y);
        String blame = report.blame();
        assertNotNull(blame, report.toString());
        assertTrue(blame.startsWith("op 'wrongSquare' with inputs of shape (2,3) created at "
                + GradCheckTest.class.getName() + ".lambda$"), blame);
        assertTrue(blame.contains("(GradCheckTest.java:" + line + ")"), blame + " expected line " + line);
        assertTrue(blame.contains("its VJP disagrees with finite differences of its own forward"), blame);
        assertTrue(report.toString().contains("\n  blamed: op 'wrongSquare'"), report.toString());
    }

    @Test
    void noBlameWhenTheCheckPassesAndTracingIsOffAfterwards() {
        assertNull(GradCheck.defaults().check(in -> SQUARE.apply(in[0]).sum(), X).blame());
        GradCheck.defaults().check(in -> WRONG_SQUARE.apply(in[0]).sum(), X);
        assertFalse(Tracing.isEnabled());
        Tensor y = SQUARE.apply(X.detach().requiresGrad());
        assertNull(y.replay(), "replays are kept only while tracing");
        assertNull(y.creationSite());
    }

    @Test
    void tracingKeepsReplaysOfCustomAndBuiltInOps() {
        boolean previous = Tracing.set(true);
        try {
            Tensor x = X.detach().requiresGrad();
            Tensor custom = SQUARE.apply(x);
            Tensor builtIn = x.square().sum(1, true);
            assertNotNull(custom.replay());
            assertNotNull(custom.creationSite());
            Tensor again = (Tensor) custom.replay().apply(new Tensor[] {Y});
            assertEquals(Arrays.toString(new double[] {0.09, 0.49, 0.36}), Arrays.toString(
                    Arrays.stream(again.toArray()).map(v -> Math.round(v * 100) / 100.0).toArray()));
            Tensor summed = (Tensor) builtIn.replay().apply(new Tensor[] {Tensor.ones(2, 3)});
            assertArrayEquals(new double[] {3, 3}, summed.toArray());
            assertArrayEquals(new int[] {2, 1}, summed.shape());
        } finally {
            Tracing.set(previous);
        }
    }

    @Test
    void aBuiltInOpEvaluatedAtItsKinkIsBlamedByName() {
        Tensor atKink = Tensor.of(new double[] {0.5, -1.0, 0.0}, 3);
        int line = currentLine() + 1;
        GradCheckReport report = GradCheck.defaults().check(in -> in[0].mul(2).relu().sum(), atKink);
        assertFalse(report.passed());
        String blame = report.blame();
        assertNotNull(blame, report.toString());
        assertTrue(blame.startsWith("op 'relu' with inputs of shape (3,) created at "), blame);
        assertTrue(blame.contains("(GradCheckTest.java:" + line + ")"), blame + " expected line " + line);
    }

    private static int currentLine() {
        return StackWalker.getInstance().walk(s -> s.skip(1).findFirst()).orElseThrow().getLineNumber();
    }
}
