package io.github.chainrule.safetensors;

import static io.github.chainrule.safetensors.SafeTensorsTestFiles.entry;
import static io.github.chainrule.safetensors.SafeTensorsTestFiles.f32;
import static io.github.chainrule.safetensors.SafeTensorsTestFiles.f64;
import static io.github.chainrule.safetensors.SafeTensorsTestFiles.file;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writing then reading gives back exactly what was written, in every supported shape. */
class SafeTensorsRoundTripTest {

    @TempDir
    Path dir;

    private static List<NamedArray> sample() {
        return List.of(
                new NamedArray("layer1.weight", new int[] {2, 3}, new double[] {1, 2, 3, 4, 5, 6}),
                new NamedArray("scalar", new int[] {}, new double[] {Math.PI}),
                new NamedArray("empty", new int[] {0}, new double[] {}),
                new NamedArray("empty2d", new int[] {3, 0}, new double[] {}),
                new NamedArray("specials", new int[] {6}, new double[] {Double.NaN, -0.0, 0.0,
                        Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MIN_VALUE}),
                new NamedArray("naïve \"quoted\" \\ name\n\u0001 ✓ 𝄞", new int[] {1, 1, 2},
                        new double[] {-1e300, 1e-300}));
    }

    private static Map<String, String> meta() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("format", "pt");
        m.put("note", "tabs\tand \"quotes\" and ünïcödé and \u0000");
        return m;
    }

    @Test
    void roundTripThroughFile() throws Exception {
        Path p = dir.resolve("model.safetensors");
        SafeTensors.write(p, sample(), meta());
        SafeTensorsFile f = SafeTensors.read(p);
        assertEquals(sample(), f.arrays());
        assertEquals(meta(), f.metadata());
        assertEquals(List.of(p), listDir(), "no temporary file may be left behind");
        // NaN's bit pattern and -0.0 survive, not just their values.
        double[] specials = f.find("specials").orElseThrow().data();
        assertEquals(Double.doubleToRawLongBits(Double.NaN),
                Double.doubleToRawLongBits(specials[0]));
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(specials[1]));
    }

    @Test
    void roundTripThroughBytesAndStream() throws Exception {
        byte[] bytes = SafeTensors.toBytes(sample(), meta());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SafeTensors.write(out, sample(), meta());
        assertArrayEquals(bytes, out.toByteArray());
        assertEquals(new SafeTensorsFile(sample(), meta()), SafeTensors.read(bytes));
    }

    @Test
    void overwritingReplacesTheFile() throws Exception {
        Path p = dir.resolve("m.safetensors");
        SafeTensors.write(p, sample(), meta());
        List<NamedArray> small = List.of(new NamedArray("x", new int[] {1}, new double[] {7}));
        SafeTensors.write(p, small, Map.of());
        assertEquals(small, SafeTensors.read(p).arrays());
        assertEquals(Map.of(), SafeTensors.read(p).metadata());
    }

    @Test
    void noArraysAndNoMetadataIsAValidFile() throws Exception {
        byte[] bytes = SafeTensors.toBytes(List.of(), Map.of());
        assertEquals(16, bytes.length, "8-byte length + '{}' padded to 8");
        SafeTensorsFile f = SafeTensors.read(bytes);
        assertTrue(f.arrays().isEmpty());
        assertTrue(f.metadata().isEmpty());
    }

    @Test
    void layoutFollowsTheSpec() throws Exception {
        byte[] bytes = SafeTensors.toBytes(sample(), meta());
        long n = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
        assertEquals(0, n % 8, "header padded so the data buffer is 8-byte aligned");
        String header = new String(bytes, 8, (int) n, StandardCharsets.UTF_8);
        assertTrue(header.startsWith("{\"__metadata__\":{\"format\":\"pt\""), header);
        assertTrue(header.contains(entry("layer1.weight", "F64", "[2,3]", 0, 48)), header);
        assertTrue(header.contains(entry("scalar", "F64", "[]", 48, 56)), header);
        assertTrue(header.contains(entry("empty", "F64", "[0]", 56, 56)), header);
        assertTrue(header.stripTrailing().endsWith("}"), header);
        long dataBytes = 8L * (6 + 1 + 0 + 0 + 6 + 2);
        assertEquals(8 + n + dataBytes, bytes.length);
        assertEquals(1.0, ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN)
                .getDouble((int) (8 + n)));
    }

    @Test
    void readsF32WideningExactly() throws Exception {
        byte[] bytes = file("{" + entry("h", "F32", "[3]", 0, 12) + "}",
                f32(0.1f, -2.5f, Float.NaN));
        NamedArray h = SafeTensors.read(bytes).arrays().get(0);
        assertArrayEquals(new double[] {(double) 0.1f, -2.5, Double.NaN}, h.data());
    }

    @Test
    void readsTensorsInDataOrderWhateverTheHeaderOrder() throws Exception {
        // Header lists "b" first, but "a" owns the first bytes; empties sort before a non-empty
        // tensor at the same offset and are not mistaken for overlaps.
        String header = "{" + entry("b", "F64", "[1]", 8, 16) + ","
                + entry("e2", "F64", "[0]", 8, 8) + ","
                + entry("a", "F64", "[1]", 0, 8) + ","
                + entry("e1", "F64", "[2,0]", 0, 0) + "}";
        SafeTensorsFile f = SafeTensors.read(file(header + "  \n\t\r", f64(1, 2)));
        assertEquals(List.of("e1", "a", "e2", "b"),
                f.arrays().stream().map(NamedArray::name).toList());
        assertEquals(2.0, f.find("b").orElseThrow().get(0));
    }

    @Test
    void writerRefusesBadArguments() {
        NamedArray a = new NamedArray("a", new int[] {1}, new double[] {1});
        IllegalArgumentException dup = assertThrows(IllegalArgumentException.class,
                () -> SafeTensors.toBytes(List.of(a, a), Map.of()));
        assertTrue(dup.getMessage().contains("duplicate array name 'a'"), dup.getMessage());
        NamedArray reserved = new NamedArray("__metadata__", new int[] {}, new double[] {1});
        assertThrows(IllegalArgumentException.class,
                () -> SafeTensors.toBytes(List.of(reserved), Map.of()));
        NamedArray surrogate = new NamedArray("bad\ud800", new int[] {}, new double[] {1});
        assertThrows(IllegalArgumentException.class,
                () -> SafeTensors.toBytes(List.of(surrogate), Map.of()));
        Path p = dir.resolve("never.safetensors");
        assertThrows(IllegalArgumentException.class,
                () -> SafeTensors.write(p, List.of(a, a), Map.of()));
        assertFalse(Files.exists(p));
    }

    @Test
    void namedArrayValidatesAndCopies() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new NamedArray("w", new int[] {2, 3}, new double[5]));
        assertTrue(e.getMessage().contains("'w'") && e.getMessage().contains("[2, 3]")
                && e.getMessage().contains("6") && e.getMessage().contains("5"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new NamedArray("w", new int[] {-1}, new double[0]));
        assertThrows(IllegalArgumentException.class, () -> new NamedArray("w",
                new int[] {Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE}, new double[0]));

        int[] shape = {2};
        double[] data = {1, 2};
        NamedArray a = new NamedArray("a", shape, data);
        shape[0] = 99;
        data[0] = 99;
        assertArrayEquals(new int[] {2}, a.shape());
        assertArrayEquals(new double[] {1, 2}, a.data());
        a.data()[1] = 99;
        assertEquals(2.0, a.get(1));
        assertNotSame(a.data(), a.data());
        double[] dest = new double[3];
        a.copyDataTo(dest, 1);
        assertArrayEquals(new double[] {0, 1, 2}, dest);
        assertEquals(0, new NamedArray("s", new int[] {}, new double[] {5}).rank());
    }

    private List<Path> listDir() throws Exception {
        try (var s = Files.list(dir)) {
            return s.toList();
        }
    }
}
