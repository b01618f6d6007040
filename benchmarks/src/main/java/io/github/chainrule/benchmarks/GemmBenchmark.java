package io.github.chainrule.benchmarks;

import io.github.chainrule.autodiff.kernel.KernelProvider;
import io.github.chainrule.autodiff.kernel.Kernels;
import java.util.Random;
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
 * The matrix products of one training step of the MLP 784-256-128-10 at batch 128, exactly as
 * the graph issues them ({@code Linear} computes {@code X Wᵀ} with {@code W} stored (out, in)).
 *
 * <p>Scores are in <b>GFLOP/s</b>: the mode is throughput in operations per nanosecond and
 * each invocation counts as its 2·m·n·k floating-point operations, so the figures compare directly with OpenBLAS's (see compare-with-pytorch.py).
 * Because JMH's operations-per-invocation must be a compile-time constant, each shape is its
 * own method.
 *
 * <p>The thread count is fixed per JVM ({@code chainrule.threads} is read once), hence the
 * two concrete subclasses. The micro-kernel is the one chosen for the CPU; a narrower one can be
 * forced with {@code -jvmArgsPrepend -Dchainrule.gemm.bits=256} (or the JIT restricted to AVX2
 * with {@code -jvmArgsPrepend -XX:UseAVX=2}). {@link #main} prints what was chosen.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public abstract class GemmBenchmark {
    private static final Kernels KERNELS = KernelProvider.get();

    /** Batch, and the layer widths of the MLP. */
    static final int B = 128;
    static final int IN = 784;
    static final int H1 = 256;
    static final int H2 = 128;
    static final int OUT = 10;

    // Operands large enough for every shape below; contents do not matter for speed.
    private double[] a;
    private double[] b;
    private double[] c;

    @Setup(Level.Trial)
    public void setUp() {
        Random rng = new Random(1);
        int size = 512 * 512; // the largest operand below
        a = fill(rng, size);
        b = fill(rng, size);
        c = new double[size];
        System.out.println("# kernels: " + KERNELS.describe());
    }

    /**
     * Prints {@link Kernels#describe()} for this JVM's settings (run it with the benchmark's JVM
     * options to learn which micro-kernel and vector width a run used). With {@code --cpu-time}
     * it then prints, for each of the benchmark's shapes, GFLOP per second of the calling
     * thread's CPU time (best of 15 rounds after 25 of warm-up): on a machine whose cores are shared with other work
     * this, unlike wall-clock throughput, counts only the time the product actually ran, so two
     * libraries can be compared on it while the load comes and goes. Only meaningful with
     * {@code -Dchainrule.threads=1}, where the product runs on the calling thread.
     */
    public static void main(String[] args) {
        System.out.println(KERNELS.describe());
        if (args.length > 0 && args[0].equals("--cpu-time")) {
            CpuTime.run();
        }
    }

    /** The {@code --cpu-time} measurement of {@link #main}. */
    private static final class CpuTime {
        /** (name, m, n, k, transA, transB) as the benchmark methods issue them. */
        private static final Object[][] SHAPES = {
            {"fwd1NT128x256x784", B, H1, IN, false, true},
            {"fwd2NT128x128x256", B, H2, H1, false, true},
            {"fwd3NT128x10x128", B, OUT, H2, false, true},
            {"dW1TN256x784x128", H1, IN, B, true, false},
            {"dW2TN128x256x128", H2, H1, B, true, false},
            {"dA1NN128x256x128", B, H1, H2, false, false},
            {"dA2NN128x128x10", B, H2, OUT, false, false},
            {"square512NN", 512, 512, 512, false, false},
        };

        static void run() {
            java.lang.management.ThreadMXBean bean = java.lang.management.ManagementFactory.getThreadMXBean();
            Random rng = new Random(1);
            double[] a = fill(rng, 512 * 512);
            double[] b = fill(rng, 512 * 512);
            double[] c = new double[512 * 512];
            for (Object[] shape : SHAPES) {
                int m = (int) shape[1], n = (int) shape[2], k = (int) shape[3];
                boolean ta = (boolean) shape[4], tb = (boolean) shape[5];
                double flops = 2.0 * m * n * k;
                int reps = (int) Math.max(5, 2e8 / flops);
                double best = 0;
                for (int round = 0; round < 40; round++) {
                    long start = bean.getCurrentThreadCpuTime();
                    for (int i = 0; i < reps; i++) {
                        KERNELS.gemm(a, 0, ta, b, 0, tb, c, 0, m, n, k, false);
                    }
                    long cpu = bean.getCurrentThreadCpuTime() - start;
                    if (round >= 25) { // the first 25 rounds warm up the JIT
                        best = Math.max(best, flops * reps / cpu);
                    }
                }
                System.out.printf("%s %.2f%n", shape[0], best);
            }
        }
    }

    private static double[] fill(Random rng, int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = rng.nextGaussian();
        }
        return x;
    }

    private double[] gemm(boolean ta, boolean tb, int m, int n, int k) {
        KERNELS.gemm(a, 0, ta, b, 0, tb, c, 0, m, n, k, false);
        return c;
    }

    /** Forward, layer 1: X(128×784) · W1ᵀ, W1 (256×784). */
    @Benchmark
    @OperationsPerInvocation(2 * B * H1 * IN)
    public double[] fwd1NT128x256x784() {
        return gemm(false, true, B, H1, IN);
    }

    /** Forward, layer 2: A1(128×256) · W2ᵀ. */
    @Benchmark
    @OperationsPerInvocation(2 * B * H2 * H1)
    public double[] fwd2NT128x128x256() {
        return gemm(false, true, B, H2, H1);
    }

    /** Forward, layer 3: A2(128×128) · W3ᵀ. */
    @Benchmark
    @OperationsPerInvocation(2 * B * OUT * H2)
    public double[] fwd3NT128x10x128() {
        return gemm(false, true, B, OUT, H2);
    }

    /** Backward, dW1 = G1ᵀ X: (256×128)·(128×784), the largest product of the step. */
    @Benchmark
    @OperationsPerInvocation(2 * H1 * IN * B)
    public double[] dW1TN256x784x128() {
        return gemm(true, false, H1, IN, B);
    }

    /** Backward, dW2 = G2ᵀ A1: (128×128)·(128×256). */
    @Benchmark
    @OperationsPerInvocation(2 * H2 * H1 * B)
    public double[] dW2TN128x256x128() {
        return gemm(true, false, H2, H1, B);
    }

    /** Backward, dA1 = G2 W2: (128×128)·(128×256). */
    @Benchmark
    @OperationsPerInvocation(2 * B * H1 * H2)
    public double[] dA1NN128x256x128() {
        return gemm(false, false, B, H1, H2);
    }

    /** Backward, dA2 = G3 W3: (128×10)·(10×128). */
    @Benchmark
    @OperationsPerInvocation(2 * B * H2 * OUT)
    public double[] dA2NN128x128x10() {
        return gemm(false, false, B, H2, OUT);
    }

    /** Square reference NN product 512³, to compare with OpenBLAS's peak. */
    @Benchmark
    @OperationsPerInvocation(2 * 512 * 512 * 512)
    public double[] square512NN() {
        return gemm(false, false, 512, 512, 512);
    }

    /** One kernel thread. */
    @Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Dchainrule.threads=1"})
    public static class OneThread extends GemmBenchmark {
    }

    /** Two kernel threads (the caller and one pool worker). */
    @Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Dchainrule.threads=2"})
    public static class TwoThreads extends GemmBenchmark {
    }
}
