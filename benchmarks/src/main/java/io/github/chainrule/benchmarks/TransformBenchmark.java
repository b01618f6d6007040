package io.github.chainrule.benchmarks;

import io.github.chainrule.autodiff.Autodiff;
import io.github.chainrule.autodiff.Tensor;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
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

/**
 * The functional transforms against the plain forward pass they extend:
 * <ul>
 *   <li>{@code forwardChain} and {@code jvpChain}: a 300-operation elementwise chain on
 *       200,000 doubles, evaluated plainly and with a tangent carried beside it (forward
 *       mode should cost about two to three forward passes);</li>
 *   <li>{@code hvpChain} and {@code hvpLayer}: the Hessian-vector product of a scalar loss, on
 *       a 60-operation elementwise chain of 20,000 doubles and on a tanh layer
 *       (X·W, 256×64 by 64×32), whatever {@code Autodiff.hvp} uses;</li>
 *   <li>{@code hvpChainReverseOverReverse} and {@code hvpLayerReverseOverReverse}: the same
 *       products by the baseline forward-over-reverse must not lose to, two reverse sweeps
 *       (the gradient recorded, then differentiated along v).</li>
 *   <li>{@code jvpSoftmaxAndReductions}: forward mode through log-softmax, a gather of labels,
 *       log-sum-exp and max over the rows of 256×64 logits (each with a direct tangent rule).</li>
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 6, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Dchainrule.threads=1"})
public class TransformBenchmark {
    private Tensor x;
    private Tensor tangent;
    private Tensor small;
    private Tensor smallTangent;
    private Tensor inputs;
    private Tensor weights;
    private Tensor weightTangent;
    private Tensor inputTangent;
    private int[] labels;

    private static Tensor uniform(Random rng, int... shape) {
        int size = 1;
        for (int d : shape) {
            size *= d;
        }
        double[] data = new double[size];
        for (int i = 0; i < size; i++) {
            data[i] = 2 * rng.nextDouble() - 1;
        }
        return Tensor.of(data, shape);
    }

    @Setup(Level.Trial)
    public void setUp() {
        Random rng = new Random(42);
        x = uniform(rng, 200_000);
        tangent = uniform(rng, 200_000);
        small = uniform(rng, 20_000);
        smallTangent = uniform(rng, 20_000);
        inputs = uniform(rng, 256, 64);
        weights = uniform(rng, 64, 32);
        weightTangent = uniform(rng, 64, 32);
        inputTangent = uniform(rng, 256, 64);
        labels = new int[256];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = rng.nextInt(64);
        }
    }

    /** {@code length} elementwise operations cycling through six smooth, bounded ones. */
    static Tensor chain(Tensor v, int length) {
        for (int i = 0; i < length; i++) {
            v = switch (i % 6) {
                case 0 -> v.sin();
                case 1 -> v.tanh();
                case 2 -> v.mul(1.1);
                case 3 -> v.add(0.1);
                case 4 -> v.sigmoid();
                default -> v.square();
            };
        }
        return v;
    }

    /** The plain forward pass of the 300-operation chain. */
    @Benchmark
    public Tensor forwardChain() {
        return chain(x, 300);
    }

    /** The same chain with a tangent: the Jacobian-vector product. */
    @Benchmark
    public Tensor jvpChain() {
        return Autodiff.jvp(in -> chain(in[0], 300), new Tensor[] {x}, new Tensor[] {tangent});
    }

    /** H·v of Σ chain(x) for a 60-operation chain. */
    @Benchmark
    public Tensor hvpChain() {
        return Autodiff.hvp(v -> chain(v, 60).sum(), small, smallTangent);
    }

    /** H·v of Σ tanh(X·W)² with respect to W. */
    @Benchmark
    public Tensor hvpLayer() {
        UnaryOperator<Tensor> loss = w -> inputs.matmul(w).tanh().square().sum();
        return Autodiff.hvp(loss, weights, weightTangent);
    }

    /** H·v as the gradient of ⟨∇f, v⟩: the recorded gradient differentiated by a second sweep. */
    static Tensor reverseOverReverse(UnaryOperator<Tensor> f, Tensor x, Tensor v) {
        Tensor leaf = Autodiff.freshLeaves(x)[0];
        Tensor value = Autodiff.recorded(in -> f.apply(in[0]), leaf);
        Tensor gradient = Autodiff.gradients(value, null, new Tensor[] {leaf}, true)[0];
        return Autodiff.gradients(gradient, v, new Tensor[] {leaf}, false)[0];
    }

    /** {@link #hvpChain} by two reverse sweeps. */
    @Benchmark
    public Tensor hvpChainReverseOverReverse() {
        return reverseOverReverse(v -> chain(v, 60).sum(), small, smallTangent);
    }

    /** {@link #hvpLayer} by two reverse sweeps. */
    @Benchmark
    public Tensor hvpLayerReverseOverReverse() {
        UnaryOperator<Tensor> loss = w -> inputs.matmul(w).tanh().square().sum();
        return reverseOverReverse(loss, weights, weightTangent);
    }

    /** The cross-entropy of 256×64 logits with its log-sum-exp and row maxima, along a tangent. */
    static Tensor softmaxAndReductions(Tensor logits, int[] labels) {
        return logits.logSoftmax(1).gather(1, labels).sum().neg()
                .add(logits.logSumExp(1).sum()).add(logits.max(1).sum());
    }

    /** {@link #softmaxAndReductions} by forward mode. */
    @Benchmark
    public Tensor jvpSoftmaxAndReductions() {
        return Autodiff.jvp(in -> softmaxAndReductions(in[0], labels), new Tensor[] {inputs},
                new Tensor[] {inputTangent});
    }
}
