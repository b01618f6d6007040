package io.github.chainrule.autodiff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BinaryOperator;
import java.util.function.DoubleUnaryOperator;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * Central finite differences against backward for every Scalar operation inside its domain,
 * and for random expression graphs with shared sub-expressions.
 */
class ScalarPropertyTest {
    private static final double H = 1e-5;

    /** A unary Scalar operation, its double-valued twin, and the interval it is smooth on. */
    record Unary(String name, UnaryOperator<Scalar> op, DoubleUnaryOperator value, double low, double high) {
    }

    static final List<Unary> UNARY = List.of(
            new Unary("exp", Scalar::exp, Math::exp, -3, 3),
            new Unary("log", Scalar::log, Math::log, 0.2, 5),
            new Unary("sqrt", Scalar::sqrt, Math::sqrt, 0.2, 5),
            new Unary("abs", Scalar::abs, Math::abs, 0.1, 3),
            new Unary("absNegative", Scalar::abs, Math::abs, -3, -0.1),
            new Unary("tanh", Scalar::tanh, Math::tanh, -3, 3),
            new Unary("sigmoid", Scalar::sigmoid, v -> 1 / (1 + Math.exp(-v)), -5, 5),
            new Unary("relu", Scalar::relu, v -> Math.max(v, 0), 0.1, 3),
            new Unary("reluNegative", Scalar::relu, v -> Math.max(v, 0), -3, -0.1),
            new Unary("sin", Scalar::sin, Math::sin, -4, 4),
            new Unary("cos", Scalar::cos, Math::cos, -4, 4),
            new Unary("neg", Scalar::neg, v -> -v, -3, 3),
            new Unary("square", Scalar::square, v -> v * v, -3, 3),
            new Unary("pow2.5", x -> x.pow(2.5), v -> Math.pow(v, 2.5), 0.2, 3),
            new Unary("pow-1", x -> x.pow(-1), v -> 1 / v, 0.2, 3),
            new Unary("addC", x -> x.add(1.5), v -> v + 1.5, -3, 3),
            new Unary("subC", x -> x.sub(1.5), v -> v - 1.5, -3, 3),
            new Unary("mulC", x -> x.mul(-2.5), v -> -2.5 * v, -3, 3),
            new Unary("divC", x -> x.div(4.0), v -> v / 4, -3, 3),
            new Unary("rdivC", x -> x.rdiv(2.0), v -> 2 / v, 0.2, 3),
            new Unary("rsubC", x -> x.rsub(2.0), v -> 2 - v, -3, 3),
            new Unary("maxC", x -> x.max(0.5), v -> Math.max(v, 0.5), -3, 3),
            new Unary("minC", x -> x.min(0.5), v -> Math.min(v, 0.5), -3, 3));

    private static double centralDifference(DoubleUnaryOperator f, double x) {
        return (f.applyAsDouble(x + H) - f.applyAsDouble(x - H)) / (2 * H);
    }

    @Test
    void everyUnaryOperationMatchesCentralDifferences() {
        for (Unary u : UNARY) {
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

    @Test
    void everyBinaryOperationMatchesCentralDifferences() {
        List<BinaryOperator<Scalar>> ops = List.of(Scalar::add, Scalar::sub, Scalar::mul, Scalar::div, Scalar::pow,
                Scalar::max, Scalar::min);
        qt().withExamples(300).withFixedSeed(2)
                .forAll(integers().between(0, ops.size() - 1), doubles().between(0.2, 3), doubles().between(-2, 2))
                .checkAssert((k, a, b) -> {
                    if (Math.abs(a - b) < 1e-3 || Math.abs(b) < 0.2) {
                        return; // a kink of max/min, or a pole of a/b: finite differences are meaningless there
                    }
                    BinaryOperator<Scalar> op = ops.get(k);
                    Scalar x = Scalar.of(a);
                    Scalar y = Scalar.of(b);
                    op.apply(x, y).backward();
                    double dx = (op.apply(Scalar.of(a + H), Scalar.of(b)).value()
                            - op.apply(Scalar.of(a - H), Scalar.of(b)).value()) / (2 * H);
                    double dy = (op.apply(Scalar.of(a), Scalar.of(b + H)).value()
                            - op.apply(Scalar.of(a), Scalar.of(b - H)).value()) / (2 * H);
                    assertEquals(dx, x.grad(), 1e-6 * Math.max(1, Math.abs(dx)), "op " + k + " d/da");
                    assertEquals(dy, y.grad(), 1e-6 * Math.max(1, Math.abs(dy)), "op " + k + " d/db");
                });
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
