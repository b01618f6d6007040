package io.github.chainrule.autodiff.catalogue;

import static io.github.chainrule.autodiff.catalogue.Domain.AWAY_FROM_ZERO;
import static io.github.chainrule.autodiff.catalogue.Domain.POSITIVE;
import static io.github.chainrule.autodiff.catalogue.Domain.REAL;

import io.github.chainrule.autodiff.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * Every differentiable tensor operation, as data. One parameterised test walks this list and
 * checks each entry's first and second derivatives against finite differences; a
 * completeness test fails when a public Tensor operation is missing here.
 */
public final class OpCatalogue {
    private static final List<OpSpec> ALL = Collections.unmodifiableList(build());

    /** Public Tensor methods that are not differentiable operations (creation, access, masks). */
    public static final Set<String> NOT_DIFFERENTIABLE = Collections.unmodifiableSet(new TreeSet<>(Arrays.asList(
            "of", "vector", "scalar", "zeros", "ones", "full", "arange", "eye", "rand", "randn", "zerosLike",
            "onesLike", "requiresGrad", "grad", "detach", "gt", "ge", "lt", "le", "eq", "argmax")));

    private OpCatalogue() {
    }

    /** All entries, in a stable order. */
    public static List<OpSpec> all() {
        return ALL;
    }

    /** The entries whose operations are elementwise (composable into random expression graphs). */
    public static List<OpSpec> elementwise() {
        return ALL.stream().filter(OpSpec::elementwise).toList();
    }

    /** The entry named {@code name}. */
    public static OpSpec get(String name) {
        return ALL.stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no catalogue entry named '" + name + "'"));
    }

    private static List<OpSpec> build() {
        List<OpSpec> ops = new ArrayList<>();
        ops.add(unary("neg", REAL, Tensor::neg));
        ops.add(unary("exp", REAL, Tensor::exp));
        ops.add(unary("log", POSITIVE, Tensor::log));
        ops.add(unary("sqrt", POSITIVE, Tensor::sqrt));
        ops.add(unary("abs", AWAY_FROM_ZERO, Tensor::abs));
        ops.add(unary("tanh", REAL, Tensor::tanh));
        ops.add(unary("sigmoid", REAL, Tensor::sigmoid));
        ops.add(unary("relu", AWAY_FROM_ZERO, Tensor::relu));
        ops.add(unary("leakyRelu", AWAY_FROM_ZERO, x -> x.leakyRelu(0.1)));
        ops.add(unary("softplus", REAL, Tensor::softplus));
        ops.add(unary("sin", REAL, Tensor::sin));
        ops.add(unary("cos", REAL, Tensor::cos));
        ops.add(unary("square", REAL, Tensor::square));
        ops.add(unary("clamp", AWAY_FROM_ZERO, x -> x.clamp(-1.0, 1.0).mul(1.0)));
        ops.add(new OpSpec("pow", 1, POSITIVE, true, rng -> {
            double p = new double[] {-1.5, 0.5, 2, 3}[rng.nextInt(4)];
            return unaryCase("pow", "p=" + p, rng, POSITIVE, x -> x.pow(p));
        }));
        ops.add(unary("add", REAL, x -> x.add(0.7)));
        ops.add(unary("sub", REAL, x -> x.sub(0.7)));
        ops.add(unary("rsub", REAL, x -> x.rsub(0.7)));
        ops.add(unary("mul", REAL, x -> x.mul(-1.3)));
        ops.add(unary("div", REAL, x -> x.div(-1.3)));
        ops.add(binary("add", REAL, REAL, (a, b) -> a.add(b)));
        ops.add(binary("sub", REAL, REAL, (a, b) -> a.sub(b)));
        ops.add(binary("mul", REAL, REAL, (a, b) -> a.mul(b)));
        ops.add(binary("div", REAL, AWAY_FROM_ZERO, (a, b) -> a.div(b)));
        ops.add(binary("pow", POSITIVE, REAL, (a, b) -> a.pow(b)));
        ops.add(new OpSpec("maximum", 2, REAL, true, rng -> distinctPair("maximum", rng, Tensor::maximum)));
        ops.add(new OpSpec("minimum", 2, REAL, true, rng -> distinctPair("minimum", rng, Tensor::minimum)));
        ops.add(new OpSpec("where", 2, REAL, true, OpCatalogue::whereCase));
        ops.addAll(LinearAlgebraEntries.all());
        ops.addAll(ShapeEntries.all());
        ops.addAll(ReductionEntries.all());
        return ops;
    }

    static OpSpec unary(String name, Domain domain, UnaryOperator<Tensor> op) {
        return new OpSpec(name, 1, domain, true, rng -> unaryCase(name, "", rng, domain, op));
    }

    private static OpCase unaryCase(String name, String params, RandomGenerator rng, Domain domain,
                                    UnaryOperator<Tensor> op) {
        int[] shape = Samples.shape(rng, 0, 3);
        Tensor x = Samples.tensor(rng, domain, shape);
        return new OpCase(name, params + " x" + Samples.str(shape), new Tensor[] {x}, in -> op.apply(in[0]));
    }

    /** A two-input operation over a broadcast-compatible pair of shapes (either side smaller). */
    interface BinaryOp {
        Tensor apply(Tensor a, Tensor b);
    }

    static OpSpec binary(String name, Domain domainA, Domain domainB, BinaryOp op) {
        return new OpSpec(name, 2, domainA, true, rng -> {
            int[][] shapes = broadcastPair(rng);
            Tensor a = Samples.tensor(rng, domainA, shapes[0]);
            Tensor b = Samples.tensor(rng, domainB, shapes[1]);
            return new OpCase(name, "a" + Samples.str(shapes[0]) + " b" + Samples.str(shapes[1]),
                    new Tensor[] {a, b}, in -> op.apply(in[0], in[1]));
        });
    }

    private static int[][] broadcastPair(RandomGenerator rng) {
        int[] full = Samples.shape(rng, 0, 3);
        int[] partner = Samples.broadcastPartner(rng, full);
        return rng.nextBoolean() ? new int[][] {full, partner} : new int[][] {partner, full};
    }

    private static OpCase distinctPair(String name, RandomGenerator rng, BinaryOp op) {
        int[] shape = Samples.shape(rng, 0, 3);
        int size = Arrays.stream(shape).reduce(1, (x, y) -> x * y);
        Tensor both = Samples.distinct(rng, 0.1, 2 * size);
        Tensor a = both.slice(0, 0, size).reshape(shape);
        Tensor b = both.slice(0, size, 2 * size).reshape(shape);
        return new OpCase(name, "a,b" + Samples.str(shape), new Tensor[] {a.detach(), b.detach()},
                in -> op.apply(in[0], in[1]));
    }

    private static OpCase whereCase(RandomGenerator rng) {
        int[][] shapes = broadcastPair(rng);
        int[] outShape = Tensor.zeros(shapes[0]).add(Tensor.zeros(shapes[1])).shape();
        Tensor condition = Samples.tensor(rng, REAL, outShape).gt(0);
        return new OpCase("where", "a" + Samples.str(shapes[0]) + " b" + Samples.str(shapes[1]),
                new Tensor[] {Samples.tensor(rng, REAL, shapes[0]), Samples.tensor(rng, REAL, shapes[1])},
                in -> Tensor.where(condition, in[0], in[1]));
    }
}
