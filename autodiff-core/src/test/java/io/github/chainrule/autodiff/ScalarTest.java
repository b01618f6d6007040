package io.github.chainrule.autodiff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Hand-derived values for every Scalar operation and for the engine's accumulation rules. */
class ScalarTest {
    private static final double EXACT = 1e-15;

    private static double gradOf(java.util.function.UnaryOperator<Scalar> f, double x) {
        Scalar leaf = Scalar.of(x);
        f.apply(leaf).backward();
        return leaf.grad();
    }

    @Test
    void elementaryDerivativesMatchHandDerivedValues() {
        assertEquals(Math.exp(0.7), gradOf(Scalar::exp, 0.7), EXACT);
        assertEquals(1 / 0.7, gradOf(Scalar::log, 0.7), EXACT);
        assertEquals(0.5 / Math.sqrt(0.7), gradOf(Scalar::sqrt, 0.7), EXACT);
        assertEquals(-1.0, gradOf(Scalar::abs, -0.7), EXACT);
        assertEquals(1 - Math.pow(Math.tanh(0.7), 2), gradOf(Scalar::tanh, 0.7), EXACT);
        double s = 1 / (1 + Math.exp(-0.7));
        assertEquals(s * (1 - s), gradOf(Scalar::sigmoid, 0.7), EXACT);
        assertEquals(1.0, gradOf(Scalar::relu, 0.7), EXACT);
        assertEquals(0.0, gradOf(Scalar::relu, -0.7), EXACT);
        assertEquals(Math.cos(0.7), gradOf(Scalar::sin, 0.7), EXACT);
        assertEquals(-Math.sin(0.7), gradOf(Scalar::cos, 0.7), EXACT);
        assertEquals(-1.0, gradOf(Scalar::neg, 0.7), EXACT);
        assertEquals(3 * 0.49, gradOf(x -> x.pow(3), 0.7), 1e-15);
        assertEquals(1.4, gradOf(Scalar::square, 0.7), EXACT);
        assertEquals(-1 / 0.49, gradOf(x -> x.rdiv(1), 0.7), 1e-14);
    }

    @Test
    void binaryDerivativesMatchHandDerivedValues() {
        Scalar a = Scalar.of(2.0);
        Scalar b = Scalar.of(-3.0);
        a.div(b).backward();
        assertEquals(1 / -3.0, a.grad(), EXACT);
        assertEquals(-2.0 / 9.0, b.grad(), EXACT);

        Scalar x = Scalar.of(1.5);
        Scalar e = Scalar.of(2.5);
        x.pow(e).backward();
        assertEquals(2.5 * Math.pow(1.5, 1.5), x.grad(), 1e-14);
        assertEquals(Math.pow(1.5, 2.5) * Math.log(1.5), e.grad(), 1e-14);

        Scalar p = Scalar.of(4.0);
        Scalar q = Scalar.of(1.0);
        p.sub(q).mul(p.max(q)).add(p.min(q)).backward();
        // d/dp [(p − q)·p + q] = 2p − q = 7; d/dq = −p + 1 = −3
        assertEquals(7.0, p.grad(), EXACT);
        assertEquals(-3.0, q.grad(), EXACT);
    }

    @Test
    void maxAndMinSplitTheGradientOnTies() {
        Scalar a = Scalar.of(1.0);
        Scalar b = Scalar.of(1.0);
        a.max(b).backward();
        assertEquals(0.5, a.grad(), EXACT);
        assertEquals(0.5, b.grad(), EXACT);
    }

    @Test
    void micrograsReadmeExampleGivesItsPublishedGradients() {
        // micrograd's README: g = 24.7041, dg/da = 138.8338, dg/db = 645.5773
        Scalar a = Scalar.of(-4.0);
        Scalar b = Scalar.of(2.0);
        Scalar c = a.add(b);
        Scalar d = a.mul(b).add(b.pow(3));
        c = c.add(c.add(1));
        c = c.add(c.add(1).add(a.neg()));
        d = d.add(d.mul(2).add(b.add(a).relu()));
        d = d.add(d.mul(3).add(b.sub(a).relu()));
        Scalar e = c.sub(d);
        Scalar f = e.pow(2);
        Scalar g = f.div(2.0);
        g = g.add(f.rdiv(10.0));
        g.backward();
        assertEquals(24.7041, g.value(), 1e-4);
        assertEquals(138.8338, a.grad(), 1e-4);
        assertEquals(645.5773, b.grad(), 1e-4);
    }

    @Test
    void fanOutAccumulates() {
        Scalar x = Scalar.of(3.0);
        x.mul(x).backward();
        assertEquals(6.0, x.grad(), EXACT);

        Scalar a = Scalar.of(1.25);
        Scalar b = a.add(a);
        b.mul(b).backward();
        assertEquals(8 * 1.25, a.grad(), EXACT);
    }

    @Test
    void secondBackwardAccumulatesUntilZeroGrad() {
        Scalar x = Scalar.of(2.0);
        Scalar y = x.mul(x);
        y.backward();
        y.backward();
        assertEquals(8.0, x.grad(), EXACT);
        x.zeroGrad();
        assertEquals(0.0, x.grad(), EXACT);
        y.backward();
        assertEquals(4.0, x.grad(), EXACT);
    }

    @Test
    void chainOfAMillionNodesNeedsNoDeepStack() {
        Scalar x = Scalar.of(0.5);
        Scalar y = x;
        for (int i = 0; i < 1_000_000; i++) {
            y = y.mul(1.000001);
        }
        y.backward();
        assertEquals(Math.pow(1.000001, 1_000_000), x.grad(), 1e-9);
    }

    /**
     * The lecture notes' chain y_p = σ(ReLU(ReLU(i·w1)·w2)·w3), C = (y_p − y)², differentiated
     * by the chain rule by hand: with h1 = i·w1, a1 = ReLU(h1), h2 = a1·w2, a2 = ReLU(h2),
     * h3 = a2·w3, y_p = σ(h3):
     * dC/dw3 = 2(y_p − y)·σ'(h3)·a2, dC/dw2 = 2(y_p − y)·σ'(h3)·w3·ReLU'(h2)·a1,
     * dC/dw1 = 2(y_p − y)·σ'(h3)·w3·ReLU'(h2)·w2·ReLU'(h1)·i.
     */
    @Test
    void lectureChainMatchesTheHandDerivedChainRule() {
        double i = 1.5;
        double y = 0.2;
        Scalar w1 = Scalar.of(0.8);
        Scalar w2 = Scalar.of(-0.6);
        Scalar w3 = Scalar.of(1.1);
        // w2 < 0 would kill the chain; use its negative input route: ReLU(ReLU(i·w1)·w2) = 0 then.
        Scalar w2Positive = Scalar.of(0.6);
        for (Scalar weight2 : new Scalar[] {w2Positive, w2}) {
            w1.zeroGrad();
            w3.zeroGrad();
            Scalar yp = Scalar.constant(i).mul(w1).relu().mul(weight2).relu().mul(w3).sigmoid();
            Scalar cost = yp.sub(y).pow(2);
            cost.backward();

            double h1 = i * w1.value();
            double a1 = Math.max(h1, 0);
            double h2 = a1 * weight2.value();
            double a2 = Math.max(h2, 0);
            double h3 = a2 * w3.value();
            double sp = 1 / (1 + Math.exp(-h3));
            double dsp = sp * (1 - sp);
            double outer = 2 * (sp - y) * dsp;
            assertEquals(outer * a2, w3.grad(), 1e-15);
            assertEquals(outer * w3.value() * (h2 > 0 ? 1 : 0) * a1, weight2.grad(), 1e-15);
            assertEquals(outer * w3.value() * (h2 > 0 ? 1 : 0) * weight2.value() * (h1 > 0 ? 1 : 0) * i,
                    w1.grad(), 1e-15);
        }
    }

    @Test
    void secondDerivativesComeFromBackwardWithCreateGraph() {
        Scalar x = Scalar.of(0.7);
        Scalar y = x.sin().mul(x.exp());
        y.backward(true);
        Scalar dy = x.gradScalar();
        assertEquals(Math.exp(0.7) * (Math.sin(0.7) + Math.cos(0.7)), dy.value(), 1e-14);
        x.zeroGrad();
        dy.backward();
        assertEquals(2 * Math.exp(0.7) * Math.cos(0.7), x.grad(), 1e-14);
    }

    @Test
    void constantsReceiveNoGradientAndDetachStopsIt() {
        Scalar c = Scalar.constant(2.0);
        Scalar x = Scalar.of(3.0);
        x.mul(c).add(x.detach().mul(x)).backward();
        assertEquals(2.0 + 3.0, x.grad(), EXACT);
        assertEquals(0.0, c.grad(), EXACT);
        assertTrue(!c.needsGrad());
    }

    @Test
    void noGradScopeRecordsNothing() {
        Scalar x = Scalar.of(3.0);
        Scalar y;
        try (Grad.Scope off = Grad.disabled()) {
            y = x.mul(x);
        }
        assertTrue(y.isLeaf());
        assertTrue(!y.needsGrad());
    }

    @Test
    void graphExportsToDotWithValuesAndGradients() {
        Scalar a = Scalar.of(2.0);
        Scalar b = Scalar.of(-3.0);
        Scalar c = a.mul(b).tanh();
        c.retainGrad();
        c.backward();
        String dot = GraphDot.render(c);
        assertTrue(dot.startsWith("digraph"));
        assertTrue(dot.contains("tanh|value -1.|grad 1."), dot);
        assertTrue(dot.contains("mul|value -6.|grad none"), dot);
        assertTrue(dot.contains("leaf|value 2.|grad -7.3730e-05"), dot);
        assertEquals(2, dot.split("->", -1).length - 2);
    }

    @Test
    void pieceOfAGraphWithTensorsAlsoExports() {
        Tensor w = Tensor.of(new double[] {1, 2}, 2).requiresGrad();
        Tensor loss = w.square().sum();
        loss.backward();
        String dot = GraphDot.render(loss);
        assertTrue(dot.contains("square (2,)|value [1., 4.]|grad none"), dot);
        assertTrue(dot.contains("leaf (2,)|value [1., 2.]|grad [2., 4.]"), dot);
    }

    @Test
    void aNonScalarOutputGradientIsRefused() {
        Scalar x = Scalar.of(1.0);
        assertThrows(IllegalStateException.class, () -> Tensor.vector(1, 2).requiresGrad().mul(2).toScalar());
        assertEquals("Scalar(value=1.0, grad=0.0)", x.toString());
    }

    @Test
    void firstOrderSweepInDoublesGivesTheSameGradientsAsTheRecordedSweep() {
        // backward() runs local rules in plain doubles, backward(true) records g·∂out/∂in:
        // both come from the same partials and must agree exactly, through fan-out, a mixed
        // scalar/tensor hop and a retained intermediate.
        double[][] grads = new double[2][];
        for (int run = 0; run < 2; run++) {
            Scalar a = Scalar.of(0.7);
            Scalar b = Scalar.of(-1.3);
            Scalar h = a.mul(b).add(a.tanh()).sub(b.square());
            h.retainGrad();
            Scalar viaTensor = h.toTensor().mul(3).toScalar();
            Scalar loss = viaTensor.mul(h).relu().add(a.sigmoid().mul(b.exp())).neg().add(h.mul(2.5));
            loss.backward(run == 1);
            grads[run] = new double[] {a.grad(), b.grad(), h.grad()};
        }
        org.junit.jupiter.api.Assertions.assertArrayEquals(grads[1], grads[0], 0);
    }
}
