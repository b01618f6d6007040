package io.github.chainrule.safetensors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Interoperability with an independent implementation of the format.
 *
 * <p>{@code python_fixture.safetensors} was written by {@code make_fixture.py} (numpy, struct,
 * json; no Java involved) and must read back with exact values. The other direction,
 * {@code java_fixture.safetensors}, is what {@link #javaFixture()} writes; this test pins its
 * bytes so the committed file stays what the writer produces, and {@code check_file.py}
 * parses it in Python (run by hand; Maven does not need Python). To regenerate it after a
 * deliberate format change, run this test with
 * {@code -Dsafetensors.regenerate=nn/src/test/resources/safetensors}.
 */
class SafeTensorsInteropTest {

    private static Path resource(String name) throws Exception {
        return Path.of(SafeTensorsInteropTest.class.getResource("/safetensors/" + name).toURI());
    }

    @Test
    void readsTheFileWrittenByPython() throws Exception {
        SafeTensorsFile f = SafeTensors.read(resource("python_fixture.safetensors"));
        assertEquals(Map.of("format", "np", "producer", "make_fixture.py"), f.metadata());
        // Data order, not the sorted header order the script wrote.
        assertEquals(List.of("conv.weight", "bias", "scalar", "empty", "unicode_名前"),
                f.arrays().stream().map(NamedArray::name).toList());

        NamedArray conv = f.find("conv.weight").orElseThrow();
        assertArrayEquals(new int[] {2, 3}, conv.shape());
        assertArrayEquals(new double[] {-1.0, -0.5, 0.0, 0.5, 1.0, 1.5}, conv.data());

        NamedArray bias = f.find("bias").orElseThrow(); // F32 in the file
        assertArrayEquals(new int[] {3}, bias.shape());
        assertArrayEquals(new double[] {(double) 0.1f, -2.5, 3.0}, bias.data());

        NamedArray scalar = f.find("scalar").orElseThrow();
        assertArrayEquals(new int[] {}, scalar.shape());
        assertArrayEquals(new double[] {Math.PI}, scalar.data());

        NamedArray empty = f.find("empty").orElseThrow();
        assertArrayEquals(new int[] {0, 4}, empty.shape());
        assertEquals(0, empty.size());

        NamedArray unicode = f.find("unicode_名前").orElseThrow();
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(unicode.get(0)));
        assertEquals(1e-310, unicode.get(1));
    }

    /** The arrays check_file.py expects; keep the two in step. */
    static SafeTensorsFile javaFixture() {
        double[] embedding = new double[6];
        for (int i = 0; i < embedding.length; i++) {
            embedding[i] = i * 0.25 - 0.5;
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("format", "chainrule");
        metadata.put("note", "written by SafeTensorsInteropTest \"quoted\" ✓");
        return new SafeTensorsFile(List.of(
                new NamedArray("embedding.weight", new int[] {3, 2}, embedding),
                new NamedArray("scalar", new int[] {}, new double[] {-1.0 / 3.0}),
                new NamedArray("empty", new int[] {0}, new double[] {}),
                new NamedArray("special", new int[] {4}, new double[] {Double.NaN, -0.0,
                        Double.POSITIVE_INFINITY, Double.MIN_VALUE}),
                new NamedArray("名前 \"quoted\"", new int[] {1, 1}, new double[] {1e300})),
                metadata);
    }

    @Test
    void committedJavaFixtureIsWhatTheWriterProduces() throws Exception {
        SafeTensorsFile fixture = javaFixture();
        byte[] bytes = SafeTensors.toBytes(fixture.arrays(), fixture.metadata());
        String regenerate = System.getProperty("safetensors.regenerate");
        if (regenerate != null) {
            SafeTensors.write(Path.of(regenerate, "java_fixture.safetensors"), fixture.arrays(),
                    fixture.metadata());
        }
        assertArrayEquals(Files.readAllBytes(resource("java_fixture.safetensors")), bytes);
        assertEquals(fixture, SafeTensors.read(resource("java_fixture.safetensors")));
    }
}
