package io.github.chainrule.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * micrograd's demo step on the scalar graph ({@link MicrogradDemo}), scored in <b>nanoseconds
 * per operation node</b> for forward plus backward plus update: each invocation counts as
 * {@link #NODES} operations, the number of operation nodes in one step's graph (checked at
 * set-up, since JMH needs the count as a constant).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 8, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class MicrogradBenchmark {
    /**
     * Per point: layer 1, 16·(2 mul + 2 add + relu) = 80; layer 2, 16·(16 mul + 16 add + relu)
     * = 528; output, 16 mul + 16 add = 32; margin, mul + add + relu = 3: 643 in all. Then 99
     * adds and a mul for the mean, 337 squares, 336 adds and a mul for the L2 term, and the
     * final add.
     */
    static final int NODES = 643 * MicrogradDemo.POINTS + 99 + 1 + 337 + 336 + 1 + 1;

    private MicrogradDemo demo;

    @Setup(Level.Trial)
    public void setUp() {
        demo = new MicrogradDemo(1337);
        int counted = MicrogradDemo.countOperations(demo.loss());
        if (counted != NODES) {
            throw new IllegalStateException("micrograd step has " + counted + " operation nodes, not " + NODES);
        }
    }

    /** Forward, backward and SGD update of micrograd's demo; the score is per operation node. */
    @Benchmark
    @OperationsPerInvocation(NODES)
    public double step() {
        return demo.step();
    }
}
