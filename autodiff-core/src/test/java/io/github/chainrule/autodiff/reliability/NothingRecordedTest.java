package io.github.chainrule.autodiff.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.chainrule.autodiff.Grad;
import io.github.chainrule.autodiff.Scalar;
import io.github.chainrule.autodiff.Tensor;
import org.junit.jupiter.api.Test;

/**
 * backward() from an output that has no recorded graph refuses, as PyTorch does, instead of
 * silently leaving every gradient untouched; and grad-mode scopes restore their setting once.
 */
class NothingRecordedTest {
    private static final String REASON = "has no recorded graph, so no gradient can reach anything: none of its "
            + "inputs requires grad (call requiresGrad() on the parameters) or it was computed while recording was "
            + "off (inside Grad.disabled())";

    @Test
    void forgottenRequiresGradRefuses() {
        Tensor w = Tensor.vector(1, 2);
        Tensor loss = w.mul(w).sum();
        IllegalStateException e = assertThrows(IllegalStateException.class, loss::backward);
        assertEquals("backward: the output () ('sum') " + REASON, e.getMessage());
    }

    @Test
    void lossComputedWithRecordingOffRefuses() {
        Tensor w = Tensor.vector(1, 2).requiresGrad();
        Tensor loss;
        try (Grad.Scope off = Grad.disabled()) {
            loss = w.mul(w).sum();
        }
        assertThrows(IllegalStateException.class, loss::backward);
        assertThrows(IllegalStateException.class, () -> loss.backward(Tensor.scalar(1), true));
        Scalar a = Scalar.of(2);
        Scalar s;
        try (Grad.Scope off = Grad.disabled()) {
            s = a.mul(a);
        }
        IllegalStateException e = assertThrows(IllegalStateException.class, s::backward);
        assertEquals("backward: the output () ('mul') " + REASON, e.getMessage());
        assertEquals(0.0, a.grad(), 0.0);
    }

    @Test
    void aLeafThatRequiresGradIsItsOwnGraph() {
        Scalar a = Scalar.of(2);
        a.backward();
        assertEquals(1.0, a.grad(), 0.0);
        Tensor t = Tensor.vector(5).requiresGrad();
        t.backward(Tensor.vector(3));
        assertEquals(3.0, t.grad().item(), 0.0);
    }

    @Test
    void closingAScopeTwiceDoesNotReopenRecordingInsideAnOuterScope() {
        Grad.Scope inner = Grad.disabled();
        inner.close();
        assertTrue(Grad.isEnabled());
        try (Grad.Scope outer = Grad.disabled()) {
            inner.close(); // already closed: must not restore "enabled" inside the outer scope
            assertFalse(Grad.isEnabled());
            assertFalse(Tensor.vector(1).requiresGrad().exp().needsGrad());
        }
        assertTrue(Grad.isEnabled());
        Grad.Scope on = Grad.enabled();
        on.close();
        try (Grad.Scope outer = Grad.disabled()) {
            on.close();
            assertFalse(Grad.isEnabled());
        }
        Grad.Scope anomaly = Grad.detectAnomaly();
        anomaly.close();
        try (Grad.Scope outer = Grad.detectAnomaly()) {
            anomaly.close();
            assertThrows(ArithmeticException.class, () -> Tensor.vector(-1).requiresGrad().log());
        }
    }
}
