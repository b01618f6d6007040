package io.github.chainrule.autodiff.catalogue;

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
            "onesLike", "requiresGrad", "grad", "detach", "gt", "ge", "lt", "le", "eq", "argmax",
            // Applies any op record; each record is catalogued through its own method.
            "apply",
            // A constant made from labels.
            "oneHot")));

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
        ops.addAll(RecordEntries.all());
        // Compositions of records, checked as the methods users call.
        ops.add(unary("sub", REAL, x -> x.sub(0.7)));
        ops.add(unary("rsub", REAL, x -> x.rsub(0.7)));
        ops.add(unary("div", REAL, x -> x.div(-1.3)));
        ops.add(new OpSpec("where", 2, REAL, true, OpCatalogue::whereCase));
        ops.addAll(LinearAlgebraEntries.all());
        ops.addAll(ShapeEntries.all());
        ops.addAll(ReductionEntries.all());
        ops.addAll(StatisticsEntries.all());
        ops.addAll(ArrangementEntries.all());
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

    private static int[][] broadcastPair(RandomGenerator rng) {
        int[] full = Samples.shape(rng, 0, 3);
        int[] partner = Samples.broadcastPartner(rng, full);
        return rng.nextBoolean() ? new int[][] {full, partner} : new int[][] {partner, full};
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
