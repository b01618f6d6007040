package io.github.chainrule.autodiff.reliability;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.chainrule.autodiff.Autodiff;
import io.github.chainrule.autodiff.Scalar;
import io.github.chainrule.autodiff.Tensor;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** The documented value and gradient of every op at its singular points. */
class SingularPointsTest {
    private static final double INF = Double.POSITIVE_INFINITY;

    private static double[] gradOf(UnaryOperator<Tensor> f, double... at) {
        Tensor x = Tensor.vector(at).requiresGrad();
        f.apply(x).sum().backward();
        return x.grad().toArray();
    }

    private static void assertAllFinite(double[] values) {
        for (double v : values) {
            assertTrue(Double.isFinite(v), () -> java.util.Arrays.toString(values));
        }
    }

    /**
     * f(x) = Σ wᵢ·√xᵢ at x = (0, 1), w = (0, 1): f does not depend on x₀, so the Hessian-vector
     * product along v = (1, 1) is (0, −w₁/(4·x₁^1.5)) = (0, −0.25), and the gradient of its sum
     * is (0, 3w₁/(8·x₁^2.5)) = (0, 0.375), by hand. The same whether x requires grad (the
     * recorded route, where the tangent of the zero-safe product meets √'s infinite slope at 0)
     * or not (the fused route).
     */
    @Test
    void hvpAtASingularPointWithAZeroWeightIsZeroOnEveryRoute() {
        Tensor w = Tensor.vector(0, 1);
        Tensor v = Tensor.vector(1, 1);
        UnaryOperator<Tensor> f = t -> t.sqrt().mul(w).sum();
        assertArrayEquals(new double[] {0, -0.25}, Autodiff.hvp(f, Tensor.vector(0, 1), v).toArray(), 1e-15);
        assertArrayEquals(new double[] {0, -0.25},
                Autodiff.hvp(f, Tensor.vector(0, 1).requiresGrad(), v).toArray(), 1e-15);
        assertArrayEquals(new double[] {0, 0.375},
                Autodiff.grad(t -> Autodiff.hvp(f, t, v).sum(), Tensor.vector(0, 1)).toArray(), 1e-15);
    }

    @Test
    void reluAndAbsHaveGradientZeroAtZero() {
        assertArrayEquals(new double[] {0, 0, 1}, gradOf(Tensor::relu, -1, 0, 2));
        assertArrayEquals(new double[] {-1, 0, 1}, gradOf(Tensor::abs, -1, 0, 2));
        Scalar s = Scalar.of(0);
        s.relu().add(s.abs()).backward();
        assertEquals(0.0, s.grad());
    }

    @Test
    void maxAndMinReductionTiesShareTheGradientEqually() {
        assertArrayEquals(new double[] {0, 0.5, 0.5, 0}, gradOf(Tensor::max, 1, 3, 3, 2));
        assertArrayEquals(new double[] {1.0 / 3, 1.0 / 3, 0, 1.0 / 3}, gradOf(Tensor::min, 1, 1, 3, 1));
        Tensor m = Tensor.of(new double[] {2, 2, 1, 5, 0, 5}, 2, 3).requiresGrad();
        m.max(1, false).sum().backward();
        assertArrayEquals(new double[] {0.5, 0.5, 0, 0.5, 0, 0.5}, m.grad().toArray());
    }

    @Test
    void maximumAndMinimumTiesSplitInHalf() {
        Tensor a = Tensor.vector(1, 2, 5).requiresGrad();
        Tensor b = Tensor.vector(1, 3, 4).requiresGrad();
        a.maximum(b).add(a.minimum(b).mul(10)).sum().backward();
        assertArrayEquals(new double[] {5.5, 10, 1}, a.grad().toArray());
        assertArrayEquals(new double[] {5.5, 1, 10}, b.grad().toArray());
    }

    @Test
    void sqrtAtZeroHasInfiniteGradient() {
        assertArrayEquals(new double[] {INF, 0.25}, gradOf(Tensor::sqrt, 0, 4));
        Scalar s = Scalar.of(0);
        s.sqrt().backward();
        assertEquals(INF, s.grad());
    }

    @Test
    void logAtZeroIsMinusInfinityWithGradientPlusInfinity() {
        assertEquals(Double.NEGATIVE_INFINITY, Tensor.vector(0).log().item());
        assertArrayEquals(new double[] {INF, 0.5}, gradOf(Tensor::log, 0, 2));
        Scalar s = Scalar.of(0);
        s.log().backward();
        assertEquals(INF, s.grad());
    }

    @Test
    void powWithConstantExponentAtNegativeBaseAndZero() {
        assertArrayEquals(new double[] {12, 0}, gradOf(x -> x.pow(3), -2, 0));
        assertArrayEquals(new double[] {-2, 0}, gradOf(x -> x.pow(2), -1, 0));
        assertArrayEquals(new double[] {0, 0}, gradOf(x -> x.pow(0), -2, 0));
        assertArrayEquals(new double[] {INF}, gradOf(x -> x.pow(0.5), 0));
        assertTrue(Double.isNaN(gradOf(x -> x.pow(0.5), -1)[0]));
    }

    @Test
    void powWithTensorExponentAtNegativeBaseAndZero() {
        Tensor a = Tensor.vector(-2, 0, 0, 3).requiresGrad();
        Tensor b = Tensor.vector(2, 2, 0, 1).requiresGrad();
        a.pow(b).sum().backward();
        // ∂/∂a = b·a^(b−1): 0 at a = 0 with b = 0 (not 0·∞).
        assertArrayEquals(new double[] {-4, 0, 0, 1}, a.grad().toArray());
        // ∂/∂b = aᵇ ln a: NaN for the negative base (documented), 0 at a = 0.
        double[] db = b.grad().toArray();
        assertTrue(Double.isNaN(db[0]));
        assertArrayEquals(new double[] {0, 0, 3 * Math.log(3)}, java.util.Arrays.copyOfRange(db, 1, 4), 1e-15);
    }

    @Test
    void powNaNForNegativeBaseDoesNotLeakWhenExponentIsConstant() {
        Tensor a = Tensor.vector(-2, 3).requiresGrad();
        a.pow(Tensor.vector(2, 2)).sum().backward();
        assertArrayEquals(new double[] {-4, 6}, a.grad().toArray());
    }

    @Test
    void softmaxOfAllMinusInfinityRowIsZerosWithFiniteGradient() {
        double ninf = Double.NEGATIVE_INFINITY;
        Tensor x = Tensor.of(new double[] {ninf, ninf, ninf, 0, 1, ninf}, 2, 3).requiresGrad();
        Tensor p = x.softmax(1);
        double e = Math.exp(1);
        assertArrayEquals(new double[] {0, 0, 0, 1 / (1 + e), e / (1 + e), 0}, p.toArray(), 1e-15);
        p.mul(Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3)).sum().backward();
        assertAllFinite(x.grad().toArray());
        assertArrayEquals(new double[] {0, 0, 0}, java.util.Arrays.copyOf(x.grad().toArray(), 3));
    }

    @Test
    void logSoftmaxAndLogSumExpOfAllMinusInfinityRowAreMinusInfinityWithFiniteGradient() {
        double ninf = Double.NEGATIVE_INFINITY;
        Tensor x = Tensor.of(new double[] {ninf, ninf, 0, 0}, 2, 2).requiresGrad();
        Tensor lse = x.logSumExp(1, false);
        assertArrayEquals(new double[] {ninf, Math.log(2)}, lse.toArray(), 1e-15);
        Tensor logp = x.logSoftmax(1);
        assertArrayEquals(new double[] {ninf, ninf, -Math.log(2), -Math.log(2)}, logp.toArray(), 1e-15);
        Tensor y = Tensor.of(new double[] {ninf, ninf, 0, 0}, 2, 2).requiresGrad();
        y.logSumExp(1, false).sum().backward();
        assertArrayEquals(new double[] {0, 0, 0.5, 0.5}, y.grad().toArray(), 1e-15);
        Tensor z = Tensor.of(new double[] {ninf, ninf, 0, 0}, 2, 2).requiresGrad();
        z.logSoftmax(1).select(1, 0).sum().backward();
        assertAllFinite(z.grad().toArray());
    }

    @Test
    void whereDoesNotLeakNaNFromTheBranchNotTaken() {
        Tensor zero = Tensor.scalar(0);
        assertArrayEquals(new double[] {0, 0, 0.25}, gradOf(x -> Tensor.where(x.gt(0), x.sqrt(), zero), -1, 0, 4), 0.0);
        assertArrayEquals(new double[] {0, 0, 0.5}, gradOf(x -> Tensor.where(x.gt(0), x.log(), zero), -1, 0, 2), 0.0);
        assertArrayEquals(new double[] {1, 0}, gradOf(x -> Tensor.where(x.lt(100), x.exp(), zero), 0, 1000), 0.0);
        assertArrayEquals(new double[] {0, -0.25}, gradOf(x -> Tensor.where(x.gt(0), x.pow(-1), zero), 0, 2), 0.0);
        assertArrayEquals(new double[] {0, -0.25},
                gradOf(x -> Tensor.where(x.gt(0), Tensor.scalar(1).div(x), zero), 0, 2), 0.0);
        assertArrayEquals(new double[] {0, 1},
                gradOf(x -> Tensor.where(x.gt(0), x.sqrt().mul(x.log()), zero).sub(Tensor.where(x.gt(0), zero, zero)), 0, 1), 0.0);
    }

    @Test
    void whereIsNaNFreeAtSecondOrderToo() {
        Tensor zero = Tensor.scalar(0);
        UnaryOperator<Tensor> f = x -> Tensor.where(x.gt(0), x.sqrt(), zero).sum();
        Tensor h = Autodiff.hessian(f, Tensor.vector(-1, 0, 4));
        assertAllFinite(h.toArray());
        assertEquals(-1.0 / 32, h.get(2, 2), 1e-15);
    }

    @Test
    void doubleWhereTrickStillWorks() {
        Tensor zero = Tensor.scalar(0);
        assertArrayEquals(new double[] {0, 0.25}, gradOf(x -> {
            Tensor positive = x.gt(0);
            Tensor safe = Tensor.where(positive, x, Tensor.scalar(1));
            return Tensor.where(positive, safe.sqrt(), zero);
        }, -1, 4));
    }

    @Test
    void genuineNaNGradientStillShowsWhenTheBranchIsTaken() {
        assertTrue(Double.isNaN(gradOf(Tensor::sqrt, -1)[0]));
    }
}
