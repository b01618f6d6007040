package io.github.chainrule.autodiff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** var, std, norm, prod, cumsum, sort and topk on hand-derived values, at their awkward points. */
class StatisticsAndSortingTest {

    @Test
    void varianceHonoursTheCorrection() {
        Tensor x = Tensor.vector(1, 2, 3, 6);
        // mean 3, squared deviations 4 + 1 + 0 + 9 = 14
        assertEquals(14.0 / 3, x.var().item(), 1e-15);
        assertEquals(14.0 / 4, x.var(0, 0, false).item(), 1e-15);
        assertEquals(14.0 / 2, x.var(0, 2, false).item(), 1e-15);
        assertEquals(Math.sqrt(14.0 / 3), x.std().item(), 1e-15);
        assertArrayEquals(new int[] {1}, x.var(0, 1, true).shape());
    }

    @Test
    void varianceRefusesACorrectionThatLeavesNoDegreesOfFreedom() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Tensor.vector(1, 2).var(0, 2, false));
        assertTrue(e.getMessage().contains("var: correction 2") && e.getMessage().contains("(2,)"), e.getMessage());
    }

    @Test
    void euclideanNormOfAZeroVectorHasAZeroGradient() {
        Tensor x = Tensor.of(new double[] {0, 0, 0, 3, 4, 0}, 2, 3).requiresGrad();
        Tensor norms = x.norm(2, 1, false);
        assertArrayEquals(new double[] {0, 5}, norms.toArray(), 1e-15);
        norms.sum().backward();
        assertArrayEquals(new double[] {0, 0, 0, 0.6, 0.8, 0}, x.grad().toArray(), 1e-15);
    }

    @Test
    void oneAndInfinityNormsAreSumAndMaximumOfMagnitudes() {
        Tensor x = Tensor.vector(-3, 1, 2);
        assertEquals(6, x.norm(1).item());
        assertEquals(3, x.norm(Double.POSITIVE_INFINITY).item());
        assertEquals(Math.cbrt(27 + 1 + 8), x.norm(3).item(), 1e-14);
        assertEquals(Math.sqrt(14), x.norm().item(), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> x.norm(0));
    }

    @Test
    void productGradientIsRightWithOneOrMoreZeros() {
        Tensor x = Tensor.of(new double[] {2, 0, 3, 4, 0, 0, 5, 6, 7}, 3, 3).requiresGrad();
        Tensor p = x.prod(1);
        assertArrayEquals(new double[] {0, 0, 210}, p.toArray());
        p.sum().backward();
        // Row 0: one zero, only it receives 2·3. Row 1: two zeros, nothing. Row 2: products of the others.
        assertArrayEquals(new double[] {0, 6, 0, 0, 0, 0, 42, 35, 30}, x.grad().toArray());
    }

    @Test
    void productSecondDerivativeWithAZeroIsTheProductOfTheRemainingOthers() {
        // f = x·y·z at (0, 2, 3): ∂²f/∂x∂y = z = 3, ∂²f/∂x² = 0, ∂²f/∂y∂z = x = 0.
        Tensor v = Tensor.vector(0, 2, 3).requiresGrad();
        assertArrayEquals(new double[] {6, 0, 0}, Autodiff.grad(Tensor::prod, v).toArray());
        Tensor hessian = Autodiff.hessian(Tensor::prod, v);
        assertArrayEquals(new double[] {0, 3, 2, 3, 0, 0, 2, 0, 0}, hessian.toArray());
    }

    @Test
    void cumsumAndItsGradientRunFromOppositeEnds() {
        Tensor x = Tensor.vector(1, 2, 3).requiresGrad();
        Tensor c = x.cumsum(0);
        assertArrayEquals(new double[] {1, 3, 6}, c.toArray());
        c.mul(Tensor.vector(1, 10, 100)).sum().backward();
        assertArrayEquals(new double[] {111, 110, 100}, x.grad().toArray());
    }

    @Test
    void sortReturnsIndicesAndSendsEachGradientToItsSource() {
        Tensor x = Tensor.vector(3, Double.NaN, -1, 2).requiresGrad();
        ValuesAndIndices sorted = x.sort(0, false);
        assertArrayEquals(new int[] {2, 3, 0, 1}, sorted.indices());
        sorted.values().slice(0, 0, 3).mul(Tensor.vector(1, 10, 100)).sum().backward();
        assertArrayEquals(new double[] {100, 0, 1, 10}, x.grad().toArray());
    }

    @Test
    void topkAlongAnAxisKeepsTheLargestFirst() {
        Tensor x = Tensor.of(new double[] {1, 5, 3, 9, 7, 8}, 2, 3);
        ValuesAndIndices top = x.topk(2, 1);
        assertArrayEquals(new double[] {5, 3, 9, 8}, top.values().toArray());
        assertArrayEquals(new int[] {1, 2, 0, 2}, top.indices());
        assertArrayEquals(new double[] {1, 3, 7, 8}, x.topk(2, 1, false).values().toArray());
        assertThrows(IllegalArgumentException.class, () -> x.topk(4, 1));
    }

    @Test
    void axisReductionsWithoutKeepDimRemoveTheAxis() {
        Tensor x = Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3);
        assertArrayEquals(new double[] {6, 15}, x.sum(1).toArray());
        assertArrayEquals(new double[] {2.5, 3.5, 4.5}, x.mean(0).toArray());
        assertArrayEquals(new double[] {3, 6}, x.max(-1).toArray());
        assertArrayEquals(new double[] {1, 2, 3}, x.min(0).toArray());
        assertArrayEquals(new int[] {2}, x.logSumExp(1).shape());
        assertArrayEquals(new double[] {6, 120}, x.prod(1).toArray());
    }
}
