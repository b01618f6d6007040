package io.github.chainrule.autodiff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;

/** The fused affine map {@code x.linear(w, b)} against the composition it replaces. */
class LinearOpTest {
    private static void assertClose(Tensor expected, Tensor actual, double tolerance, String what) {
        assertArrayEquals(expected.shape(), actual.shape(), what + ": shape");
        double[] e = expected.toArray();
        double[] a = actual.toArray();
        for (int i = 0; i < e.length; i++) {
            assertEquals(e[i], a[i], tolerance * Math.max(1, Math.abs(e[i])), what + " at " + i);
        }
    }

    @Test
    void handWorkedValues() {
        Tensor x = Tensor.of(new double[][] {{1, 2}, {3, -1}});
        Tensor w = Tensor.of(new double[][] {{1, 0}, {2, 1}, {-1, 3}});
        Tensor b = Tensor.vector(10, 20, 30);
        // rows: x_r · w_j + b_j
        assertArrayEquals(new double[] {11, 24, 35, 13, 25, 24}, x.linear(w, b).toArray(), 0);
    }

    @Test
    void valuesAndGradientsEqualTheComposition() {
        // The MLP's first-layer shape too, where the product is blocked and split across threads.
        int[][] shapes = {{1, 1, 1}, {3, 5, 4}, {7, 13, 9}, {128, 784, 256}};
        Well19937c rng = new Well19937c(7);
        for (int[] s : shapes) {
            Tensor x = Tensor.randn(rng, s[0], s[1]).requiresGrad();
            Tensor w = Tensor.randn(rng, s[2], s[1]).requiresGrad();
            Tensor b = Tensor.randn(rng, s[2]).requiresGrad();
            Tensor g = Tensor.randn(rng, s[0], s[2]);
            Tensor fused = x.linear(w, b);
            fused.backward(g);
            Tensor[] fusedGrads = {x.grad(), w.grad(), b.grad()};
            x.zeroGrad();
            w.zeroGrad();
            b.zeroGrad();
            Tensor composed = x.matmulTransposed(w).add(b);
            composed.backward(g);
            String at = s[0] + "x" + s[1] + "->" + s[2];
            assertClose(composed, fused, 1e-13, at + " value");
            assertClose(x.grad(), fusedGrads[0], 1e-13, at + " dx");
            assertClose(w.grad(), fusedGrads[1], 1e-13, at + " dw");
            assertClose(b.grad(), fusedGrads[2], 1e-13, at + " db");
        }
    }

    @Test
    void onlyTheInputsThatRequireGradGetOne() {
        Well19937c rng = new Well19937c(3);
        Tensor x = Tensor.randn(rng, 4, 3);
        Tensor w = Tensor.randn(rng, 2, 3).requiresGrad();
        Tensor b = Tensor.randn(rng, 2);
        x.linear(w, b).sum().backward();
        // d(Σ y)/dW_jk = Σ_r x_rk
        double[] expected = new double[6];
        for (int j = 0; j < 2; j++) {
            for (int k = 0; k < 3; k++) {
                for (int r = 0; r < 4; r++) {
                    expected[j * 3 + k] += x.get(r, k);
                }
            }
        }
        assertArrayEquals(expected, w.grad().toArray(), 1e-14);
        assertEquals(null, x.grad());
        assertEquals(null, b.grad());
    }

    @Test
    void mismatchedShapesAreRefusedNamingAllThree() {
        Tensor x = Tensor.zeros(2, 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> x.linear(Tensor.zeros(4, 5), Tensor.zeros(4)));
        assertTrue(e.getMessage().contains("linear") && e.getMessage().contains("(2,3)")
                && e.getMessage().contains("(4,5)") && e.getMessage().contains("(4,)"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> x.linear(Tensor.zeros(4, 3), Tensor.zeros(3)));
        assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(3).linear(Tensor.zeros(4, 3), Tensor.zeros(4)));
    }
}
