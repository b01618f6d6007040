package io.github.chainrule.autodiff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.chainrule.autodiff.ops.ElementwiseOp;
import io.github.chainrule.autodiff.ops.Elementary;
import io.github.chainrule.autodiff.ops.Expr;
import io.github.chainrule.autodiff.ops.Ops;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.random.MersenneTwister;
import org.apache.commons.math3.random.RandomGenerator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fused tangent of an elementwise vector-Jacobian product (what forward-over-reverse's
 * unrecorded backward sweep computes for every elementwise record): for every record and every
 * operand whose partial P is smooth, the value g·P and the tangent ġ·P + g·Ṗ against the same
 * product computed as tensor operations that carry their tangents, against central finite
 * differences of (g + εġ)·P(x + εẋ, y + εẏ, f(x + εẋ, y + εẏ)), and at the record's singular
 * points, where a zero gradient with a zero tangent must give exactly 0.
 */
class FusedTangentOfVjpTest {
    private static final int N = 9;

    /** Every (record, operand) whose partial takes the fused path: neither constant nor a step. */
    static Stream<Arguments> smoothPartials() {
        List<Arguments> cases = new ArrayList<>();
        for (ElementwiseOp op : Ops.all()) {
            for (int k = 0; k < op.arity(); k++) {
                if (!op.partial(k).isPiecewiseConstant()) {
                    cases.add(Arguments.of(op, k));
                }
            }
        }
        return cases.stream();
    }

    @Test
    void theWalkCoversTheSmoothRecords() {
        // 34 records; all but the steps, the constants and the linear ones have a smooth partial.
        assertTrue(smoothPartials().count() >= 24, "smooth partials walked: " + smoothPartials().count());
    }

    /** One evaluation point: inputs, their tangents, the output and its consistent tangent, g and ġ. */
    private record Point(Tensor[] inputs, Tensor out, Tensor g) {
    }

    private static Point point(ElementwiseOp op, long level, double[] x, double[] y, double[] dx, double[] dy,
                               double[] g, double[] dg) {
        double[] out = new double[N];
        double[] dout = new double[N];
        for (int i = 0; i < N; i++) {
            double yi = y == null ? 0 : y[i];
            out[i] = op.apply(x[i], yi);
            dout[i] = Elementary.mulSafe(dx[i], op.partial(0).value(x[i], yi, out[i]));
            if (y != null) {
                dout[i] += Elementary.mulSafe(dy[i], op.partial(1).value(x[i], yi, out[i]));
            }
        }
        Tensor[] inputs = y == null ? new Tensor[] {dual(x, dx, level)} : new Tensor[] {dual(x, dx, level), dual(y, dy, level)};
        return new Point(inputs, dual(out, dout, level), dual(g, dg, level));
    }

    private static Tensor dual(double[] value, double[] tangent, long level) {
        Tensor t = Tensor.of(value, N);
        Forward.setTangent(t, level, Tensor.of(tangent, N));
        return t;
    }

    private static double[] sample(ElementwiseOp op, int k, RandomGenerator rng) {
        double[] values = new double[N];
        for (int i = 0; i < N; i++) {
            values[i] = op.samples().domains().get(k).sample(rng);
        }
        return values;
    }

    private static double[] uniform(RandomGenerator rng) {
        double[] values = new double[N];
        for (int i = 0; i < N; i++) {
            values[i] = 2 * rng.nextDouble() - 1;
        }
        return values;
    }

    @ParameterizedTest(name = "{0} operand {1}")
    @MethodSource("smoothPartials")
    void fusedMatchesTheTensorOperationsAndFiniteDifferences(ElementwiseOp op, int k) {
        RandomGenerator rng = new MersenneTwister(op.name().hashCode() * 31L + k);
        double[] x = sample(op, 0, rng);
        double[] y = op.arity() == 2 ? sample(op, 1, rng) : null;
        double[] dx = uniform(rng);
        double[] dy = uniform(rng);
        double[] g = uniform(rng);
        double[] dg = uniform(rng);
        Expr partial = op.partial(k);
        long level = Forward.open();
        try (Grad.Scope off = Grad.disabled()) {
            Point at = point(op, level, x, y, dx, dy, g, dg);
            Tensor fused = Elementwise.productWithTangent(op, partial, at.g(), at.out(), at.inputs(), level);
            Tensor unfused = Elementwise.productAsOperations(op, partial, at.g(), at.out(), at.inputs());
            double[] fusedTangent = Forward.tangentOf(fused, level).data;
            double[] unfusedTangent = Forward.tangentOf(unfused, level).data;
            double eps = 1e-6;
            for (int i = 0; i < N; i++) {
                String where = op + " operand " + k + " at element " + i;
                assertEquals(unfused.data[i], fused.data[i], 1e-13 * (1 + Math.abs(unfused.data[i])), where);
                assertEquals(unfusedTangent[i], fusedTangent[i], 1e-12 * (1 + Math.abs(unfusedTangent[i])), where);
                double central = (perturbed(op, partial, x, y, dx, dy, g, dg, i, eps)
                        - perturbed(op, partial, x, y, dx, dy, g, dg, i, -eps)) / (2 * eps);
                assertEquals(central, fusedTangent[i], 1e-6 * (1 + Math.abs(central)), where + " (finite differences)");
            }
        } finally {
            Forward.close(level);
        }
    }

    /** (g + εġ)·P(x + εẋ, y + εẏ, f(x + εẋ, y + εẏ)) at element i, on plain doubles. */
    private static double perturbed(ElementwiseOp op, Expr partial, double[] x, double[] y, double[] dx, double[] dy,
                                    double[] g, double[] dg, int i, double eps) {
        double xi = x[i] + eps * dx[i];
        double yi = y == null ? 0 : y[i] + eps * dy[i];
        return (g[i] + eps * dg[i]) * partial.value(xi, yi, op.apply(xi, yi));
    }

    /** Every record whose partials may be infinite, at each of its singular points. */
    static Stream<Arguments> singularPoints() {
        List<Arguments> cases = new ArrayList<>();
        for (ElementwiseOp op : Ops.all()) {
            if (!op.nonFinitePartials()) {
                continue;
            }
            for (double[] singular : op.samples().singularPoints()) {
                for (int k = 0; k < op.arity(); k++) {
                    if (!op.partial(k).isPiecewiseConstant()) {
                        cases.add(Arguments.of(op, k, singular));
                    }
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} operand {1} at {2}")
    @MethodSource("singularPoints")
    void aZeroGradientWithAZeroTangentGivesZeroAtSingularPoints(ElementwiseOp op, int k, double[] singular) {
        double[] x = filled(singular[0]);
        double[] y = op.arity() == 2 ? filled(singular[1]) : null;
        long level = Forward.open();
        try (Grad.Scope off = Grad.disabled()) {
            Point at = point(op, level, x, y, filled(1), filled(-1), filled(0), filled(0));
            Tensor fused = Elementwise.productWithTangent(op, op.partial(k), at.g(), at.out(), at.inputs(), level);
            double[] tangent = Forward.tangentOf(fused, level).data;
            for (int i = 0; i < N; i++) {
                assertEquals(0.0, fused.data[i], 0.0, op + " value");
                assertEquals(0.0, tangent[i], 0.0, op + " tangent");
            }
        } finally {
            Forward.close(level);
        }
    }

    @ParameterizedTest(name = "{0} operand {1} at {2}")
    @MethodSource("singularPoints")
    void theFusedValueIsTheFirstOrderProductAtSingularPoints(ElementwiseOp op, int k, double[] singular) {
        double[] x = filled(singular[0]);
        double[] y = op.arity() == 2 ? filled(singular[1]) : null;
        double[] g = {0, 1, -1, 0.5, 0, 2, -0.25, 1, 0};
        long level = Forward.open();
        try (Grad.Scope off = Grad.disabled()) {
            Point at = point(op, level, x, y, filled(1), filled(1), g, filled(0));
            Tensor fused = Elementwise.productWithTangent(op, op.partial(k), at.g(), at.out(), at.inputs(), level);
            Tensor[] plainInputs = y == null ? new Tensor[] {Tensor.of(x, N)} : new Tensor[] {Tensor.of(x, N), Tensor.of(y, N)};
            Tensor firstOrder = Elementwise.scaleByPartial(op, k, Tensor.of(g, N), Tensor.of(at.out().data, N), plainInputs);
            for (int i = 0; i < N; i++) {
                assertEquals(firstOrder.data[i], fused.data[i], op + " value at element " + i);
            }
        } finally {
            Forward.close(level);
        }
    }

    private static double[] filled(double value) {
        double[] values = new double[N];
        java.util.Arrays.fill(values, value);
        return values;
    }

    @Test
    void theDerivativeOfAPartialIsComposedFromTheRecords() {
        // tanh's partial 1 − out²: ∂/∂out = −2·out, ∂/∂x = 0 (out is held fixed).
        Expr partial = io.github.chainrule.autodiff.ops.ActivationOps.TANH.partial(0);
        assertEquals(-1.4, partial.derivative(2).value(0.3, 0, 0.7), 1e-15);
        assertEquals(Expr.ZERO, partial.derivative(0));
        // div's ∂/∂b = −out/b: ∂/∂out = −1/b, ∂/∂b = out/b².
        Expr divPartial = io.github.chainrule.autodiff.ops.ArithmeticOps.DIV.partial(1);
        assertEquals(-0.5, divPartial.derivative(2).value(3, 2, 1.5), 1e-15);
        assertEquals(1.5 / 4, divPartial.derivative(1).value(3, 2, 1.5), 1e-15);
    }
}
