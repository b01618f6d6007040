package io.github.chainrule.autodiff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import io.github.chainrule.autodiff.catalogue.OpCase;
import io.github.chainrule.autodiff.catalogue.OpCatalogue;
import io.github.chainrule.autodiff.catalogue.OpSpec;
import io.github.chainrule.autodiff.check.GradCheck;
import io.github.chainrule.autodiff.check.GradCheckReport;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Walks the op catalogue: every differentiable operation's first and second derivatives
 * against central finite differences, over property-generated shapes (broadcast pairs,
 * size-1 axes, 0-d) and values inside each operation's domain.
 */
class OpCatalogueGradientTest {
    static final int FIRST_ORDER_EXAMPLES = 40;
    static final int SECOND_ORDER_EXAMPLES = 15;

    static Stream<OpSpec> operations() {
        return OpCatalogue.all().stream();
    }

    private static OpCase sample(OpSpec spec, long seed) {
        return spec.sample(new Well19937c(seed));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("operations")
    void firstDerivativesMatchFiniteDifferences(OpSpec spec) {
        qt().withExamples(FIRST_ORDER_EXAMPLES).withFixedSeed(spec.name().hashCode())
                .forAll(longs().all())
                .checkAssert(seed -> {
                    OpCase c = sample(spec, seed);
                    GradCheckReport report = GradCheck.defaults().check(c::apply, c.inputs());
                    assertTrue(report.passed(), c + "\n" + report);
                });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("operations")
    void secondDerivativesMatchFiniteDifferencesOfTheGradient(OpSpec spec) {
        qt().withExamples(SECOND_ORDER_EXAMPLES).withFixedSeed(~spec.name().hashCode())
                .forAll(longs().all())
                .checkAssert(seed -> {
                    OpCase c = sample(spec, seed);
                    GradCheckReport report = GradCheck.defaults().checkSecondOrder(c::apply, c.inputs());
                    assertTrue(report.passed(), c + "\n" + report);
                });
    }

    @Test
    void everyPublicTensorOperationIsInTheCatalogue() {
        Set<String> catalogued = OpCatalogue.all().stream().map(OpSpec::name)
                .collect(Collectors.toCollection(TreeSet::new));
        // Kotlin's operator names delegate to add, sub, mul and neg (KotlinOperatorNamesTest).
        catalogued.addAll(Set.of("plus", "minus", "times", "unaryMinus"));
        Set<String> missing = new TreeSet<>();
        for (Method method : Tensor.class.getDeclaredMethods()) {
            boolean returnsTensor = method.getReturnType() == Tensor.class;
            if (Modifier.isPublic(method.getModifiers()) && returnsTensor
                    && !OpCatalogue.NOT_DIFFERENTIABLE.contains(method.getName())
                    && !catalogued.contains(method.getName())) {
                missing.add(method.getName());
            }
        }
        assertEquals(Set.of(), missing, "public Tensor operations without a catalogue entry");
    }

    @Test
    void theCatalogueCoversTheOperationsTheDesignNames() {
        Set<String> names = OpCatalogue.all().stream().map(OpSpec::name).collect(Collectors.toSet());
        for (String op : Arrays.asList("add", "sub", "mul", "div", "neg", "pow", "exp", "log", "sqrt", "abs",
                "tanh", "sigmoid", "relu", "leakyRelu", "softplus", "sin", "cos", "square", "matmul", "transpose",
                "permute", "reshape", "slice", "indexSelect", "gather", "concat", "stack", "sum", "mean", "max",
                "min", "softmax", "logSoftmax", "logSumExp", "where", "clamp")) {
            assertTrue(names.contains(op), op);
        }
    }
}
