package io.github.chainrule.benchmarks;

import io.github.chainrule.autodiff.Tensor;
import io.github.chainrule.nn.layers.MLP;
import io.github.chainrule.nn.layers.PerSampleGradients;
import io.github.chainrule.nn.loss.CrossEntropy;
import io.github.chainrule.nn.loss.Reduction;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Per-sample gradients of the MLP 784-256-128-10 (ReLU, cross-entropy) at batch 128, float64:
 * from one forward and backward pass with {@link PerSampleGradients} against the loop a user
 * would otherwise write, one forward and backward pass per sample. Two uses: every per-sample
 * gradient materialised (128 × 235,146 values, 241 MB), and the per-sample norms alone (what
 * DP-SGD's clipping needs), which {@code PerSampleGradients} gets without forming the products.
 * Average time per batch in milliseconds.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Dchainrule.threads=1", "-Xmx3g"})
public class PerSampleGradientBenchmark {
    private final CrossEntropy perSample = new CrossEntropy(Reduction.NONE);
    private MLP model;
    private Tensor input;
    private Tensor labels;
    private Tensor[] rows;
    private Tensor[] rowLabels;

    @Setup(Level.Trial)
    public void setUp() {
        MlpProblem problem = new MlpProblem(42);
        int[] sizes = MlpProblem.SIZES;
        model = MLP.of(sizes).build(0L);
        for (int l = 0; l < MlpProblem.layers(); l++) {
            model.layer(l + 1).weight().assign(problem.weights[l]);
            model.layer(l + 1).bias().assign(problem.biases[l]);
        }
        input = Tensor.of(problem.inputs, MlpProblem.BATCH, sizes[0]);
        double[] asDoubles = new double[MlpProblem.BATCH];
        for (int i = 0; i < asDoubles.length; i++) {
            asDoubles[i] = problem.labels[i];
        }
        labels = Tensor.vector(asDoubles);
        rows = new Tensor[MlpProblem.BATCH];
        rowLabels = new Tensor[MlpProblem.BATCH];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = input.slice(0, i, i + 1).detach();
            rowLabels[i] = labels.slice(0, i, i + 1).detach();
        }
        check();
    }

    /** Every parameter's per-sample gradients from one pass: δ^l (a^(l−1))ᵀ per sample. */
    @Benchmark
    public void gradientsFromOnePass(Blackhole bh) {
        for (Tensor g : PerSampleGradients.of(model, perSample, input, labels).gradients().values()) {
            bh.consume(g);
        }
    }

    /** The same gradients by a backward pass per sample, each copied out of the parameters. */
    @Benchmark
    public void gradientsByLoop(Blackhole bh) {
        for (int i = 0; i < rows.length; i++) {
            model.zeroGrad();
            perSample.compute(model.forward(rows[i]), rowLabels[i]).sum().backward();
            for (var p : model.parameters()) {
                bh.consume(p.grad().toArray());
            }
        }
    }

    /** Per-sample gradient norms from one pass, without forming the gradients. */
    @Benchmark
    public double[] normsFromOnePass() {
        return PerSampleGradients.of(model, perSample, input, labels).norms();
    }

    /** Per-sample gradient norms by a backward pass per sample. */
    @Benchmark
    public double[] normsByLoop() {
        double[] norms = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            model.zeroGrad();
            perSample.compute(model.forward(rows[i]), rowLabels[i]).sum().backward();
            double s = 0;
            for (var p : model.parameters()) {
                for (double v : p.grad().toArray()) {
                    s += v * v;
                }
            }
            norms[i] = Math.sqrt(s);
        }
        return norms;
    }

    /** The two ways agree (checked once, outside the timing). */
    private void check() {
        double[] fast = normsFromOnePass();
        double[] slow = normsByLoop();
        for (int i = 0; i < fast.length; i++) {
            if (Math.abs(fast[i] - slow[i]) > 1e-9 * Math.max(1, slow[i])) {
                throw new IllegalStateException("per-sample norms differ at sample " + i + ": " + fast[i] + " vs " + slow[i]);
            }
        }
        Map<String, Tensor> g = PerSampleGradients.of(model, perSample, input, labels).gradients();
        if (g.get("layers.0.weight").dim(0) != MlpProblem.BATCH) {
            throw new IllegalStateException("per-sample gradients of the wrong shape");
        }
    }
}
