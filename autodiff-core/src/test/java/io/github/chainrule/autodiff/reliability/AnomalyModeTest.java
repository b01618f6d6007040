package io.github.chainrule.autodiff.reliability;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.chainrule.autodiff.Grad;
import io.github.chainrule.autodiff.Scalar;
import io.github.chainrule.autodiff.Tensor;
import io.github.chainrule.autodiff.engine.AnomalyException;
import org.junit.jupiter.api.Test;

/** Anomaly mode names the first NaN or infinity: the op, forward or backward, the user's line, the inputs. */
class AnomalyModeTest {
    private static final String SELF = AnomalyModeTest.class.getName();

    /** The line after the caller's: where the statement under test sits. */
    private static int nextLine() {
        return new Throwable().getStackTrace()[1].getLineNumber() + 1;
    }

    @Test
    void logOfNegativeInForwardNamesOpUserLineAndInputs() {
        Tensor x = Tensor.vector(1, -2).requiresGrad();
        try (Grad.Scope on = Grad.detectAnomaly()) {
            int line = nextLine();
            AnomalyException e = assertThrows(AnomalyException.class, () -> x.log());
            assertEquals("anomaly in forward: 'log' produced a non-finite value (shape (2,) min 0.0 max 0.0 NaNs 1),"
                    + " created at " + SELF + ".lambda$logOfNegativeInForwardNamesOpUserLineAndInputs$0"
                    + "(AnomalyModeTest.java:" + line + "); inputs: shape (2,) min -2.0 max 1.0 NaNs 0", e.getMessage());
        }
    }

    @Test
    void sqrtAtZeroGivesInfiniteGradientReportedInBackward() {
        Tensor x = Tensor.vector(0, 4).requiresGrad();
        try (Grad.Scope on = Grad.detectAnomaly()) {
            int line = nextLine();
            Tensor y = x.sqrt();
            Tensor loss = y.sum();
            AnomalyException e = assertThrows(AnomalyException.class, loss::backward);
            assertEquals("anomaly in backward: 'sqrt' produced a non-finite gradient for input 0 of shape (2,)"
                    + " (gradient: shape (2,) min 0.25 max Infinity NaNs 0), created at " + SELF
                    + ".sqrtAtZeroGivesInfiniteGradientReportedInBackward(AnomalyModeTest.java:" + line
                    + "); inputs: shape (2,) min 0.0 max 4.0 NaNs 0", e.getMessage());
        }
    }

    @Test
    void scalarLogOfZeroReportedInForward() {
        Scalar x = Scalar.of(0);
        try (Grad.Scope on = Grad.detectAnomaly()) {
            int line = nextLine();
            AnomalyException e = assertThrows(AnomalyException.class, () -> x.log());
            assertTrue(e.getMessage().startsWith("anomaly in forward: 'log' produced a non-finite value (scalar -Infinity)"),
                    e.getMessage());
            assertTrue(e.getMessage().contains("(AnomalyModeTest.java:" + line + "); inputs: scalar 0.0"), e.getMessage());
        }
    }

    @Test
    void scalarDivisionByZeroGradientReportedInBackward() {
        Scalar x = Scalar.of(0);
        try (Grad.Scope on = Grad.detectAnomaly()) {
            int line = nextLine();
            Scalar y = x.pow(0.5).add(1);
            AnomalyException e = assertThrows(AnomalyException.class, y::backward);
            assertTrue(e.getMessage().startsWith("anomaly in backward: 'pow' produced a non-finite gradient for input 0"),
                    e.getMessage());
            assertTrue(e.getMessage().contains("scalarDivisionByZeroGradientReportedInBackward(AnomalyModeTest.java:"
                    + line + ")"), e.getMessage());
        }
    }

    @Test
    void zeroOverZeroReportsTheNaNInForward() {
        Tensor a = Tensor.vector(0, 1).requiresGrad();
        Tensor b = Tensor.vector(0, 2);
        try (Grad.Scope on = Grad.detectAnomaly()) {
            AnomalyException e = assertThrows(AnomalyException.class, () -> a.div(b));
            assertTrue(e.getMessage().startsWith("anomaly in forward: 'div' produced a non-finite value"
                    + " (shape (2,) min 0.5 max 0.5 NaNs 1)"), e.getMessage());
            assertTrue(e.getMessage().endsWith("inputs: shape (2,) min 0.0 max 1.0 NaNs 0, shape (2,) min 0.0 max 2.0 NaNs 0"),
                    e.getMessage());
        }
    }

    @Test
    void nanGradientFromFiniteValuesIsReportedInBackward() {
        // (−2)² = 4 is finite, but ∂/∂b = aᵇ·ln a is NaN for a negative base.
        Tensor a = Tensor.vector(-2);
        Tensor b = Tensor.vector(2).requiresGrad();
        try (Grad.Scope on = Grad.detectAnomaly()) {
            Tensor loss = a.pow(b).sum();
            AnomalyException e = assertThrows(AnomalyException.class, loss::backward);
            assertTrue(e.getMessage().startsWith("anomaly in backward: 'pow' produced a non-finite gradient for input 1"
                    + " of shape (1,) (gradient: shape (1,) min Infinity max -Infinity NaNs 1)"), e.getMessage());
        }
    }

    @Test
    void offByDefaultNaNsFlowSilentlyAndNoSiteIsCaptured() {
        Tensor x = Tensor.vector(-1).requiresGrad();
        Tensor y = assertDoesNotThrow(() -> x.log());
        assertTrue(Double.isNaN(y.item()));
        assertNull(y.creationSite());
        assertFalse(Grad.isEnabled() && io.github.chainrule.autodiff.engine.Anomaly.isEnabled());
    }

    @Test
    void creationSiteIsTheTestMethodWhenOn() {
        Tensor x = Tensor.vector(1).requiresGrad();
        try (Grad.Scope on = Grad.detectAnomaly()) {
            Tensor y = x.exp();
            assertNotNull(y.creationSite());
            assertEquals(SELF, y.creationSite().className());
            assertEquals("creationSiteIsTheTestMethodWhenOn", y.creationSite().methodName());
        }
        assertFalse(io.github.chainrule.autodiff.engine.Anomaly.isEnabled());
    }

    @Test
    void carryingAnExistingInfinityIsNotAnAnomaly() {
        // A −∞ mask is the user's data, not an anomaly: softmax over it stays quiet.
        Tensor x = Tensor.vector(1, 2, 3).requiresGrad();
        Tensor mask = Tensor.vector(0, Double.NEGATIVE_INFINITY, 0);
        try (Grad.Scope on = Grad.detectAnomaly()) {
            Tensor p = x.add(mask).softmax(0);
            Tensor loss = p.mul(Tensor.vector(1, 2, 3)).sum();
            assertDoesNotThrow(() -> loss.backward());
        }
        assertEquals(0.0, x.grad().get(1));
    }

    @Test
    void zeroUpstreamGradientThroughInfiniteDerivativeIsNotAnAnomaly() {
        Tensor x = Tensor.vector(0, 4).requiresGrad();
        try (Grad.Scope on = Grad.detectAnomaly()) {
            Tensor loss = x.sqrt().mul(Tensor.vector(0, 1)).sum();
            assertDoesNotThrow(() -> loss.backward());
        }
        assertEquals(0.0, x.grad().get(0));
        assertEquals(0.25, x.grad().get(1));
    }

    @Test
    void createGraphBackwardIsCheckedAsBackward() {
        Tensor x = Tensor.vector(0).requiresGrad();
        try (Grad.Scope on = Grad.detectAnomaly()) {
            Tensor loss = x.pow(1.5).sum();
            AnomalyException e = assertThrows(AnomalyException.class, () -> {
                loss.backward(null, true);
                x.grad().sum().backward();
            });
            assertTrue(e.getMessage().startsWith("anomaly in backward: "), e.getMessage());
        }
    }
}
