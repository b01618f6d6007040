package io.github.chainrule.autodiff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.apache.commons.math3.random.Well19937c;

/** Creation, access, broadcasting, gradient bookkeeping and error messages of Tensor. */
class TensorTest {

    @Test
    void creationFunctionsFillTheExpectedValues() {
        assertArrayEquals(new double[] {0, 1, 2, 3}, Tensor.arange(4).toArray());
        assertArrayEquals(new double[] {1, 0.5, 0}, Tensor.arange(1, -0.1, -0.5).toArray(), 1e-15);
        assertArrayEquals(new double[] {1, 0, 0, 1}, Tensor.eye(2).toArray());
        assertArrayEquals(new double[] {7, 7}, Tensor.full(7, 2).toArray());
        assertEquals(0, Tensor.scalar(3).rank());
        assertEquals(3.0, Tensor.scalar(3).item());
        Tensor rows = Tensor.of(new double[][] {{1, 2, 3}, {4, 5, 6}});
        assertArrayEquals(new int[] {2, 3}, rows.shape());
        assertEquals(6.0, rows.get(1, 2));
        assertArrayEquals(Tensor.randn(new Well19937c(7L), 3, 2).toArray(), Tensor.randn(new Well19937c(7L), 3, 2).toArray());
        double[] u = Tensor.rand(new Well19937c(3L), 1000).toArray();
        assertTrue(java.util.Arrays.stream(u).allMatch(v -> v >= 0 && v < 1));
        assertArrayEquals(new int[] {2, 2, 3}, Tensor.of(new double[][][] {{{1, 2, 3}, {4, 5, 6}},
            {{7, 8, 9}, {10, 11, 12}}}).shape());
    }

    @Test
    void toStringReadsLikeNumpy() {
        assertEquals("tensor([[1., 2.],\n        [3., 4.5]], shape=(2,2))",
                Tensor.of(new double[] {1, 2, 3, 4.5}, 2, 2).toString());
        assertEquals("tensor([1., 2.], requiresGrad)", Tensor.vector(1, 2).requiresGrad().toString());
        assertEquals("tensor(3., shape=())", Tensor.scalar(3).toString());
    }

    @Test
    void broadcastingFollowsNumpyAndGradientsAreSummedBack() {
        Tensor a = Tensor.of(new double[] {1, 2, 3}, 3, 1).requiresGrad();
        Tensor b = Tensor.of(new double[] {10, 20}, 2).requiresGrad();
        Tensor c = a.mul(b);
        assertArrayEquals(new int[] {3, 2}, c.shape());
        assertArrayEquals(new double[] {10, 20, 20, 40, 30, 60}, c.toArray());
        c.sum().backward();
        assertArrayEquals(new double[] {30, 30, 30}, a.grad().toArray());
        assertArrayEquals(new int[] {3, 1}, a.grad().shape());
        assertArrayEquals(new double[] {6, 6}, b.grad().toArray());
    }

    @Test
    void zeroDimensionalTensorsBroadcastWithEverything() {
        Tensor s = Tensor.scalar(2).requiresGrad();
        Tensor m = Tensor.ones(2, 3);
        s.mul(m).sum().backward();
        assertEquals(6.0, s.grad().item());
        assertEquals(0, s.grad().rank());
    }

    @Test
    void retainGradKeepsAnIntermediatesGradient() {
        Tensor x = Tensor.vector(1, 2).requiresGrad();
        Tensor z = x.mul(3);
        z.retainGrad();
        Tensor other = x.mul(4);
        z.square().sum().add(other.sum()).backward();
        assertArrayEquals(new double[] {6, 12}, z.grad().toArray());
        assertEquals(null, other.grad());
    }

    @Test
    void detachAndNoGradStopRecording() {
        Tensor x = Tensor.vector(1, 2).requiresGrad();
        assertFalse(x.detach().needsGrad());
        try (Grad.Scope off = Grad.disabled()) {
            assertFalse(x.exp().needsGrad());
            try (Grad.Scope on = Grad.enabled()) {
                assertTrue(x.exp().needsGrad());
            }
            assertFalse(x.exp().needsGrad());
        }
        assertTrue(x.exp().needsGrad());
    }

    @Test
    void softmaxFamilyStaysFiniteForLargeInputs() {
        Tensor x = Tensor.vector(1000, 0, -1000).requiresGrad();
        assertArrayEquals(new double[] {1, 0, 0}, x.softmax(0).toArray(), 1e-300);
        assertEquals(1000.0, x.logSumExp(0, false).item(), 1e-12);
        assertArrayEquals(new double[] {0, -1000, -2000}, x.logSoftmax(0).toArray(), 1e-12);
        x.logSoftmax(0).select(0, 1).backward();
        assertArrayEquals(new double[] {-1, 1, 0}, x.grad().toArray(), 1e-12);
    }

    @Test
    void errorsNameTheOperationAndTheShapes() {
        Tensor a = Tensor.zeros(3, 4);
        assertEquals("matmul: shapes (3,4) and (5,2) do not align: 4 != 5",
                assertThrows(IllegalArgumentException.class, () -> a.matmul(Tensor.zeros(5, 2))).getMessage());
        assertEquals("add: shapes (3,4) and (5,4) cannot be broadcast together: 3 != 5 at axis -2",
                assertThrows(IllegalArgumentException.class, () -> a.add(Tensor.zeros(5, 4))).getMessage());
        assertEquals("sum: axis 2 is out of range for a tensor of rank 2 (valid: -2..1)",
                assertThrows(IllegalArgumentException.class, () -> a.sum(2, false)).getMessage());
        assertEquals("reshape: cannot reshape a tensor of shape (3,4) (12 elements) to (5,-1)",
                assertThrows(IllegalArgumentException.class, () -> a.reshape(5, -1)).getMessage());
        Tensor w = Tensor.zeros(3).requiresGrad();
        assertTrue(assertThrows(IllegalStateException.class, () -> w.mul(2).backward()).getMessage()
                .startsWith("backward: the output has shape (3,) (3 elements), so backward() needs an output gradient"));
        assertTrue(assertThrows(IllegalStateException.class, () -> w.mul(2).requiresGrad()).getMessage()
                .startsWith("requiresGrad: only a leaf can be marked as requiring grad"));
        assertEquals("gather: index 4 at position 0 is out of range for axis 1 of length 4 in shape (3,4) (valid: -4..3)",
                assertThrows(IndexOutOfBoundsException.class, () -> a.gather(1, 4, 0, 0)).getMessage());
    }

    @Test
    void backwardWithAnExplicitOutputGradientWeightsTheOutputs() {
        Tensor x = Tensor.vector(1, 2, 3).requiresGrad();
        x.square().backward(Tensor.vector(1, 0, -1));
        assertArrayEquals(new double[] {2, 0, -6}, x.grad().toArray());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> x.square().backward(Tensor.vector(1, 0)));
        assertTrue(e.getMessage().startsWith("backward: the output gradient must be a tensor of the output's shape (3,)"));
    }

    @Test
    void gatherPicksOneElementPerRowForClassLabels() {
        Tensor logits = Tensor.of(new double[][] {{1, 2, 3}, {4, 5, 6}}).requiresGrad();
        Tensor picked = logits.gather(1, 2, 0);
        assertArrayEquals(new double[] {3, 4}, picked.toArray());
        picked.sum().backward();
        assertArrayEquals(new double[] {0, 0, 1, 1, 0, 0}, logits.grad().toArray());
    }

    @Test
    void batchedMatmulMatchesPerSliceProducts() {
        Tensor a = Tensor.randn(new Well19937c(1L), 2, 3, 4);
        Tensor b = Tensor.randn(new Well19937c(2L), 2, 4, 5);
        Tensor c = a.matmul(b);
        for (int i = 0; i < 2; i++) {
            assertArrayEquals(a.select(0, i).matmul(b.select(0, i)).toArray(), c.select(0, i).toArray(), 1e-14);
        }
    }
}
