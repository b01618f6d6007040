package io.github.chainrule.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.chainrule.autodiff.Tensor;
import io.github.chainrule.nn.layers.LayerNorm;
import io.github.chainrule.nn.loss.BinaryCrossEntropyWithLogits;
import io.github.chainrule.nn.loss.CrossEntropy;
import io.github.chainrule.nn.loss.Huber;
import io.github.chainrule.nn.loss.MeanSquaredError;
import io.github.chainrule.nn.loss.Reduction;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Losses (every reduction; CrossEntropy with class weights, label smoothing, an ignored index
 * and probability targets) and LayerNorm against PyTorch's values and gradients, written by
 * {@code src/test/resources/reference/make_reference.py}.
 */
class PyTorchReferenceTest {
    private static final double TOLERANCE = 1e-12;

    /** One case of the fixture: its tensors and scalars by key. */
    record Case(String name, String kind, Map<String, Tensor> tensors, Map<String, String> scalars) {
        Tensor tensor(String key) {
            return tensors.get(key);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() throws IOException {
        List<Case> out = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                PyTorchReferenceTest.class.getResourceAsStream("/reference/reference.txt"), StandardCharsets.UTF_8))) {
            String name = null;
            String kind = null;
            Map<String, Tensor> tensors = new HashMap<>();
            Map<String, String> scalars = new HashMap<>();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                String[] words = line.trim().split(" ");
                switch (words[0]) {
                    case "case" -> {
                        name = words[1];
                        tensors = new HashMap<>();
                        scalars = new HashMap<>();
                    }
                    case "kind" -> kind = words[1];
                    case "end" -> out.add(new Case(name, kind, tensors, scalars));
                    default -> {
                        if (line.contains(" : ") || line.endsWith(" :")) {
                            tensors.put(words[0], parseTensor(words));
                        } else {
                            scalars.put(words[0], words[1]);
                        }
                    }
                }
            }
        }
        assertTrue(out.size() >= 29, "expected the fixture's cases, read " + out.size());
        return out.stream();
    }

    private static Tensor parseTensor(String[] words) {
        int colon = List.of(words).indexOf(":");
        int[] shape = new int[colon - 1];
        for (int i = 1; i < colon; i++) {
            shape[i - 1] = Integer.parseInt(words[i]);
        }
        double[] values = new double[words.length - colon - 1];
        for (int i = 0; i < values.length; i++) {
            values[i] = Double.parseDouble(words[colon + 1 + i]);
        }
        return Tensor.of(values, shape);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void valueAndGradientMatchPyTorch(Case c) {
        Tensor x = Tensor.of(c.tensor("input").toArray(), c.tensor("input").shape()).requiresGrad();
        Tensor output = compute(c, x);
        Tensor expected = c.tensor("output");
        assertArrayEquals(expected.shape(), output.shape(), c.name() + ": shape");
        assertArrayEquals(expected.toArray(), output.toArray(), TOLERANCE * scale(expected), c.name() + ": value");
        output.sum().backward();
        Tensor grad = c.tensor("grad");
        assertArrayEquals(grad.toArray(), x.grad().toArray(), TOLERANCE * scale(grad), c.name() + ": gradient");
    }

    private static double scale(Tensor t) {
        double m = 1;
        for (double v : t.toArray()) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }

    private static Tensor compute(Case c, Tensor x) {
        Reduction reduction = c.scalars().containsKey("reduction")
                ? Reduction.valueOf(c.scalars().get("reduction").toUpperCase(Locale.ROOT)) : Reduction.MEAN;
        return switch (c.kind()) {
            case "cross_entropy" -> crossEntropy(c, reduction, x);
            case "mse" -> new MeanSquaredError(reduction).compute(x, c.tensor("target"));
            case "bce_logits" -> new BinaryCrossEntropyWithLogits(reduction).compute(x, c.tensor("target"));
            case "huber" -> new Huber(Double.parseDouble(c.scalars().get("delta")), reduction).compute(x, c.tensor("target"));
            case "layer_norm" -> layerNorm(c, x).mul(c.tensor("r"));
            default -> throw new AssertionError("unknown kind " + c.kind());
        };
    }

    private static Tensor crossEntropy(Case c, Reduction reduction, Tensor x) {
        CrossEntropy loss = new CrossEntropy(reduction);
        if (c.tensors().containsKey("weight")) {
            loss = loss.weights(c.tensor("weight").toArray());
        }
        if (c.scalars().containsKey("smoothing")) {
            loss = loss.labelSmoothing(Double.parseDouble(c.scalars().get("smoothing")));
        }
        if (c.scalars().containsKey("ignore")) {
            loss = loss.ignoreIndex(Integer.parseInt(c.scalars().get("ignore")));
        }
        if (c.tensors().containsKey("target")) {
            return loss.compute(x, c.tensor("target"));
        }
        double[] labels = c.tensor("labels").toArray();
        int[] asInts = new int[labels.length];
        for (int i = 0; i < labels.length; i++) {
            asInts[i] = (int) labels[i];
        }
        // Both ways in: an int[] and a tensor of whole numbers give the same loss.
        Tensor viaTensor = loss.compute(x.detach(), c.tensor("labels"));
        Tensor viaInts = loss.compute(x, asInts);
        assertArrayEquals(viaInts.toArray(), viaTensor.toArray(), 0, c.name() + ": int[] and tensor labels");
        return viaInts;
    }

    private static Tensor layerNorm(Case c, Tensor x) {
        double eps = Double.parseDouble(c.scalars().get("eps"));
        boolean affine = c.tensors().containsKey("gamma");
        LayerNorm norm = new LayerNorm(x.dim(x.rank() - 1), eps, affine);
        if (affine) {
            norm.weight().assign(c.tensor("gamma"));
            norm.bias().assign(c.tensor("beta"));
        }
        assertEquals(affine ? 2 : 0, norm.parameters().size());
        return norm.forward(x);
    }
}
