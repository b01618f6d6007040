package io.github.chainrule.autodiff.reliability;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.chainrule.autodiff.Grad;
import io.github.chainrule.autodiff.Tensor;
import org.junit.jupiter.api.Test;

/**
 * An in-place update bumps the leaf's version, and backward through a graph recorded before the
 * update refuses, naming the operation and the leaf, instead of mixing old activations with new
 * values.
 */
class InPlaceUpdateTest {
    private static void sgd(Tensor p, double lr) {
        try (Grad.Scope off = Grad.disabled()) {
            p.updateInPlace((w, g) -> {
                for (int i = 0; i < w.length; i++) {
                    w[i] -= lr * g[i];
                }
            });
        }
    }

    @Test
    void eachUpdateBumpsTheVersionSharedWithDetachedAliases() {
        Tensor w = Tensor.vector(1, 2).requiresGrad();
        Tensor alias = w.detach();
        assertEquals(0, w.version());
        w.mul(w).sum().backward();
        sgd(w, 0.5);
        sgd(w, 0.5);
        assertEquals(2, w.version());
        assertEquals(2, alias.version());
        assertArrayEquals(new double[] {-1, -2}, alias.toArray(), 0); // w − 0.5·2w twice, with the first gradient
    }

    @Test
    void backwardThroughAGraphRecordedBeforeAnUpdateRefusesAndChangesNothing() {
        Tensor x = Tensor.of(new double[] {1, 2, 3, 4}, 2, 2).requiresGrad();
        Tensor w = Tensor.of(new double[] {0.5, -1, 2, 1}, 2, 2).requiresGrad();
        Tensor b = Tensor.vector(1, 1).requiresGrad();
        Tensor loss = x.matmul(w).add(b).tanh().sum();
        loss.backward();
        double[] xGrad = x.grad().toArray();
        double[] bGrad = b.grad().toArray();
        sgd(w, 0.1);
        IllegalStateException e = assertThrows(IllegalStateException.class, loss::backward);
        assertEquals("backward: input 1 of 'matmul' (a leaf that requires grad of shape (2,2)) was modified in "
                + "place after 'matmul' was recorded: it is at version 1, the graph saw version 0. The gradient "
                + "would mix the old activations with the new values; run the forward pass again after an "
                + "in-place update (such as an optimiser step), or call backward before updating", e.getMessage());
        // Nothing was accumulated by the refused sweep, and the graph can be rebuilt and used.
        assertArrayEquals(xGrad, x.grad().toArray(), 0);
        assertArrayEquals(bGrad, b.grad().toArray(), 0);
        x.zeroGrad();
        x.matmul(w).add(b).tanh().sum().backward();
        assertTrue(x.grad().toArray()[0] != xGrad[0], "the new forward pass reads the new weights");
    }

    @Test
    void aConstantAliasOfAnUpdatedLeafIsCheckedToo() {
        Tensor w = Tensor.vector(3, 4).requiresGrad();
        Tensor x = Tensor.vector(1, 2).requiresGrad();
        Tensor loss = x.mul(w.detach()).sum();
        w.sum().backward();
        sgd(w, 1);
        IllegalStateException e = assertThrows(IllegalStateException.class, loss::backward);
        assertTrue(e.getMessage().startsWith("backward: input 1 of 'mul' (a leaf constant of shape (2,))"),
                e.getMessage());
        assertNull(x.grad());
    }

    /**
     * The GAN pattern: the generator's loss is recorded through the discriminator, the
     * discriminator takes its step, and only then is the generator's loss differentiated. The
     * generator's gradient would be taken through the new discriminator weights against the old
     * activations; PyTorch raises, and so does chainrule.
     */
    @Test
    void ganPatternStepDiscriminatorThenBackwardGeneratorLossRefuses() {
        Tensor z = Tensor.of(new double[] {0.3, -0.2, 0.5, 0.1}, 2, 2);
        Tensor g = Tensor.of(new double[] {1, 0.5, -0.5, 1}, 2, 2).requiresGrad();
        Tensor d = Tensor.of(new double[] {0.7, -0.4}, 2, 1).requiresGrad();
        Tensor fake = z.matmul(g).tanh();
        Tensor dLoss = fake.detach().matmul(d).sigmoid().mean();
        Tensor gLoss = fake.matmul(d).sigmoid().log().neg().mean();
        dLoss.backward();
        sgd(d, 0.1);
        IllegalStateException e = assertThrows(IllegalStateException.class, gLoss::backward);
        assertTrue(e.getMessage().startsWith("backward: input 1 of 'matmul' (a leaf that requires grad of shape "
                + "(2,1)) was modified in place"), e.getMessage());
        assertNull(g.grad(), "the generator received nothing from the refused sweep");
    }

    @Test
    void functionalGradientsCheckVersionsToo() {
        Tensor w = Tensor.vector(1, 2).requiresGrad();
        Tensor y = w.exp().sum();
        y.backward();
        sgd(w, 0.1);
        assertThrows(IllegalStateException.class,
                () -> io.github.chainrule.autodiff.engine.Backward.gradients(new Tensor[] {y}, null,
                        new Tensor[] {w}, false));
    }
}
