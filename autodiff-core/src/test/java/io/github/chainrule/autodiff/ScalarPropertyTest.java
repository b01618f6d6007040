package io.github.chainrule.autodiff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import io.github.chainrule.autodiff.catalogue.RecordEntries;
import io.github.chainrule.autodiff.ops.ElementwiseOp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.quicktheories.core.Gen;

/**
 * Central finite differences against backward for every Scalar operation, walked from the op
 * records (first and second order, inside each record's domain), for the compositions built
 * on them, and for random expression graphs with shared sub-expressions.
 */
class ScalarPropertyTest {
    private static final double H = 1e-5;

    /** A unary Scalar operation, its double-valued twin, and the interval it is smooth on. */
    record Unary(String name, UnaryOperator<Scalar> op, DoubleUnaryOperator value, double low, double high) {
    }

    /** Compositions of op records, checked as the methods users call. */
    static final List<Unary> COMPOSITIONS = List.of(
            new Unary("subC", x -> x.sub(1.5), v -> v - 1.5, -3, 3),
            new Unary("divC", x -> x.div(4.0), v -> v / 4, -3, 3),
            new Unary("rdivC", x -> x.rdiv(2.0), v -> 2 / v, 0.2, 3),
            new Unary("rsubC", x -> x.rsub(2.0), v -> 2 - v, -3, 3),
            new Unary("maxC", x -> x.max(0.5), v -> Math.max(v, 0.5), -3, 3),
            new Unary("minC", x -> x.min(0.5), v -> Math.min(v, 0.5), -3, 3));

    private static double centralDifference(DoubleUnaryOperator f, double x) {
        return (f.applyAsDouble(x + H) - f.applyAsDouble(x - H)) / (2 * H);
    }

    /** Operands for {@code op} from its record's domains, away from its kinks and ties. */
    private static double[] operands(ElementwiseOp op, long seed) {
        Well19937c rng = new Well19937c(seed);
        while (true) {
            double[] point = new double[op.arity()];
            for (int k = 0; k < point.length; k++) {
                point[k] = op.samples().domains().get(k).sample(rng);
            }
            boolean nearKink = op.samples().distinct() && Math.abs(point[0] - point[1]) < 1e-2;
            for (double[] singular : op.samples().singularPoints()) {
                for (int k = 0; k < point.length; k++) {
                    nearKink |= Math.abs(point[k] - singular[k]) < 1e-3;
                }
            }
            if (!nearKink) {
                return point;
            }
        }
    }

    /** ∂f/∂x_k by central differences of the record's forward on doubles. */
    private static double difference(DoubleUnaryOperator alongK, double at) {
        return centralDifference(alongK, at);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.chainrule.autodiff.ops.Ops#all")
    void everyRecordsScalarMethodMatchesCentralDifferencesOfItsForward(ElementwiseOp op) {
        Function<Scalar[], Scalar> method = RecordEntries.scalarMethod(op);
        qt().withExamples(100).withFixedSeed(op.toString().hashCode()).forAll(longs().all()).checkAssert(seed -> {
            double[] point = operands(op, seed);
            Scalar[] leaves = new Scalar[point.length];
            for (int k = 0; k < point.length; k++) {
                leaves[k] = Scalar.of(point[k]);
            }
            Scalar out = method.apply(leaves);
            assertEquals(forward(op, point), out.value(), 0, op + " value at " + Arrays.toString(point));
            out.backward();
            for (int k = 0; k < point.length; k++) {
                int axis = k;
                double numerical = difference(v -> forward(op, with(point, axis, v)), point[k]);
                assertEquals(numerical, leaves[k].grad(), 1e-6 * Math.max(1, Math.abs(numerical)),
                        op + " d/dx" + k + " at " + Arrays.toString(point));
            }
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.chainrule.autodiff.ops.Ops#all")
    void everyRecordsScalarSecondDerivativeMatchesCentralDifferencesOfTheFirst(ElementwiseOp op) {
        Function<Scalar[], Scalar> method = RecordEntries.scalarMethod(op);
        qt().withExamples(40).withFixedSeed(~op.toString().hashCode()).forAll(longs().all()).checkAssert(seed -> {
            double[] point = operands(op, seed);
            for (int k = 0; k < point.length; k++) {
                int axis = k;
                Scalar[] leaves = new Scalar[point.length];
                for (int j = 0; j < point.length; j++) {
                    leaves[j] = Scalar.of(point[j]);
                }
                method.apply(leaves).backward(true);
                Scalar firstK = leaves[k].gradScalar();
                for (Scalar leaf : leaves) {
                    leaf.zeroGrad();
                }
                if (firstK != null && firstK.needsGrad()) {
                    firstK.backward();
                }
                double numerical = difference(v -> firstDerivative(method, with(point, axis, v), axis), point[k]);
                assertEquals(numerical, leaves[k].grad(), 1e-5 * Math.max(1, Math.abs(numerical)),
                        op + " d²/dx" + k + "² at " + Arrays.toString(point));
            }
        });
    }

    private static double firstDerivative(Function<Scalar[], Scalar> method, double[] point, int k) {
        Scalar[] leaves = new Scalar[point.length];
        for (int j = 0; j < point.length; j++) {
            leaves[j] = Scalar.of(point[j]);
        }
        method.apply(leaves).backward();
        return leaves[k].grad();
    }

    private static double forward(ElementwiseOp op, double[] point) {
        return op.arity() == 1 ? op.apply(point[0]) : op.apply(point[0], point[1]);
    }

    private static double[] with(double[] point, int k, double v) {
        double[] moved = point.clone();
        moved[k] = v;
        return moved;
    }

    @Test
    void everyCompositionMatchesCentralDifferences() {
        for (Unary u : COMPOSITIONS) {
            qt().withExamples(100).withFixedSeed(u.name().hashCode()).forAll(doubles().between(u.low(), u.high())).checkAssert(x -> {
                if (u.name().endsWith("C") && Math.abs(x - 0.5) < 1e-3) {
                    return;
                }
                Scalar leaf = Scalar.of(x);
                u.op().apply(leaf).backward();
                double numerical = centralDifference(u.value(), x);
                assertEquals(numerical, leaf.grad(), 1e-6 * Math.max(1, Math.abs(numerical)), u.name() + " at " + x);
            });
        }
    }

    /**
     * A random expression over three variables, built from a list of instructions: each
     * instruction applies a smooth operation to earlier nodes (chosen by index, so nodes are
     * shared) and the last node is the output. QuickTheories shrinks the instruction list,
     * which shrinks the graph itself.
     */
    static Scalar build(List<Integer> program, Scalar[] variables) {
        List<Scalar> nodes = new ArrayList<>(List.of(variables));
        for (int code : program) {
            int n = nodes.size();
            Scalar a = nodes.get(Math.floorMod(code / 16, n));
            Scalar b = nodes.get(Math.floorMod(code / 256, n));
            Scalar next = switch (Math.floorMod(code, 10)) {
                case 0 -> a.add(b);
                case 1 -> a.mul(b);
                case 2 -> a.sub(b);
                case 3 -> a.tanh();
                case 4 -> a.sin();
                case 5 -> a.square().add(1).log();
                case 6 -> a.div(b.square().add(1));
                case 7 -> a.sigmoid();
                case 8 -> a.square().add(0.5).sqrt();
                default -> a.mul(0.5).exp();
            };
            nodes.add(next);
        }
        return nodes.get(nodes.size() - 1);
    }

    @Test
    void randomExpressionGraphsMatchCentralDifferences() {
        Gen<List<Integer>> programs = lists().of(integers().between(0, 1 << 14)).ofSizeBetween(1, 8);
        qt().withExamples(500).withFixedSeed(3).forAll(programs, doubles().between(-1.5, 1.5), doubles().between(-1.5, 1.5),
                doubles().between(-1.5, 1.5)).checkAssert((program, x0, x1, x2) -> {
                    double[] point = {x0, x1, x2};
                    Scalar[] vars = {Scalar.of(x0), Scalar.of(x1), Scalar.of(x2)};
                    build(program, vars).backward();
                    for (int i = 0; i < 3; i++) {
                        double[] plus = point.clone();
                        double[] minus = point.clone();
                        plus[i] += H;
                        minus[i] -= H;
                        double numerical = (evaluate(program, plus) - evaluate(program, minus)) / (2 * H);
                        assertEquals(numerical, vars[i].grad(), 1e-6 * Math.max(1, Math.abs(numerical)),
                                "d/dx" + i + " of program " + program);
                    }
                });
    }

    private static double evaluate(List<Integer> program, double[] point) {
        try (Grad.Scope off = Grad.disabled()) {
            return build(program, new Scalar[] {Scalar.constant(point[0]), Scalar.constant(point[1]),
                Scalar.constant(point[2])}).value();
        }
    }
}
