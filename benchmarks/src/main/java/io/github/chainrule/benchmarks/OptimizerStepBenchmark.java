package io.github.chainrule.benchmarks;

import io.github.chainrule.autodiff.Tensor;
import io.github.chainrule.nn.Parameter;
import io.github.chainrule.nn.layers.MLP;
import io.github.chainrule.nn.optim.Adam;
import io.github.chainrule.nn.optim.Optimizer;
import io.github.chainrule.nn.optim.SGD;
import java.util.concurrent.TimeUnit;
import org.apache.commons.math3.random.Well19937c;
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
 * {@code nn}'s optimiser step alone on the parameters of the MLP 784-256-128-10 (235,146
 * values) with fixed gradients: plain SGD (what {@link MlpStepBenchmark}'s {@code nnStep}
 * runs), SGD with momentum, and Adam. The learning rate is tiny so that the values stay put
 * over millions of steps; every step still validates, writes and commits all parameters.
 * Average time per step in microseconds.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public abstract class OptimizerStepBenchmark {
    private Optimizer sgd;
    private Optimizer momentum;
    private Optimizer adam;

    @Setup(Level.Trial)
    public void setUp() {
        MLP model = MLP.of(MlpProblem.SIZES).build(1L);
        long seed = 3;
        for (Parameter p : model.parameters()) {
            p.setGrad(Tensor.randn(new Well19937c(seed++), p.shape()));
        }
        sgd = new SGD(model, 1e-12);
        momentum = new SGD(model, 1e-12).momentum(0.9);
        adam = new Adam(model, 1e-12);
    }

    /** Plain SGD. */
    @Benchmark
    public Optimizer sgdStep() {
        sgd.step();
        return sgd;
    }

    /** SGD with momentum 0.9. */
    @Benchmark
    public Optimizer momentumStep() {
        momentum.step();
        return momentum;
    }

    /** Adam with the default betas. */
    @Benchmark
    public Optimizer adamStep() {
        adam.step();
        return adam;
    }

    /** One thread. */
    @Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Dchainrule.threads=1"})
    public static class OneThread extends OptimizerStepBenchmark {
    }

    /** Two threads. */
    @Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Dchainrule.threads=2"})
    public static class TwoThreads extends OptimizerStepBenchmark {
    }
}
