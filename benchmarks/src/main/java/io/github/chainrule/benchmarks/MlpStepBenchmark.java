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
 * with ReLU at batch 128 in float64: through the graph with a minimal update
 * ({@link GraphMlp}), through {@code nn} as a user writes it ({@link NnMlp}), and as the
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
    private NnMlp nn;
    private DeltaRuleMlp deltaRule;

    @Setup(Level.Trial)
    public void setUp() {
        MlpProblem problem = new MlpProblem(42);
        graph = new GraphMlp(problem);
        nn = new NnMlp(problem);
        deltaRule = new DeltaRuleMlp(problem);
        // All three must compute the same step, or the comparison is meaningless.
        double d = deltaRule.step();
        check("graph", graph.step(), d, graph.weight(0).toArray(), deltaRule.weights(0));
        check("nn", nn.step(), d, nn.weights(0), deltaRule.weights(0));
    }

    private static void check(String what, double loss, double expected, double[] w, double[] wExpected) {
        if (Math.abs(loss - expected) > 1e-9 * Math.max(1, Math.abs(expected))) {
            throw new IllegalStateException(what + " and delta-rule losses differ: " + loss + " vs " + expected);
        }
        for (int i = 0; i < wExpected.length; i++) {
            if (Math.abs(w[i] - wExpected[i]) > 1e-9) {
                throw new IllegalStateException(what + " and delta-rule updates differ at weight " + i);
            }
        }
    }

    /** The step through the tensor graph. */
    @Benchmark
    public double graphStep() {
        return graph.step();
    }

    /** The step with nn's MLP, CrossEntropy and SGD, as a user writes it. */
    @Benchmark
    public double nnStep() {
        return nn.step();
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
