package io.github.chainrule.benchmarks;

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

/**
 * One SGD training step (forward, cross-entropy, backward, update) of the MLP 784-256-128-10
 * with ReLU at batch 128 in float64: through the graph ({@link GraphMlp}) and as the
 * hand-written delta rule on the same kernels ({@link DeltaRuleMlp}), in the same run so that
 * their ratio is the graph's overhead. Average time per step in milliseconds; run with
 * {@code -prof gc} for the bytes allocated per step ({@code gc.alloc.rate.norm}).
 *
 * <p>Training continues across invocations (as a real loop would); the loss stays finite at
 * this learning rate over many thousands of steps, and the cost of a step does not depend on
 * the weights' values.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public abstract class MlpStepBenchmark {
    private GraphMlp graph;
    private DeltaRuleMlp deltaRule;

    @Setup(Level.Trial)
    public void setUp() {
        MlpProblem problem = new MlpProblem(42);
        graph = new GraphMlp(problem);
        deltaRule = new DeltaRuleMlp(problem);
        // Both must compute the same step, or the comparison is meaningless.
        double g = graph.step();
        double d = deltaRule.step();
        if (Math.abs(g - d) > 1e-9 * Math.max(1, Math.abs(d))) {
            throw new IllegalStateException("graph and delta-rule losses differ: " + g + " vs " + d);
        }
        double[] wg = graph.weight(0).toArray();
        double[] wd = deltaRule.weights(0);
        for (int i = 0; i < wd.length; i++) {
            if (Math.abs(wg[i] - wd[i]) > 1e-9) {
                throw new IllegalStateException("graph and delta-rule updates differ at weight " + i);
            }
        }
    }

    /** The step through the tensor graph. */
    @Benchmark
    public double graphStep() {
        return graph.step();
    }

    /** The same step by hand on the same kernels, allocation-free: the no-overhead baseline. */
    @Benchmark
    public double deltaRuleStep() {
        return deltaRule.step();
    }

    /** One kernel thread. */
    @Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Dchainrule.threads=1"})
    public static class OneThread extends MlpStepBenchmark {
    }

    /** Two kernel threads. */
    @Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Dchainrule.threads=2"})
    public static class TwoThreads extends MlpStepBenchmark {
    }
}
