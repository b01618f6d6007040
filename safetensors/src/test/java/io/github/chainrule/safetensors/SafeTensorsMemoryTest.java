package io.github.chainrule.safetensors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reading takes memory proportional to what the file holds, not a multiple of its header: a
 * valid file of several MB, most of it header (tens of thousands of small tensors), is read by
 * a JVM whose whole heap is a few times the file's size.
 */
class SafeTensorsMemoryTest {
    /** Tensors in the header-heavy file: 7.5 MB, 89 % of it header. */
    private static final int TENSORS = 100_000;
    /**
     * Heap of the reading JVM: 6.4 times the file. This reader needs less than 24 MB for it; the
     * previous one, which copied the header to bytes, then to text, then to a generic JSON tree,
     * ran out of memory below 96 MB.
     */
    private static final String HEAP = "-Xmx48m";

    @TempDir
    Path dir;

    /** Reads the file named by {@code args[0]} and prints its tensor count and a checksum. */
    public static void main(String[] args) throws IOException {
        SafeTensorsFile file = SafeTensors.read(Path.of(args[0]));
        double sum = 0;
        for (NamedArray array : file.arrays()) {
            sum += array.get(0);
        }
        System.out.println(file.arrays().size() + " " + (long) sum);
    }

    @Test
    void aHeaderHeavyMultiMegabyteFileLoadsUnderASmallHeap() throws Exception {
        List<NamedArray> arrays = new ArrayList<>(TENSORS);
        long expectedSum = 0;
        for (int i = 0; i < TENSORS; i++) {
            arrays.add(new NamedArray("w" + i, new int[] {1}, new double[] {i}));
            expectedSum += i;
        }
        Path file = dir.resolve("many.safetensors");
        SafeTensors.write(file, arrays, Map.of());
        long size = Files.size(file);
        assertTrue(size > 7_000_000, size + " bytes");

        Process reader = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                HEAP, "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                SafeTensorsMemoryTest.class.getName(), file.toString())
                .redirectErrorStream(true).start();
        assertTrue(reader.waitFor(120, TimeUnit.SECONDS), "reader did not finish in 120 s");
        String output = new String(reader.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertEquals(0, reader.exitValue(), output);
        assertEquals(TENSORS + " " + expectedSum, output);
    }
}
