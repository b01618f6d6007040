package io.github.chainrule.autodiff.check;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.chainrule.autodiff.CustomOp;
import io.github.chainrule.autodiff.Tensor;
import io.github.chainrule.autodiff.TensorFunction;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Correct built-ins pass the gradient check close to their singular points, where a fixed step
 * of about 6e-6 is as large as the point itself (or crosses the edge of the domain), while a
 * derivative that is wrong by 1% there still fails; a full Jacobian too large to check quickly
 * is refused with a pointer to projections.
 */
class GradCheckNearSingularitiesTest {
    private static final Tensor NEAR_ZERO = Tensor.vector(1e-3, 1e-4, 1e-5, 1e-6, 0.5, 3);

    /** log x whose derivative is 1.01/x: one percent off. */
    private static final CustomOp SLIGHTLY_WRONG_LOG = CustomOp.named("slightlyWrongLog")
            .forward(in -> Tensor.of(Arrays.stream(in[0].toArray()).map(Math::log).toArray(), in[0].shape()))
            .vjp((g, out, in) -> new Tensor[] {g.div(in[0]).mul(1.01)});

    @Test
    void logPassesAtOneThousandthAndOneTenThousandth() {
        for (double x : new double[] {1e-3, 1e-4}) {
            GradCheckReport report = GradCheck.defaults().check(in -> in[0].log(), Tensor.vector(x));
            assertTrue(report.passed(), "log at " + x + ": " + report);
        }
    }

    @Test
    void sqrtPassesAtOneHundredThousandthAndWhereTheStepWouldLeaveItsDomain() {
        for (double x : new double[] {1e-5, 1e-6, 1e-9}) {
            GradCheckReport report = GradCheck.defaults().check(in -> in[0].sqrt(), Tensor.vector(x));
            assertTrue(report.passed(), "sqrt at " + x + ": " + report);
        }
    }

    @Test
    void builtInsWithASingularityAtZeroPassAtEveryScaleInBothModesAndToSecondOrder() {
        TensorFunction[] functions = {in -> in[0].log(), in -> in[0].sqrt(), in -> in[0].pow(-1),
            in -> in[0].pow(1.5), in -> Tensor.scalar(1).div(in[0]).log().mul(in[0].sqrt())};
        for (TensorFunction f : functions) {
            GradCheckReport full = GradCheck.defaults().check(f, NEAR_ZERO);
            assertTrue(full.passed(), full.toString());
            GradCheckReport projected = GradCheck.defaults().projections(6).check(in -> f.apply(in).sum(), NEAR_ZERO);
            assertTrue(projected.passed(), projected.toString());
            GradCheckReport second = GradCheck.defaults().checkSecondOrder(in -> f.apply(in).sum(), NEAR_ZERO);
            assertTrue(second.passed(), second.toString());
        }
    }

    @Test
    void aDerivativeOnePercentOffStillFailsNearZeroAndIsBlamed() {
        GradCheckReport report = GradCheck.defaults().check(in -> SLIGHTLY_WRONG_LOG.apply(in[0]), NEAR_ZERO);
        assertFalse(report.passed());
        assertTrue(report.mismatches().size() == NEAR_ZERO.size(), report.toString());
        for (Mismatch m : report.mismatches()) {
            assertTrue(Math.abs(m.analytical() / m.numerical() - 1.01) < 1e-6, m.toString());
        }
        assertTrue(report.blame().startsWith("op 'slightlyWrongLog'"), report.blame());
        assertFalse(GradCheck.defaults().projections(3).check(in -> SLIGHTLY_WRONG_LOG.apply(in[0]).sum(), NEAR_ZERO)
                .passed());
    }

    @Test
    void aKinkStillFails() {
        // relu at 0: every central difference is ½, the derivative taken there is 0.
        GradCheckReport report = GradCheck.defaults().check(in -> in[0].relu(), Tensor.vector(0.0));
        assertFalse(report.passed());
        assertTrue(report.blame().startsWith("op 'relu'"), report.blame());
    }

    @Test
    void aFullJacobianOfALargeInputIsRefusedWithAPointerToProjections() {
        Tensor large = Tensor.full(0.5, 100, 101);
        TensorFunction f = in -> in[0].square().sum();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GradCheck.defaults().check(f, large));
        assertTrue(e.getMessage().startsWith("gradcheck: a full Jacobian of 10100 input elements and 1 output elements"
                + " needs 20200 evaluations of the function and 1 backward sweeps"), e.getMessage());
        assertTrue(e.getMessage().contains("GradCheck.defaults().projections(k)"), e.getMessage());
        assertTrue(GradCheck.defaults().projections(4).check(f, large).passed());
        assertThrows(IllegalArgumentException.class, () -> GradCheck.defaults().checkSecondOrder(f, large));
        assertTrue(GradCheck.defaults().projections(2).checkSecondOrder(f, large).passed());
    }
}
