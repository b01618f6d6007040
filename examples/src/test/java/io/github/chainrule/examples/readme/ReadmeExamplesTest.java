package io.github.chainrule.examples.readme;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.chainrule.autodiff.Autodiff;
import io.github.chainrule.autodiff.CustomOp;
import io.github.chainrule.autodiff.Scalar;
import io.github.chainrule.autodiff.Tensor;
import io.github.chainrule.autodiff.check.GradCheck;
import io.github.chainrule.nn.data.Dataset;
import io.github.chainrule.nn.io.Checkpoints;
import io.github.chainrule.nn.layers.Activation;
import io.github.chainrule.nn.layers.MLP;
import io.github.chainrule.nn.layers.Trace;
import io.github.chainrule.nn.loss.CrossEntropy;
import io.github.chainrule.nn.loss.QuadraticCost;
import io.github.chainrule.nn.optim.Adam;
import io.github.chainrule.nn.optim.SGD;
import io.github.chainrule.nn.train.Accuracy;
import io.github.chainrule.nn.train.Trainer;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.apache.commons.math3.random.Well19937c;

/** The README's code snippets, run as written, with their outcomes asserted. */
class ReadmeExamplesTest {
    @TempDir
    Path dir;

    @Test
    void introductionSnippetRuns() {
        Scalar a = Scalar.of(2.0);
        Scalar b = Scalar.of(-3.0);
        Scalar c = a.mul(b).add(a.tanh()).pow(2);
        c.backward();
        double t = Math.tanh(2.0);
        double outer = 2 * (-6 + t);
        assertEquals(outer * (-3 + 1 - t * t), a.grad(), 1e-12);
        assertEquals(outer * 2, b.grad(), 1e-12);

        Tensor x = Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3);
        Tensor w = Tensor.randn(new Well19937c(42), 3, 4).requiresGrad();
        Tensor loss = x.matmul(w).relu().sum();
        loss.backward();
        assertArrayEquals(new int[] {3, 4}, w.grad().shape());

        Tensor h = Autodiff.hessian(v -> v.logSumExp(0, false), Tensor.vector(1, 2, 3));
        assertArrayEquals(new int[] {3, 3}, h.shape());
        GradCheck.assertCorrect(in -> in[0].sin().mul(in[1]).sum(), x, x);
    }

    @Test
    void customOpSnippetRuns() {
        Tensor x = Tensor.vector(1e-3, 0.5, 2.0);
        CustomOp log1p = CustomOp.named("log1p")
                .forward(in -> Tensor.of(Arrays.stream(in[0].toArray()).map(Math::log1p).toArray(), in[0].shape()))
                .vjp((g, out, in) -> new Tensor[] {g.div(in[0].add(1))});
        Tensor y = log1p.apply(x);
        GradCheck.assertCorrectToSecondOrder(in -> log1p.apply(in[0]).sum(), x);
        assertEquals(Math.log1p(0.5), y.get(1), 0);
    }

    @Test
    void mlpSnippetRuns() throws Exception {
        Tensor x = Tensor.of(new double[][] {{0.05, 0.10}, {0.3, -0.2}});
        Tensor y = Tensor.of(new double[][] {{0.01, 0.99}, {0.5, 0.5}});
        MLP model = MLP.of(2, 4, 3, 2).activation(Activation.SIGMOID).build(42);
        Trace trace = model.forwardWithTrace(x);
        Tensor cost = new QuadraticCost().compute(trace.output(), y);
        cost.backward();
        Tensor delta2 = trace.delta(2);
        assertArrayEquals(new int[] {2, 3}, delta2.shape());
        new SGD(model, 0.5).step();

        double[][] features = new double[40][];
        int[] labels = new int[40];
        for (int i = 0; i < 40; i++) {
            features[i] = new double[] {i % 2 == 0 ? 1 : -1, (i % 5) / 5.0};
            labels[i] = i % 2;
        }
        Dataset train = Dataset.of(features, labels);
        Dataset test = Dataset.of(features, labels);
        Trainer.builder(model, new CrossEntropy(), new Adam(model, 1e-2))
                .epochs(30).batchSize(8).seed(1).metric(Accuracy.ofClasses()).validation(test)
                .build().fit(train);
        Path file = dir.resolve("model.safetensors");
        Checkpoints.save(model, file);
        assertTrue(file.toFile().length() > 0);
    }
}
