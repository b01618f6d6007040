package io.github.chainrule.autodiff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.chainrule.autodiff.catalogue.RecordEntries;
import io.github.chainrule.autodiff.ops.Ops;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Outputs and gradients against PyTorch (float64). The fixture {@code fixtures/torch_reference.json}
 * is made by {@code fixtures/make_torch_fixture.py} (which documents the expression language);
 * each case's expression is interpreted here with chainrule's Tensor API, and the output and
 * the gradient with respect to every input must agree to |a − b| ≤ 1e-10·max(1, |b|).
 * A case marked {@code "knownIssue"} is skipped until the issue is fixed.
 */
class TorchReferenceTest {
    private static final String FIXTURE = "/fixtures/torch_reference.json";
    private static final double TOLERANCE = 1e-10;

    @SuppressWarnings("unchecked")
    static Stream<Arguments> cases() throws IOException {
        String text;
        try (InputStream in = TorchReferenceTest.class.getResourceAsStream(FIXTURE)) {
            assertNotNull(in, "missing test resource " + FIXTURE);
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Map<String, Object> root = (Map<String, Object>) MiniJson.parse(text);
        List<Object> cases = (List<Object>) root.get("cases");
        return cases.stream().map(c -> Arguments.of(((Map<String, Object>) c).get("name"), c));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    @SuppressWarnings("unchecked")
    void matchesTorch(String name, Map<String, Object> c) {
        Object issue = c.get("knownIssue");
        assumeTrue(issue == null, () -> name + ": known issue: " + issue);

        List<Object> inputs = (List<Object>) c.get("inputs");
        Tensor[] xs = new Tensor[inputs.size()];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = tensor((Map<String, Object>) inputs.get(i)).requiresGrad();
        }
        Tensor out = eval((Map<String, Object>) c.get("expr"), xs);

        List<String> mismatches = new ArrayList<>();
        compare("output", out, (Map<String, Object>) c.get("output"), mismatches);
        out.backward();
        List<Object> grads = (List<Object>) c.get("grads");
        assertEquals(xs.length, grads.size(), name + ": one gradient per input");
        for (int i = 0; i < xs.length; i++) {
            Tensor g = xs[i].grad();
            if (g == null) {
                g = Tensor.zeros(xs[i].shape());
            }
            compare("grad x" + i, g, (Map<String, Object>) grads.get(i), mismatches);
        }
        if (!mismatches.isEmpty()) {
            fail(name + " [" + c.get("text") + "] disagrees with torch:\n  " + String.join("\n  ", mismatches));
        }
    }

    /**
     * An op applied through the public method of the op record it names (every elementwise op
     * without parameters: the fixture's cases run from the records).
     */
    private static Tensor record(String op, Tensor[] args) {
        return Ops.all().stream().filter(r -> r.method().equals(op) && r.params().length == 0
                        && r.arity() == args.length).findFirst()
                .map(r -> RecordEntries.tensorMethod(r).apply(args))
                .orElseThrow(() -> new IllegalArgumentException("fixture uses unknown op " + op));
    }

    // ---- comparison -----------------------------------------------------------------------

    private static void compare(String what, Tensor actual, Map<String, Object> expected, List<String> mismatches) {
        int[] shape = ints(expected.get("shape"));
        if (!Arrays.equals(actual.shape(), shape)) {
            mismatches.add(what + ": shape " + Arrays.toString(actual.shape()) + ", torch " + Arrays.toString(shape));
            return;
        }
        double[] want = doubles(expected.get("data"));
        double[] got = actual.toArray();
        int worst = -1;
        double worstRatio = 0;
        int bad = 0;
        for (int k = 0; k < want.length; k++) {
            double allowed = TOLERANCE * Math.max(1.0, Math.abs(want[k]));
            double err = Math.abs(got[k] - want[k]);
            if (!(err <= allowed)) {
                bad++;
                double ratio = Double.isNaN(err) ? Double.POSITIVE_INFINITY : err / allowed;
                if (worst < 0 || ratio > worstRatio) {
                    worst = k;
                    worstRatio = ratio;
                }
            }
        }
        if (bad > 0) {
            mismatches.add(what + ": " + bad + " of " + want.length + " elements differ; worst at flat index " + worst
                    + ": chainrule " + got[worst] + ", torch " + want[worst]
                    + "\n    chainrule " + Arrays.toString(got) + "\n    torch     " + Arrays.toString(want));
        }
    }

    // ---- interpreter ----------------------------------------------------------------------

    @SuppressWarnings("unchecked")
    private static Tensor eval(Map<String, Object> node, Tensor[] xs) {
        if (node.containsKey("input")) {
            return xs[((Double) node.get("input")).intValue()];
        }
        String op = (String) node.get("op");
        List<Object> argNodes = (List<Object>) node.get("args");
        Tensor[] a = new Tensor[argNodes.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = eval((Map<String, Object>) argNodes.get(i), xs);
        }
        Map<String, Object> p = (Map<String, Object>) node.getOrDefault("params", Map.of());
        return switch (op) {
            case "flatten" -> a[0].flatten();
            case "leakyRelu" -> a[0].leakyRelu(num(p, "slope"));
            case "powc" -> a[0].pow(num(p, "p"));
            case "clamp" -> a[0].clamp(num(p, "lo"), num(p, "hi"));
            case "addc" -> a[0].add(num(p, "c"));
            case "subc" -> a[0].sub(num(p, "c"));
            case "rsubc" -> a[0].rsub(num(p, "c"));
            case "mulc" -> a[0].mul(num(p, "c"));
            case "divc" -> a[0].div(num(p, "c"));
            case "matmul" -> a[0].matmul(a[1]);
            case "matmulTransposed" -> a[0].matmulTransposed(a[1]);
            case "linear" -> a[0].linear(a[1], a[2]);
            case "gt" -> a[0].gt(a[1]);
            case "gtc" -> a[0].gt(num(p, "c"));
            case "where" -> Tensor.where(a[0], a[1], a[2]);
            case "reshape" -> a[0].reshape(ints(p.get("shape")));
            case "permute" -> a[0].permute(ints(p.get("axes")));
            case "transpose" -> p.containsKey("axis1")
                    ? a[0].transpose(integer(p, "axis1"), integer(p, "axis2"))
                    : a[0].transpose();
            case "unsqueeze" -> a[0].unsqueeze(integer(p, "axis"));
            case "squeeze" -> a[0].squeeze(integer(p, "axis"));
            case "broadcastTo" -> a[0].broadcastTo(ints(p.get("shape")));
            case "slice" -> a[0].slice(integer(p, "axis"), integer(p, "start"), integer(p, "end"));
            case "select" -> a[0].select(integer(p, "axis"), integer(p, "index"));
            case "pad" -> a[0].pad(integer(p, "axis"), integer(p, "before"), integer(p, "after"));
            case "indexSelect" -> a[0].indexSelect(integer(p, "axis"), ints(p.get("indices")));
            case "gather" -> a[0].gather(integer(p, "axis"), ints(p.get("indices")));
            case "concat" -> Tensor.concat(integer(p, "axis"), a);
            case "stack" -> Tensor.stack(integer(p, "axis"), a);
            case "sum" -> p.containsKey("axis") ? a[0].sum(integer(p, "axis"), bool(p, "keepDim")) : a[0].sum();
            case "mean" -> p.containsKey("axis") ? a[0].mean(integer(p, "axis"), bool(p, "keepDim")) : a[0].mean();
            case "max" -> p.containsKey("axis") ? a[0].max(integer(p, "axis"), bool(p, "keepDim")) : a[0].max();
            case "min" -> p.containsKey("axis") ? a[0].min(integer(p, "axis"), bool(p, "keepDim")) : a[0].min();
            case "softmax" -> a[0].softmax(integer(p, "axis"));
            case "logSoftmax" -> a[0].logSoftmax(integer(p, "axis"));
            case "logSumExp" -> a[0].logSumExp(integer(p, "axis"), bool(p, "keepDim"));
            case "clone" -> a[0].clone();
            case "rdivc" -> a[0].rdiv(num(p, "c"));
            case "lec" -> a[0].le(num(p, "c"));
            case "gec" -> a[0].ge(num(p, "c"));
            case "eqc" -> a[0].eq(num(p, "c"));
            case "maskedFill" -> a[0].maskedFill(a[1], num(p, "value"));
            case "whereConst" -> Tensor.where(a[0], a[1], num(p, "b"));
            case "var" -> p.containsKey("axis")
                    ? a[0].var(integer(p, "axis"), integer(p, "correction"), bool(p, "keepDim")) : a[0].var();
            case "std" -> p.containsKey("axis")
                    ? a[0].std(integer(p, "axis"), integer(p, "correction"), bool(p, "keepDim")) : a[0].std();
            case "norm" -> norm(a[0], p);
            case "prod" -> p.containsKey("axis") ? a[0].prod(integer(p, "axis"), bool(p, "keepDim")) : a[0].prod();
            case "cumsum" -> a[0].cumsum(integer(p, "axis"));
            case "sortValues" -> a[0].sort(integer(p, "axis"), bool(p, "descending")).values();
            case "sortIndices" -> indices(a[0].sort(integer(p, "axis"), bool(p, "descending")));
            case "topkValues" -> a[0].topk(integer(p, "k"), integer(p, "axis"), bool(p, "largest")).values();
            case "topkIndices" -> indices(a[0].topk(integer(p, "k"), integer(p, "axis"), bool(p, "largest")));
            case "flip" -> a[0].flip(ints(p.get("axes")));
            case "tile" -> a[0].tile(ints(p.get("reps")));
            case "repeat" -> a[0].repeat(ints(p.get("reps")));
            case "tril" -> a[0].tril(integer(p, "k"));
            case "triu" -> a[0].triu(integer(p, "k"));
            case "splitJoin" -> joined(a[0].split(integer(p, "size"), integer(p, "axis")), integer(p, "axis"));
            case "chunkJoin" -> joined(a[0].chunk(integer(p, "chunks"), integer(p, "axis")), integer(p, "axis"));
            case "takeAlongAxis" -> a[0].takeAlongAxis(integer(p, "axis"), ints(p.get("indices")),
                    ints(p.get("indexShape")));
            case "scatterAdd" -> a[0].scatterAdd(integer(p, "axis"), ints(p.get("indices")), ints(p.get("shape")));
            case "einsum" -> Tensor.einsum((String) p.get("subscripts"), a);
            default -> record(op, a);
        };
    }

    private static Tensor norm(Tensor x, Map<String, Object> p) {
        double order = "inf".equals(p.get("p")) ? Double.POSITIVE_INFINITY : num(p, "p");
        if (p.containsKey("axes")) {
            return x.norm(order, ints(p.get("axes")), bool(p, "keepDim"));
        }
        return p.containsKey("axis") ? x.norm(order, integer(p, "axis"), bool(p, "keepDim")) : x.norm(order);
    }

    /** The indices of a sort or topk as a constant tensor of the values' shape. */
    private static Tensor indices(ValuesAndIndices chosen) {
        return Tensor.of(Arrays.stream(chosen.indices()).asDoubleStream().toArray(), chosen.values().shape());
    }

    /** The pieces joined again along {@code axis}, piece p scaled by p + 1. */
    private static Tensor joined(Tensor[] pieces, int axis) {
        Tensor[] scaled = new Tensor[pieces.length];
        for (int k = 0; k < pieces.length; k++) {
            scaled[k] = pieces[k].mul(k + 1);
        }
        return Tensor.concat(axis, scaled);
    }

    // ---- JSON helpers ---------------------------------------------------------------------

    @SuppressWarnings("unchecked")
    private static Tensor tensor(Map<String, Object> spec) {
        return Tensor.of(doubles(spec.get("data")), ints(spec.get("shape")));
    }

    private static double num(Map<String, Object> params, String key) {
        Object v = params.get(key);
        if (v == null) {
            throw new IllegalArgumentException("missing parameter " + key);
        }
        return (Double) v;
    }

    private static int integer(Map<String, Object> params, String key) {
        double v = num(params, key);
        if (v != Math.rint(v)) {
            throw new IllegalArgumentException("parameter " + key + " is not an integer: " + v);
        }
        return (int) v;
    }

    private static boolean bool(Map<String, Object> params, String key) {
        return (Boolean) params.get(key);
    }

    @SuppressWarnings("unchecked")
    private static int[] ints(Object list) {
        return ((List<Object>) list).stream().mapToInt(v -> ((Double) v).intValue()).toArray();
    }

    @SuppressWarnings("unchecked")
    private static double[] doubles(Object list) {
        return ((List<Object>) list).stream().mapToDouble(v -> (Double) v).toArray();
    }
}
