package io.github.chainrule.autodiff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import io.github.chainrule.autodiff.check.GradCheck;
import java.util.Arrays;
import java.util.function.UnaryOperator;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;

/** Gradients of gradients, the functional transforms, and user-defined operations. */
class HigherOrderTest {

    /** Rosenbrock's function f(x, y) = (1 − x)² + 100 (y − x²)². */
    static final UnaryOperator<Tensor> ROSENBROCK = v -> {
        Tensor x = v.select(0, 0);
        Tensor y = v.select(0, 1);
        return x.rsub(1).square().add(y.sub(x.square()).square().mul(100));
    };

    @Test
    void hessianOfAQuadraticFormIsASymmetrisedMatrix() {
        Tensor a = Tensor.of(new double[][] {{1, 2, 0}, {-1, 3, 4}, {0.5, 0, 2}});
        Tensor h = Autodiff.hessian(x -> x.matmul(a.matmul(x)), Tensor.vector(0.3, -1.2, 2.0));
        assertArrayEquals(a.add(a.transpose()).toArray(), h.toArray(), 1e-14);
        assertArrayEquals(new int[] {3, 3}, h.shape());
    }

    @Test
    void hessianOfLogSumExpIsDiagPMinusPPTransposed() {
        Tensor x = Tensor.vector(0.1, -0.7, 1.3, 0.4);
        double[] p = x.softmax(0).toArray();
        Tensor h = Autodiff.hessian(v -> v.logSumExp(0, false), x);
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                assertEquals((i == j ? p[i] : 0) - p[i] * p[j], h.get(i, j), 1e-15);
            }
        }
    }

    @Test
    void hessianOfRosenbrockMatchesTheClosedForm() {
        double[][] points = {{-1.2, 1}, {1, 1}, {0.3, -0.4}, {2, 3}};
        for (double[] point : points) {
            double x = point[0];
            double y = point[1];
            Tensor h = Autodiff.hessian(ROSENBROCK, Tensor.vector(point));
            double[] expected = {2 - 400 * (y - x * x) + 800 * x * x, -400 * x, -400 * x, 200};
            assertArrayEquals(expected, h.toArray(), 1e-10, Arrays.toString(point));
        }
    }

    @Test
    void newtonWithTheExactHessianSolvesRosenbrock() {
        Tensor v = Tensor.vector(-1.2, 1);
        int steps = 0;
        while (steps < 50) {
            Tensor g = Autodiff.grad(ROSENBROCK, v);
            if (Math.sqrt(g.square().sum().item()) < 1e-13) {
                break;
            }
            RealMatrix h = new Array2DRowRealMatrix(Autodiff.hessian(ROSENBROCK, v).toRows());
            double[] step = new LUDecomposition(h).getSolver().solve(new org.apache.commons.math3.linear.ArrayRealVector(
                    g.toArray())).toArray();
            v = v.sub(Tensor.vector(step));
            steps++;
        }
        assertEquals(1.0, v.get(0), 1e-10);
        assertEquals(1.0, v.get(1), 1e-10);
        assertTrue(steps <= 30, "took " + steps + " Newton steps");
    }

    @Test
    void hvpEqualsHessianTimesVector() {
        UnaryOperator<Tensor> f = x -> x.sin().mul(x.square().sum()).sum();
        Tensor x = Tensor.vector(0.2, -0.5, 1.1);
        Tensor v = Tensor.vector(1.0, 2.0, -0.5);
        Tensor h = Autodiff.hessian(f, x);
        assertArrayEquals(h.matmul(v).toArray(), Autodiff.hvp(f, x, v).toArray(), 1e-13);
    }

    @Test
    void jvpAndVjpAgreeThroughTheInnerProduct() {
        TensorFunction f = in -> in[0].matmul(in[1]).tanh().mul(in[0].sum(1, true).exp());
        qt().withExamples(50).withFixedSeed(4).forAll(longs().all()).checkAssert(seed -> {
            Well19937c rng = new Well19937c(seed);
            Tensor a = Tensor.randn(rng, 3, 4);
            Tensor b = Tensor.randn(rng, 4, 2);
            Tensor ta = Tensor.randn(rng, 3, 4);
            Tensor tb = Tensor.randn(rng, 4, 2);
            Tensor u = Tensor.randn(rng, 3, 2);
            Tensor jt = Autodiff.jvp(f, new Tensor[] {a, b}, new Tensor[] {ta, tb});
            Tensor[] jtu = Autodiff.vjp(f, new Tensor[] {a, b}, u).cotangents();
            double left = u.mul(jt).sum().item();
            double right = jtu[0].mul(ta).sum().item() + jtu[1].mul(tb).sum().item();
            assertEquals(left, right, 1e-12 * Math.max(1, Math.abs(left)));
        });
    }

    @Test
    void jacobianHasOutputShapeThenInputShape() {
        Tensor x = Tensor.vector(1, 2);
        Tensor j = Autodiff.jacobian(v -> v.square().unsqueeze(0).broadcastTo(3, 2), x);
        assertArrayEquals(new int[] {3, 2, 2}, j.shape());
        assertEquals(4.0, j.get(2, 1, 1), 0);
        assertEquals(0.0, j.get(2, 1, 0), 0);
    }

    @Test
    void gradOfANonScalarFunctionIsAClearError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Autodiff.grad(Tensor::exp, Tensor.vector(1, 2, 3)));
        assertEquals("grad: f must return a single value, but returned shape (3,) (3 elements); use jacobian or "
                + "vjp for vector-valued functions", e.getMessage());
    }

    @Test
    void functionalTransformsLeaveCallersTensorsUntouched() {
        Tensor x = Tensor.vector(1, 2).requiresGrad();
        Autodiff.gradAll(in -> in[0].square().sum(), x);
        assertEquals(null, x.grad());
        Autodiff.ValueAndGrad vg = Autodiff.valueAndGrad(in -> in[0].square().sum(), x);
        assertEquals(5.0, vg.value().item());
        assertArrayEquals(new double[] {2, 4}, vg.gradients()[0].toArray());
    }

    @Test
    void thirdDerivativeOfTensorGraphByRepeatedCreateGraph() {
        Tensor x = Tensor.scalar(0.4).requiresGrad();
        Tensor y = x.pow(4.0).add(x.sin());
        Tensor d1 = Autodiff.gradients(y, null, new Tensor[] {x}, true)[0];
        Tensor d2 = Autodiff.gradients(d1, null, new Tensor[] {x}, true)[0];
        Tensor d3 = Autodiff.gradients(d2, null, new Tensor[] {x}, false)[0];
        assertEquals(24 * 0.4 - Math.cos(0.4), d3.item(), 1e-13);
    }

    @Test
    void gradientPenaltyTrainsThroughTheGradient() {
        // ‖∇ₓ f‖² for f = Σ tanh(W x) depends on W only through the gradient: its derivative
        // with respect to W needs backward through backward.
        Tensor w = Tensor.of(new double[] {0.5, -0.3, 0.8, 0.1}, 2, 2).requiresGrad();
        Tensor x = Tensor.vector(0.7, -0.2);
        GradCheck.assertCorrect(in -> {
            Tensor xLeaf = x.detach().requiresGrad();
            Tensor f = in[0].matmul(xLeaf).tanh().sum();
            Tensor gx = Autodiff.gradients(f, null, new Tensor[] {xLeaf}, true)[0];
            return gx.square().sum();
        }, w);
    }

    @Test
    void createGraphOffRecordsNothing() {
        Tensor x = Tensor.vector(1, 2).requiresGrad();
        x.exp().sum().backward();
        assertTrue(x.grad().isLeaf());
        assertTrue(!x.grad().needsGrad());
        x.zeroGrad();
        x.exp().sum().backward(null, true);
        assertTrue(x.grad().needsGrad());
    }

    /** log(1 + x) with its own forward and a VJP written in tensor operations. */
    static final CustomOp LOG1P = CustomOp.named("log1p")
            .forward(in -> Tensor.of(Arrays.stream(in[0].toArray()).map(Math::log1p).toArray(), in[0].shape()))
            .vjp((g, out, in) -> new Tensor[] {g.div(in[0].add(1))});

    @Test
    void customOpPassesFirstAndSecondOrderChecks() {
        Tensor x = Tensor.of(new double[] {1e-3, 0.5, 2.0, -0.4}, 2, 2);
        GradCheck.assertCorrectToSecondOrder(in -> LOG1P.apply(in[0].mul(in[0])).sum(), x);
        GradCheck.assertCorrectToSecondOrder(in -> LOG1P.apply(in[0]), x);
        assertEquals(Math.log1p(1e-20), LOG1P.apply(Tensor.scalar(1e-20)).item(), 0);
    }

    @Test
    void customOpWithAWrongGradientShapeIsRefusedByName() {
        CustomOp broken = CustomOp.named("broken")
                .forward(in -> in[0].mul(2))
                .vjp((g, out, in) -> new Tensor[] {Tensor.zeros(7)});
        Tensor x = Tensor.vector(1, 2).requiresGrad();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> broken.apply(x).sum().backward());
        assertEquals("broken: vjp returned a gradient of shape (7,) for input 0 of shape (2,)", e.getMessage());
    }

    @Test
    void scalarAndTensorGraphsCarryGradientsBothWays() {
        Scalar s = Scalar.of(1.5);
        Tensor t = Tensor.vector(1, 2, 3).requiresGrad();
        Scalar total = t.mul(s.toTensor()).sum().toScalar().mul(s);
        total.backward();
        // total = s² Σt: d/ds = 2 s Σt = 18, d/dt = s²
        assertEquals(18.0, s.grad(), 1e-15);
        assertArrayEquals(new double[] {2.25, 2.25, 2.25}, t.grad().toArray(), 1e-15);
    }
}
