package io.github.chainrule.autodiff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Transforms nested to any depth and in any mix, against hand-derived derivatives: grad of
 * grad, the Jacobian of a gradient, jvp of grad, vjp of jvp, grad through a functional SGD
 * step, third order, and the perturbation-confusion cases in reverse and forward mode.
 */
class TransformCompositionTest {
    private static final double[] X = {0.7, -1.3, 0.4};

    private static Tensor x() {
        return Tensor.vector(X);
    }

    private static double[] map(java.util.function.DoubleUnaryOperator f) {
        return Arrays.stream(X).map(f).toArray();
    }

    @Test
    void gradOfGradIsTheSecondDerivative() {
        // f = Σ x³, ∇f = 3x², ∇(Σ ∇f) = 6x
        UnaryOperator<Tensor> f = v -> v.pow(3).sum();
        Tensor second = Autodiff.grad(v -> Autodiff.grad(f, v).sum(), x());
        assertArrayEquals(map(v -> 6 * v), second.toArray(), 1e-12);
    }

    @Test
    void thirdOrderByNestingGradThreeTimes() {
        // f = Σ x⁴/4: ∇ = x³, then 3x², then 6x
        UnaryOperator<Tensor> f = v -> v.pow(4).sum().div(4.0);
        Tensor third = Autodiff.grad(a -> Autodiff.grad(b -> Autodiff.grad(f, b).sum(), a).sum(), x());
        assertArrayEquals(map(v -> 6 * v), third.toArray(), 1e-12);
    }

    @Test
    void jacobianOfGradIsTheHessian() {
        // f = x0²·x1 + sin x1 + x2·x0: H = [[2x1, 2x0, 1], [2x0, −sin x1, 0], [1, 0, 0]]
        UnaryOperator<Tensor> f = v -> v.select(0, 0).square().mul(v.select(0, 1)).add(v.select(0, 1).sin())
                .add(v.select(0, 2).mul(v.select(0, 0)));
        Tensor h = Autodiff.jacobian(v -> Autodiff.grad(f, v), x());
        double[] expected = {2 * X[1], 2 * X[0], 1, 2 * X[0], -Math.sin(X[1]), 0, 1, 0, 0};
        assertArrayEquals(new int[] {3, 3}, h.shape());
        assertArrayEquals(expected, h.toArray(), 1e-12);
        assertArrayEquals(expected, Autodiff.hessian(f, x()).toArray(), 1e-12);
    }

    @Test
    void jvpOfGradIsTheHessianVectorProduct() {
        UnaryOperator<Tensor> f = v -> v.exp().mul(v).sum();
        // ∇f = eˣ(1+x), H = diag(eˣ(2+x))
        Tensor t = Tensor.vector(1, -2, 0.5);
        Tensor hv = Autodiff.jvp(in -> Autodiff.grad(f, in[0]), new Tensor[] {x()}, new Tensor[] {t});
        double[] expected = {Math.exp(X[0]) * (2 + X[0]), -2 * Math.exp(X[1]) * (2 + X[1]),
            0.5 * Math.exp(X[2]) * (2 + X[2])};
        assertArrayEquals(expected, hv.toArray(), 1e-12);
        assertArrayEquals(expected, Autodiff.hvp(f, x(), t).toArray(), 1e-12);
    }

    @Test
    void vjpOfJvpIsTheTransposedDerivativeOfTheDirectionalDerivative() {
        // g(x) = J_f(x)·t with f = x·eˣ elementwise: g = t·eˣ(1+x); Jᵀ_g v = v·t·eˣ(2+x)
        Tensor t = Tensor.vector(0.3, 1, -2);
        Tensor v = Tensor.vector(2, -1, 0.5);
        Autodiff.Vjp result = Autodiff.vjp(in -> Autodiff.jvp(a -> a[0].mul(a[0].exp()), in, new Tensor[] {t}),
                new Tensor[] {x()}, v);
        double[] expected = new double[3];
        for (int i = 0; i < 3; i++) {
            expected[i] = v.toArray()[i] * t.toArray()[i] * Math.exp(X[i]) * (2 + X[i]);
        }
        assertArrayEquals(expected, result.cotangents()[0].toArray(), 1e-12);
    }

    @Test
    void gradThroughAFunctionalSgdStep() {
        // inner loss L(w) = Σ w⁴/4, ∇L = w³; one step w' = w − η w³; outer loss Σ w'²/2.
        // d/dw = w'·(1 − 3η w²)
        double eta = 0.1;
        UnaryOperator<Tensor> inner = w -> w.pow(4).sum().div(4.0);
        Tensor g = Autodiff.grad(w -> {
            Tensor stepped = w.sub(Autodiff.grad(inner, w).mul(eta));
            return stepped.square().sum().div(2.0);
        }, x());
        assertArrayEquals(map(w -> (w - eta * w * w * w) * (1 - 3 * eta * w * w)), g.toArray(), 1e-12);
    }

    @Test
    void nestedReverseModeKeepsPerturbationsApart() {
        // d/dx [x · d/dy (x + y) at y = 1] at x = 1 is 1, not 2
        Tensor g = Autodiff.grad(xv -> xv.mul(Autodiff.grad(y -> xv.add(y).sum(), Tensor.scalar(1))).sum(),
                Tensor.scalar(1));
        assertEquals(1.0, g.item(), 0);
    }

    @Test
    void anInnerTransformSeesThroughTheValuesItClosesOver() {
        // d/dx [ d/dy (x·y²) at y = 1 ] = d/dx [2x] = 2: the inner grad's input does not require
        // grad, but the x it closes over does.
        Tensor g = Autodiff.grad(xv -> Autodiff.grad(y -> xv.mul(y.square()).sum(), Tensor.scalar(1)).sum(),
                Tensor.scalar(3));
        assertEquals(2.0, g.item(), 0);
        // the same through jacobian and vjp
        Tensor j = Autodiff.grad(xv -> Autodiff.jacobian(y -> xv.mul(y.square()), Tensor.vector(1, 2)).sum(),
                Tensor.scalar(3));
        assertEquals(2 * (1 + 2), j.item(), 0);
        Tensor v = Autodiff.grad(xv -> Autodiff.vjp(in -> in[0].square().mul(xv), new Tensor[] {Tensor.vector(1, 2)},
                Tensor.vector(1, 1)).cotangents()[0].sum(), Tensor.scalar(3));
        assertEquals(2 * (1 + 2), v.item(), 0);
    }

    @Test
    void nestedForwardModeKeepsPerturbationsApart() {
        // the same derivative with jvp at both levels
        Tensor one = Tensor.scalar(1);
        Tensor d = Autodiff.jvp(xs -> xs[0].mul(Autodiff.jvp(ys -> xs[0].add(ys[0]), new Tensor[] {one},
                new Tensor[] {one})), new Tensor[] {one}, new Tensor[] {one});
        assertEquals(1.0, d.item(), 0);
    }

    @Test
    void jvpOfJvpIsTheSecondDirectionalDerivative() {
        Tensor ones = Tensor.vector(1, 1, 1);
        Tensor second = Autodiff.jvp(a -> Autodiff.jvp(b -> b[0].sin().mul(b[0]), a, new Tensor[] {ones}),
                new Tensor[] {x()}, new Tensor[] {ones});
        // (x sin x)'' = 2 cos x − x sin x
        assertArrayEquals(map(v -> 2 * Math.cos(v) - v * Math.sin(v)), second.toArray(), 1e-12);
    }

    @Test
    void aTransformOnInputsThatRequireGradRecordsItself() {
        Tensor w = x().requiresGrad();
        Tensor g = Autodiff.grad(v -> v.pow(3).sum(), w);
        assertTrue(g.needsGrad());
        g.sum().backward();
        assertArrayEquals(map(v -> 6 * v), w.grad().toArray(), 1e-12);
        try (Grad.Scope off = Grad.disabled()) {
            assertFalse(Autodiff.grad(v -> v.pow(3).sum(), w).needsGrad());
        }
    }

    @Test
    void transformsOnPlainInputsLeaveTheCallersTensorsAlone() {
        Tensor w = x().requiresGrad();
        try (Grad.Scope off = Grad.disabled()) {
            Autodiff.grad(v -> v.square().sum(), w);
        }
        assertEquals(null, w.grad());
    }

    static final CustomOp ARRAY_SQUARE = CustomOp.named("arraySquare")
            .forward(in -> Tensor.of(Arrays.stream(in[0].toArray()).map(v -> v * v).toArray(), in[0].shape()))
            .vjp((g, out, in) -> new Tensor[] {Tensor.of(multiply(g.toArray(), Arrays.stream(in[0].toArray())
                    .map(v -> 2 * v).toArray()), g.shape())});

    private static double[] multiply(double[] a, double[] b) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i] * b[i];
        }
        return out;
    }

    @Test
    void aFirstOrderOnlyCustomOpRefusesSecondOrderByName() {
        // first order is fine
        assertArrayEquals(map(v -> 2 * v), Autodiff.grad(v -> ARRAY_SQUARE.apply(v).sum(), x()).toArray(), 1e-15);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Autodiff.hessian(v -> ARRAY_SQUARE.apply(v).sum(), x()));
        assertTrue(e.getMessage().startsWith("arraySquare: its vjp is first order only"), e.getMessage());
        Tensor w = x().requiresGrad();
        IllegalStateException e2 = assertThrows(IllegalStateException.class,
                () -> ARRAY_SQUARE.apply(w).sum().backward(null, true));
        assertTrue(e2.getMessage().startsWith("arraySquare:"), e2.getMessage());
    }

    @Test
    void forwardModeThroughACustomOpDerivesItsJvpFromATensorVjpOrRefuses() {
        Tensor t = Tensor.vector(1, 2, 3);
        Tensor viaVjp = Autodiff.jvp(in -> HigherOrderTest.LOG1P.apply(in[0]), new Tensor[] {x()}, new Tensor[] {t});
        double[] expected = {1 / (1 + X[0]), 2 / (1 + X[1]), 3 / (1 + X[2])};
        assertArrayEquals(expected, viaVjp.toArray(), 1e-12);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Autodiff.jvp(in -> ARRAY_SQUARE.apply(in[0]), new Tensor[] {x()}, new Tensor[] {t}));
        assertTrue(e.getMessage().startsWith("arraySquare: forward mode derives"), e.getMessage());
    }

    @Test
    void aCustomOpsOwnJvpIsUsedByForwardMode() {
        int[] calls = {0};
        CustomOp withJvp = ARRAY_SQUARE.withJvp((tangents, out, in) -> {
            calls[0]++;
            return tangents[0].mul(in[0]).mul(2);
        });
        Tensor t = Tensor.vector(1, 2, 3);
        Tensor tangent = Autodiff.jvp(in -> withJvp.apply(in[0]), new Tensor[] {x()}, new Tensor[] {t});
        assertArrayEquals(new double[] {2 * X[0], 4 * X[1], 6 * X[2]}, tangent.toArray(), 1e-15);
        assertEquals(1, calls[0]);
    }

    @Test
    void forwardOverReverseThroughAMatmulLargeEnoughToSplitItsBackwardAcrossThreads() {
        // 128³ multiply-adds: the first-order backward of x·x computes dA and dB on two threads,
        // which must not lose the tangents forward mode carries through it.
        int n = 128;
        java.util.Random rng = new java.util.Random(3);
        double[] values = new double[n * n];
        double[] direction = new double[n * n];
        for (int i = 0; i < values.length; i++) {
            values[i] = (rng.nextDouble() - 0.5) / 8;
            direction[i] = rng.nextDouble() - 0.5;
        }
        Tensor x = Tensor.of(values, n, n);
        Tensor t = Tensor.of(direction, n, n);
        UnaryOperator<Tensor> f = v -> v.matmul(v).tanh().sum();
        Tensor forwardOverReverse = Autodiff.hvp(f, x, t);
        Tensor reverseOverReverse = Autodiff.grad(v -> Autodiff.grad(f, v).mul(t).sum(), x);
        assertArrayEquals(reverseOverReverse.toArray(), forwardOverReverse.toArray(), 1e-10);
    }

    @Test
    void jvpMatchesTheJacobianThroughNonElementwiseOperations() {
        Tensor a = Tensor.of(new double[] {0.5, -1, 2, 0.3, 1.1, -0.7}, 2, 3);
        UnaryOperator<Tensor> f = v -> a.matmul(v.softmax(0).mul(v)).reshape(1, 2).transpose().logSumExp(0, true)
                .add(v.max()).add(v.slice(0, 1, 3).sum());
        Tensor t = Tensor.vector(0.2, -0.4, 1);
        Tensor tangent = Autodiff.jvp(in -> f.apply(in[0]), new Tensor[] {x()}, new Tensor[] {t});
        Tensor jacobian = Autodiff.jacobian(f, x());
        assertArrayEquals(jacobian.reshape(-1, 3).matmul(t).toArray(), tangent.toArray(), 1e-12);
    }
}
