package io.github.chainrule.autodiff.edges;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.chainrule.autodiff.Tensor;
import org.junit.jupiter.api.Test;

/**
 * The deliberate differences from PyTorch that the README lists under "Where chainrule differs
 * from PyTorch", each pinned to what chainrule does; PyTorch 1.13's result is in each comment.
 */
class PyTorchDifferencesTest {
    private static final double NEG_INF = Double.NEGATIVE_INFINITY;

    @Test
    void aBranchNotTakenByWhereContributesAZeroGradientEvenWhereItsDerivativeIsInfiniteOrNaN() {
        // PyTorch: torch.where(y > 0, y.sqrt(), 0).sum().backward() gives y.grad = [nan, nan, 0.25].
        Tensor y = Tensor.vector(-1, 0, 4).requiresGrad();
        Tensor.where(y.gt(0), y.sqrt(), Tensor.zeros(3)).sum().backward();
        assertArrayEquals(new double[] {0, 0, 0.25}, y.grad().toArray());
    }

    @Test
    void aRowOfAllMinusInfinityIsAnEmptyDistributionWithZeroGradient() {
        // PyTorch: softmax and log_softmax of the first row are nan, and every gradient there is nan.
        Tensor x = Tensor.of(new double[][] {{NEG_INF, NEG_INF, NEG_INF}, {1, NEG_INF, 2}}).requiresGrad();
        Tensor p = x.softmax(1);
        assertArrayEquals(new double[] {0, 0, 0}, p.select(0, 0).toArray());
        assertArrayEquals(new double[] {NEG_INF, NEG_INF, NEG_INF}, x.logSoftmax(1).select(0, 0).toArray());
        assertEquals(NEG_INF, x.logSumExp(1, false).get(0));
        x.logSumExp(1, false).sum().backward();
        double e = Math.exp(1) + Math.exp(2);
        assertArrayEquals(new double[] {0, 0, 0, Math.exp(1) / e, 0, Math.exp(2) / e}, x.grad().toArray(), 1e-15);
    }

    @Test
    void backwardCanRunTwiceThroughTheSameGraphAndAccumulates() {
        // PyTorch: the second backward raises "Trying to backward through the graph a second time".
        Tensor z = Tensor.vector(1, 2).requiresGrad();
        Tensor s = z.mul(z).sum();
        s.backward();
        s.backward();
        assertArrayEquals(new double[] {4, 8}, z.grad().toArray());
    }

    @Test
    void tiesOfAMaximumAlongAnAxisShareTheGradient() {
        // PyTorch: x.max(1).values gives [0, 1, 0] (one index); x.amax(1) and x.max() give [0, .5, .5].
        Tensor x = Tensor.of(new double[][] {{1, 3, 3}}).requiresGrad();
        x.max(1, false).sum().backward();
        assertArrayEquals(new double[] {0, 0.5, 0.5}, x.grad().toArray());
    }

    @Test
    void aNaNMaximumAlongAnAxisSendsItsGradientToTheNaNElements() {
        // PyTorch: x.amax(1) gives the gradient nan to every element of the row; x.max() gives [0, 1, 0].
        Tensor x = Tensor.of(new double[][] {{1, Double.NaN, 2}}).requiresGrad();
        x.max(1, false).sum().backward();
        assertArrayEquals(new double[] {0, 1, 0}, x.grad().toArray());
    }

    @Test
    void gatherAndIndexSelectCountNegativeIndicesFromTheEnd() {
        // PyTorch: index_select and gather refuse -1 ("index -1 is out of bounds for dimension 1").
        Tensor t = Tensor.arange(6).reshape(2, 3);
        assertArrayEquals(new double[] {2, 5}, t.indexSelect(1, -1).flatten().toArray());
        assertArrayEquals(new double[] {2, 5}, t.gather(1, -1, -1).toArray());
    }

    @Test
    void softplusStaysExactForLargeInputs() {
        // PyTorch: softplus(25) − 25 is 0 (it returns x above its threshold of 20).
        assertEquals(Math.log1p(Math.exp(-25)), Tensor.scalar(25).softplus().item() - 25, 2 * Math.ulp(25.0));
    }
}
