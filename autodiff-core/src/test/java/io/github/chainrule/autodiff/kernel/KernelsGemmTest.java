package io.github.chainrule.autodiff.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Checks every gemm path (plain loops, packed vector kernel, parallel split) against a naive
 * triple loop, on sizes chosen to hit every edge: dimensions below, at and above the tile sizes,
 * depth and row blocks that do not divide evenly, all four transpose combinations, accumulate and
 * overwrite, and nonzero offsets with guard cells around each matrix.
 *
 * <p>"Relative 1e-12" is measured against {@code Σ_p |op(A)[i][p]|·|op(B)[p][j]|} (plus
 * {@code |C|} when accumulating) rather than against the result itself, because a sum with
 * cancellation can be near zero while its rounding error is not.
 */
class KernelsGemmTest {

    private static final double TOLERANCE = 1e-12;
    private static final int[] SMALL = {1, 3, 7, 8, 13, 33};
    private static final double GUARD = 12345.678;

    private final SplittableRandom random = new SplittableRandom(20240521);

    /** A gemm call under test: either a public {@link Kernels} or a package-private strided path. */
    @FunctionalInterface
    private interface Gemm {
        void run(double[] a, int aOffset, boolean transA, double[] b, int bOffset, boolean transB,
                 double[] c, int cOffset, int m, int n, int k, boolean accumulate);
    }

    private static Gemm of(Kernels kernels) {
        return kernels::gemm;
    }

    /** A strided implementation called with the dense strides {@link Kernels#gemm} implies. */
    private static Gemm dense(StridedGemm strided) {
        return (a, ao, ta, b, bo, tb, c, co, m, n, k, acc) ->
                strided.gemm(a, ao, ta ? m : k, ta, b, bo, tb ? k : n, tb, c, co, n, m, n, k, acc);
    }

    /** The packed product with the micro-kernel chosen for this machine. */
    private static final PackedGemm CHOSEN = new PackedGemm(MicroKernels.forThisMachine());

    /**
     * Sizes around every kernel's tile edges (6, 8, 16) and below, at and above them, and the
     * MLP's 10 (a B panel of one sliver, whose A is read in place).
     */
    private static final int[] AWKWARD = {1, 2, 3, 5, 6, 7, 8, 9, 10, 11, 12, 13, 16, 17, 25, 31, 33};

    /** Depths: shorter than, at and just past a small block, and one of several steps. */
    private static final int[] AWKWARD_DEPTHS = {1, 3, 10, 16, 17, 40};

    /** Plain, the vector kernels as chosen, and their packed product called directly. */
    private static List<Gemm> implementations() {
        return List.of(of(new PlainKernels()), of(new VectorKernels()),
                // Directly, so that products below VectorKernels' small-product cut-off still
                // exercise the packed kernel and its edge tiles.
                dense(CHOSEN));
    }

    /**
     * Each micro-kernel width, forced whatever the CPU prefers (so also the widths this machine
     * lacks: 256 and 128 bits on AVX-512, 512 bits, emulated by the JVM, on AVX2), through the
     * public path and directly, against plain and the naive loop on sizes that cut tiles awkwardly.
     * Only the widths the JVM compiles natively also run a block-crossing size, so that a width
     * the JVM emulates in scalar code stays quick.
     */
    @Test
    void everyMicroKernelWidthMatchesPlainOnAwkwardSizes() {
        for (MicroKernel kernel : MicroKernels.ALL) {
            List<Gemm> gemms = List.of(of(new PlainKernels()), of(new VectorKernels(kernel)),
                    dense(new PackedGemm(kernel)));
            for (int m : AWKWARD) {
                for (int n : AWKWARD) {
                    for (int k : AWKWARD_DEPTHS) {
                        checkVariants(gemms, m, n, k, kernel.describe());
                    }
                }
            }
            if (kernel.bits() <= MicroKernels.preferredBits()) {
                // Natively compiled widths also cross the row and depth blocks (128 and 256),
                // and take the panel too wide for L1 with a shallow, packed A (B sliver by sliver).
                checkVariants(gemms, 131, 20, 260, kernel.describe());
                checkVariants(gemms, 37, 300, 12, kernel.describe());
            }
        }
    }

    @Test
    void everyCombinationOfSmallSizesMatchesNaive() {
        for (int m : SMALL) {
            for (int n : SMALL) {
                for (int k : SMALL) {
                    checkAllVariants(m, n, k);
                }
            }
        }
    }

    @Test
    void largeAndBlockCrossingSizesMatchNaive() {
        int[][] shapes = {
            {1024, 7, 13}, {7, 1024, 13}, {13, 7, 1024}, {1024, 8, 1}, {1, 1024, 33},
            {33, 1, 1024}, {1024, 33, 8}, {8, 13, 1024}, {33, 1024, 1024},
            {128, 256, 784}, // the MLP forward product
            {257, 129, 513}, // one past each block size
        };
        for (int[] s : shapes) {
            checkAllVariants(s[0], s[1], s[2]);
        }
    }

    @Test
    void widerThanOneColumnPanelMatchesNaive() {
        // n above the packed kernel's panel width, so B is packed in several column panels.
        checkVariants(List.of(dense(CHOSEN)), 9, 2100, 5, "packed");
    }

    @Test
    void parallelSplitIsBitIdenticalToSerial() {
        int[][] shapes = {{128, 256, 784}, {128, 784, 256}, {784, 256, 128}, {301, 517, 129}, {517, 301, 67}};
        for (int[] s : shapes) {
            int m = s[0], n = s[1], k = s[2];
            assertTrue((long) m * n * k >= ParallelGemm.MIN_PARALLEL_MULADDS, "shape too small to be split");
            for (int t = 0; t < 4; t++) {
                boolean transA = (t & 1) != 0, transB = (t & 2) != 0;
                for (StridedGemm serial : List.of(CHOSEN, PlainKernels.SERIAL)) {
                    for (int threads : new int[] {2, 3, 4}) {
                        for (boolean accumulate : new boolean[] {false, true}) {
                            double[] a = randomArray(m * k), b = randomArray(k * n), c0 = randomArray(m * n);
                            double[] expected = c0.clone(), actual = c0.clone();
                            int lda = transA ? m : k, ldb = transB ? k : n;
                            serial.gemm(a, 0, lda, transA, b, 0, ldb, transB, expected, 0, n, m, n, k, accumulate);
                            ParallelGemm.run(serial, threads, a, 0, lda, transA, b, 0, ldb, transB,
                                    actual, 0, n, m, n, k, accumulate);
                            assertArrayEquals(expected, actual, () -> "parallel " + threads + " threads "
                                    + Arrays.toString(s) + " transA=" + transA + " transB=" + transB
                                    + " accumulate=" + accumulate);
                        }
                    }
                }
            }
        }
    }

    @Test
    void stridedSubBlockLeavesTheRestAlone() {
        // A 5×6 block of a 9×11 C, fed by sub-blocks of larger A and B: exercises lda/ldb/ldc
        // larger than the block, as ParallelGemm uses them.
        int m = 5, n = 6, k = 7, lda = 10, ldb = 12, ldc = 11;
        for (StridedGemm g : List.of(CHOSEN, PlainKernels.SERIAL)) {
            double[] a = randomArray(20 * lda), b = randomArray(20 * ldb), c = randomArray(9 * ldc);
            double[] expected = c.clone();
            int ao = 2 * lda + 1, bo = ldb + 3, co = 2 * ldc + 4;
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double s = 0;
                    for (int p = 0; p < k; p++) {
                        s += a[ao + i * lda + p] * b[bo + p * ldb + j];
                    }
                    expected[co + i * ldc + j] = s;
                }
            }
            g.gemm(a, ao, lda, false, b, bo, ldb, false, c, co, ldc, m, n, k, false);
            assertArrayEquals(expected, c, 1e-12);
        }
    }

    @Test
    void degenerateShapes() {
        for (Kernels kernels : List.of(new PlainKernels(), new VectorKernels())) {
            double[] c = {1, 2, 3, 4, 5, 6};
            kernels.gemm(new double[0], 0, false, new double[0], 0, false, c, 0, 2, 3, 0, true);
            assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, c, kernels.name());
            kernels.gemm(new double[0], 0, false, new double[0], 0, false, c, 1, 2, 2, 0, false);
            assertArrayEquals(new double[] {1, 0, 0, 0, 0, 6}, c, kernels.name());
            kernels.gemm(new double[0], 0, false, new double[4], 0, false, c, 0, 0, 2, 2, false);
            assertArrayEquals(new double[] {1, 0, 0, 0, 0, 6}, c, kernels.name());
        }
    }

    @Test
    void badArgumentsAreRejectedUpFront() {
        for (Kernels kernels : List.of(new PlainKernels(), new VectorKernels())) {
            double[] x = new double[12];
            assertThrows(IllegalArgumentException.class,
                    () -> kernels.gemm(x, 0, false, x, 0, false, x, 0, -1, 2, 2, false));
            assertThrows(IndexOutOfBoundsException.class,
                    () -> kernels.gemm(x, 1, false, x, 0, false, x, 0, 3, 4, 4, false));
            assertThrows(IndexOutOfBoundsException.class,
                    () -> kernels.gemm(x, 0, false, x, 0, false, new double[5], 0, 2, 3, 1, false));
        }
    }

    @Test
    void providerPicksVectorKernelsWhenTheModuleIsPresent() {
        // Surefire runs with --add-modules jdk.incubator.vector (see the parent pom).
        assertTrue(ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent());
        String forced = System.getProperty("chainrule.kernels");
        String expected = "plain".equals(forced) ? "plain" : "vector-api";
        assertEquals(expected, KernelProvider.get().name());
        assertTrue(KernelProvider.get() == KernelProvider.get());
    }

    @Test
    void providerOverrideIsHonoured() {
        assertEquals("plain", KernelProvider.choose("plain").name());
        assertEquals("plain", KernelProvider.choose(" PLAIN ").name());
        assertEquals("vector-api", KernelProvider.choose("vector").name());
        assertEquals("vector-api", KernelProvider.choose(null).name());
        assertEquals("vector-api", KernelProvider.choose("nonsense").name());
    }

    private void checkAllVariants(int m, int n, int k) {
        checkVariants(implementations(), m, n, k, "");
    }

    private void checkVariants(List<Gemm> gemms, int m, int n, int k, String label) {
        for (int t = 0; t < 4; t++) {
            boolean transA = (t & 1) != 0, transB = (t & 2) != 0;
            int aOffset = 3, bOffset = 5, cOffset = 11;
            double[] a = withGuards(randomArray(m * k), aOffset);
            double[] b = withGuards(randomArray(k * n), bOffset);
            double[] c0 = withGuards(randomArray(m * n), cOffset);
            for (boolean accumulate : new boolean[] {false, true}) {
                double[] start = c0.clone();
                if (!accumulate) {
                    // Overwrite must not read C: NaN here would leak into the result if it did.
                    Arrays.fill(start, cOffset, cOffset + m * n, Double.NaN);
                }
                double[][] reference = naive(a, aOffset, transA, b, bOffset, transB, c0, cOffset, m, n, k, accumulate);
                for (int g = 0; g < gemms.size(); g++) {
                    double[] c = start.clone();
                    gemms.get(g).run(a, aOffset, transA, b, bOffset, transB, c, cOffset, m, n, k, accumulate);
                    String where = label + " implementation #" + g + " m=" + m + " n=" + n + " k=" + k
                            + " transA=" + transA + " transB=" + transB + " accumulate=" + accumulate;
                    compare(reference, c, cOffset, m * n, where);
                }
            }
        }
    }

    /**
     * Naive {@code C (+)= op(A) op(B)} straight from the definition in {@link Kernels#gemm};
     * returns {values, error scales} for the m×n block.
     */
    private static double[][] naive(double[] a, int aOffset, boolean transA, double[] b, int bOffset, boolean transB,
                                    double[] c, int cOffset, int m, int n, int k, boolean accumulate) {
        double[] value = new double[m * n];
        double[] scale = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0, abs = 0;
                for (int p = 0; p < k; p++) {
                    double x = transA ? a[aOffset + p * m + i] : a[aOffset + i * k + p];
                    double y = transB ? b[bOffset + j * k + p] : b[bOffset + p * n + j];
                    s += x * y;
                    abs += Math.abs(x * y);
                }
                if (accumulate) {
                    s += c[cOffset + i * n + j];
                    abs += Math.abs(c[cOffset + i * n + j]);
                }
                value[i * n + j] = s;
                scale[i * n + j] = abs;
            }
        }
        return new double[][] {value, scale};
    }

    private static void compare(double[][] reference, double[] c, int cOffset, int size, String where) {
        for (int i = 0; i < cOffset; i++) {
            if (c[i] != GUARD) {
                fail(where + ": wrote before C at " + i);
            }
        }
        for (int i = cOffset + size; i < c.length; i++) {
            if (c[i] != GUARD) {
                fail(where + ": wrote after C at " + i);
            }
        }
        for (int i = 0; i < size; i++) {
            double expected = reference[0][i];
            double actual = c[cOffset + i];
            if (!(Math.abs(actual - expected) <= TOLERANCE * Math.max(reference[1][i], Double.MIN_NORMAL))) {
                fail(where + ": element " + i + " expected " + expected + " but was " + actual);
            }
        }
    }

    private double[] randomArray(int size) {
        double[] x = new double[size];
        for (int i = 0; i < size; i++) {
            x[i] = random.nextDouble(-1, 1);
        }
        return x;
    }

    /** Copies {@code x} to {@code offset} in a larger array whose other cells hold {@link #GUARD}. */
    private static double[] withGuards(double[] x, int offset) {
        double[] padded = new double[offset + x.length + 7];
        Arrays.fill(padded, GUARD);
        System.arraycopy(x, 0, padded, offset, x.length);
        return padded;
    }
}
