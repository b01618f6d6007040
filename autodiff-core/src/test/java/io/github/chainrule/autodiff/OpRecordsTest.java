package io.github.chainrule.autodiff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.chainrule.autodiff.catalogue.OpCatalogue;
import io.github.chainrule.autodiff.catalogue.OpSpec;
import io.github.chainrule.autodiff.catalogue.RecordEntries;
import io.github.chainrule.autodiff.ops.ActivationOps;
import io.github.chainrule.autodiff.ops.ElementwiseOp;
import io.github.chainrule.autodiff.ops.Ops;
import io.github.chainrule.autodiff.ops.PiecewiseOps;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The elementwise op records against both graphs: every record has its Scalar and Tensor
 * method, both dispatch to it, and the two graphs agree at every singular point the record
 * names, value and gradient, under a unit and under a zero upstream gradient.
 */
class OpRecordsTest {

    @Test
    void everyRecordHasItsScalarAndTensorMethodAndACatalogueEntry() {
        Set<String> catalogued = OpCatalogue.all().stream().map(OpSpec::name).collect(Collectors.toSet());
        Set<String> problems = new TreeSet<>();
        for (ElementwiseOp op : Ops.all()) {
            try {
                RecordEntries.scalarMethod(op);
                RecordEntries.tensorMethod(op);
            } catch (IllegalStateException e) {
                problems.add(e.getMessage());
            }
            if (!catalogued.contains(op.method())) {
                problems.add(op + " has no catalogue entry");
            }
        }
        assertEquals(Set.of(), problems);
    }

    @Test
    void everyElementwiseScalarOperationHasARecord() {
        Set<String> recorded = Ops.all().stream().map(ElementwiseOp::method).collect(Collectors.toSet());
        // Compositions of records, the bridge to the tensor graph, and Kotlin's operator names
        // (plus, minus, times, unaryMinus: aliases of add, sub, mul, neg).
        Set<String> composed = Set.of("sub", "rsub", "div", "rdiv", "max", "min", "toTensor", "detach", "gradScalar",
                "of", "constant", "apply", "plus", "minus", "times", "unaryMinus");
        Set<String> missing = new TreeSet<>();
        for (var method : Scalar.class.getDeclaredMethods()) {
            if (java.lang.reflect.Modifier.isPublic(method.getModifiers()) && method.getReturnType() == Scalar.class
                    && !recorded.contains(method.getName()) && !composed.contains(method.getName())) {
                missing.add(method.getName());
            }
        }
        assertEquals(Set.of(), missing, "public Scalar operations without an op record");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.chainrule.autodiff.ops.Ops#all")
    void scalarAndTensorDispatchToTheRecord(ElementwiseOp op) {
        double[] point = op.arity() == 1 ? new double[] {0.7} : new double[] {0.7, 1.3};
        double expected = op.arity() == 1 ? op.apply(point[0]) : op.apply(point[0], point[1]);
        Result scalar = scalar(op, point, 1);
        Result tensor = tensor(op, point, 1);
        assertEquals(expected, scalar.value, 0, op + " Scalar value");
        assertEquals(expected, tensor.value, 0, op + " Tensor value");
        assertArrayEquals(scalar.gradient, tensor.gradient, 0, op + " gradients");
        Result applied = tensorApplied(op, point);
        assertArrayEquals(tensor.gradient, applied.gradient, 0, op + " Tensor.apply gradients");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.chainrule.autodiff.ops.Ops#all")
    void scalarAndTensorAgreeAtEverySingularPoint(ElementwiseOp op) {
        for (double[] point : op.samples().singularPoints()) {
            for (double upstream : new double[] {1, 0}) {
                Result scalar = scalar(op, point, upstream);
                Result tensor = tensor(op, point, upstream);
                String at = op + " at " + Arrays.toString(point) + " with upstream gradient " + upstream;
                assertEquals(Double.doubleToLongBits(scalar.value), Double.doubleToLongBits(tensor.value),
                        at + ": values " + scalar.value + " and " + tensor.value);
                for (int k = 0; k < point.length; k++) {
                    assertEquals(scalar.gradient[k], tensor.gradient[k], 0,
                            at + ": gradient " + k + " " + Arrays.toString(scalar.gradient) + " and "
                                    + Arrays.toString(tensor.gradient));
                    if (upstream == 0) {
                        assertEquals(0.0, tensor.gradient[k], 0, at + ": a zero gradient must stay zero");
                    }
                }
            }
        }
    }

    @Test
    void reluOfNaNPassesTheGradientAsPyTorch() {
        Scalar s = Scalar.of(Double.NaN);
        s.relu().backward();
        assertEquals(1.0, s.grad());
        Tensor t = Tensor.vector(Double.NaN, 0, 2, -1).requiresGrad();
        t.relu().sum().backward();
        assertArrayEquals(new double[] {1, 0, 1, 0}, t.grad().toArray());
    }

    @Test
    void signOfNaNIsNaNAndNoGradientPasses() {
        Tensor t = Tensor.vector(Double.NaN, -2, 0, 3).requiresGrad();
        Tensor s = t.sign();
        assertTrue(Double.isNaN(s.toArray()[0]), "sign(NaN) stays NaN (PyTorch 1.13 gives 0)");
        assertArrayEquals(new double[] {-1, 0, 1}, Arrays.copyOfRange(s.toArray(), 1, 4));
        s.sum().backward();
        assertArrayEquals(new double[] {0, 0, 0, 0}, t.grad().toArray());
        Scalar x = Scalar.of(Double.NaN);
        assertTrue(Double.isNaN(x.sign().value()));
    }

    @Test
    void maximumAndMinimumWithANaNOperandPassTheWholeGradientToBothAsPyTorch() {
        for (ElementwiseOp op : new ElementwiseOp[] {PiecewiseOps.MAXIMUM, PiecewiseOps.MINIMUM}) {
            Tensor a = Tensor.vector(Double.NaN, 1, 1, 2).requiresGrad();
            Tensor b = Tensor.vector(1, Double.NaN, 1, 3).requiresGrad();
            Tensor.apply(op, a, b).sum().backward();
            boolean max = op == PiecewiseOps.MAXIMUM;
            assertArrayEquals(new double[] {1, 1, 0.5, max ? 0 : 1}, a.grad().toArray(), op.name());
            assertArrayEquals(new double[] {1, 1, 0.5, max ? 1 : 0}, b.grad().toArray(), op.name());
        }
    }

    @Test
    void absAndLeakyReluAtNaNFollowPyTorch() {
        Tensor x = Tensor.vector(Double.NaN, 0).requiresGrad();
        x.abs().sum().backward();
        assertArrayEquals(new double[] {0, 0}, x.grad().toArray());
        Tensor y = Tensor.vector(Double.NaN, 0).requiresGrad();
        Tensor.apply(ActivationOps.leakyRelu(0.1), y).sum().backward();
        assertArrayEquals(new double[] {0.1, 0.1}, y.grad().toArray());
    }

    @Test
    void theAddingAnOperationPageShowsTheAtanRecordAsItIs() throws Exception {
        String page = Files.readString(Path.of("..", "docs", "adding-an-operation.md"));
        String source = Files.readString(Path.of("src", "main", "java", "io", "github", "chainrule", "autodiff", "ops",
                "TrigonometricOps.java"));
        int start = page.indexOf("```java\n") + "```java\n".length();
        String snippet = page.substring(start, page.indexOf("```", start)).stripIndent().strip();
        for (String line : snippet.split("\n")) {
            assertTrue(source.contains(line.strip()), "not in TrigonometricOps.java: " + line);
        }
    }

    private record Result(double value, double[] gradient) {
    }

    private static Result scalar(ElementwiseOp op, double[] point, double upstream) {
        Function<Scalar[], Scalar> method = RecordEntries.scalarMethod(op);
        Scalar[] leaves = new Scalar[point.length];
        for (int k = 0; k < point.length; k++) {
            leaves[k] = Scalar.of(point[k]);
        }
        Scalar out = method.apply(leaves);
        out.mul(Scalar.constant(upstream)).backward();
        double[] gradient = new double[point.length];
        for (int k = 0; k < point.length; k++) {
            gradient[k] = leaves[k].grad();
        }
        return new Result(out.value(), gradient);
    }

    private static Result tensor(ElementwiseOp op, double[] point, double upstream) {
        return tensorVia(RecordEntries.tensorMethod(op), point, upstream);
    }

    private static Result tensorApplied(ElementwiseOp op, double[] point) {
        return tensorVia(in -> Tensor.apply(op, in), point, 1);
    }

    private static Result tensorVia(Function<Tensor[], Tensor> f, double[] point, double upstream) {
        Tensor[] leaves = new Tensor[point.length];
        for (int k = 0; k < point.length; k++) {
            leaves[k] = Tensor.scalar(point[k]).requiresGrad();
        }
        Tensor out = f.apply(leaves);
        out.mul(Tensor.scalar(upstream)).backward();
        double[] gradient = new double[point.length];
        for (int k = 0; k < point.length; k++) {
            gradient[k] = leaves[k].grad() == null ? 0 : leaves[k].grad().item();
        }
        return new Result(out.item(), gradient);
    }
}
