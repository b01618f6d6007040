package io.github.chainrule.autodiff.reliability;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.github.chainrule.autodiff.Tensor;
import org.junit.jupiter.api.Test;
import org.apache.commons.math3.random.Well19937c;

/**
 * A first-order sweep computes a medium product's dA and dB side by side on the pool; a
 * createGraph sweep computes them one after the other on the caller. Both must agree bit for
 * bit, and the concurrently computed gradients must record nothing.
 */
class ConcurrentProductGradientsTest {
    @Test
    void concurrentProductGradientsEqualSerialOnes() {
        Tensor a = Tensor.randn(new Well19937c(1L), 128, 256).requiresGrad();
        Tensor b = Tensor.randn(new Well19937c(2L), 256, 128).requiresGrad();
        Tensor g = Tensor.randn(new Well19937c(3L), 128, 128);
        a.matmul(b).backward(g); // first order: side by side when two threads are configured
        double[] da = a.grad().toArray();
        double[] db = b.grad().toArray();
        boolean recorded = a.grad().needsGrad() || b.grad().needsGrad();
        a.zeroGrad();
        b.zeroGrad();
        a.matmul(b).backward(g, true); // recorded: one after the other
        assertArrayEquals(da, a.grad().toArray(), 0.0);
        assertArrayEquals(db, b.grad().toArray(), 0.0);
        org.junit.jupiter.api.Assertions.assertFalse(recorded);
    }
}
