package io.github.chainrule.autodiff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Nested transforms against PyTorch's (functorch, torch.autograd.functional and
 * torch.autograd.forward_ad in float64), to 1e-10. The fixture {@code fixtures/transform_reference.json}
 * is made by {@code fixtures/make_transform_fixture.py}, whose functions this class mirrors.
 */
class TransformReferenceTest {
    private static final String FIXTURE = "/fixtures/transform_reference.json";
    private static final double TOLERANCE = 1e-10;
    private static final Map<String, Object> ROOT = load();

    @SuppressWarnings("unchecked")
    private static Map<String, Object> load() {
        try (InputStream in = TransformReferenceTest.class.getResourceAsStream(FIXTURE)) {
            assertNotNull(in, "missing test resource " + FIXTURE);
            return (Map<String, Object>) MiniJson.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static Stream<Arguments> cases() {
        return ((List<Object>) ROOT.get("cases")).stream().map(c -> {
            Map<String, Object> m = (Map<String, Object>) c;
            return Arguments.of(m.get("name") + " of " + m.get("function"), m);
        });
    }

    @SuppressWarnings("unchecked")
    private static double[] numbers(Object list) {
        return ((List<Object>) list).stream().mapToDouble(v -> ((Number) v).doubleValue()).toArray();
    }

    private static Tensor vector(String key) {
        return Tensor.vector(numbers(ROOT.get(key)));
    }

    private static final Tensor A = Tensor.of(numbers(ROOT.get("a")), 3, 4);
    private static final double ETA = ((Number) ROOT.get("eta")).doubleValue();

    /** Σ tanh(x)·e^(x/2) + sin(x)² + log1p(x²)·atan(x). */
    static Tensor smooth(Tensor x) {
        return x.tanh().mul(x.mul(0.5).exp()).add(x.sin().square()).add(x.mul(x).log1p().mul(x.atan())).sum();
    }

    /** Σ softplus(A·x)² + erf(x)·expm1(x/3). */
    static Tensor layer(Tensor x) {
        return A.matmul(x).softplus().square().sum().add(x.erf().mul(x.div(3.0).expm1()).sum());
    }

    /** sigmoid(A·x) ⊙ (A·x²). */
    static Tensor vectorValued(Tensor x) {
        return A.matmul(x).sigmoid().mul(A.matmul(x.mul(x)));
    }

    static Tensor innerLoss(Tensor w) {
        return w.pow(4).sum().div(4.0).add(w.cos().mul(w).sum());
    }

    static Tensor sgdOuter(Tensor w) {
        Tensor stepped = w.sub(Autodiff.grad(TransformReferenceTest::innerLoss, w).mul(ETA));
        return stepped.tanh().square().sum();
    }

    private static Tensor compute(String name, String function) {
        Tensor x = vector("x");
        Tensor t = vector("t");
        Tensor v = vector("v");
        Tensor one = Tensor.scalar(1);
        UnaryOperator<Tensor> f = "smooth".equals(function) ? TransformReferenceTest::smooth
                : TransformReferenceTest::layer;
        UnaryOperator<Tensor> g = w -> Autodiff.grad(f, w);
        return switch (name) {
            case "gradOfGrad" -> Autodiff.grad(w -> g.apply(w).sum(), x);
            case "jacobianOfGrad" -> Autodiff.jacobian(g, x);
            case "jvpOfGrad" -> Autodiff.jvp(in -> g.apply(in[0]), new Tensor[] {x}, new Tensor[] {t});
            case "thirdOrder" -> Autodiff.grad(a -> Autodiff.grad(b -> g.apply(b).sum(), a).sum(), x);
            case "jvp" -> Autodiff.jvp(in -> vectorValued(in[0]), new Tensor[] {x}, new Tensor[] {t});
            case "vjpOfJvp" -> Autodiff.vjp(in -> Autodiff.jvp(a -> vectorValued(a[0]), in, new Tensor[] {t}),
                    new Tensor[] {x}, v.slice(0, 0, 3)).cotangents()[0];
            case "jvpOfJvp" -> Autodiff.jvp(in -> Autodiff.jvp(a -> vectorValued(a[0]), in, new Tensor[] {t}),
                    new Tensor[] {x}, new Tensor[] {v});
            case "gradThroughSgdStep" -> Autodiff.grad(TransformReferenceTest::sgdOuter, x);
            case "perturbationConfusion" -> Autodiff.grad(
                    xs -> xs.mul(Autodiff.grad(y -> xs.add(y), one)), one);
            case "perturbationConfusionForward" -> Autodiff.jvp(xs -> xs[0].mul(Autodiff.jvp(
                    ys -> xs[0].add(ys[0]), new Tensor[] {one}, new Tensor[] {one})), new Tensor[] {one},
                    new Tensor[] {one});
            default -> throw new IllegalArgumentException("unknown case " + name);
        };
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    @SuppressWarnings("unchecked")
    void matchesTorch(String label, Map<String, Object> c) {
        Tensor actual = compute((String) c.get("name"), (String) c.get("function"));
        int[] shape = ((List<Object>) c.get("shape")).stream().mapToInt(d -> ((Number) d).intValue()).toArray();
        assertArrayEquals(shape, actual.shape(), label + " shape");
        double[] expected = numbers(c.get("expected"));
        double[] got = actual.toArray();
        assertEquals(expected.length, got.length, label);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], got[i], TOLERANCE * Math.max(1, Math.abs(expected[i])),
                    label + " element " + i);
        }
    }
}
