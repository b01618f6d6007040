package io.github.chainrule.safetensors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;
import org.quicktheories.impl.Constraint;

/**
 * Property: for any mutation of a valid file, {@link SafeTensors#read} either returns
 * consistent arrays or throws {@link SafeTensorsFormatException}; no other exception escapes.
 *
 * <p>Each mutation family gets its own theory so a failure says which family found it. The
 * seed is fixed so CI is deterministic; run with {@code -Dsafetensors.fuzz.seed=N} (and
 * {@code -Dsafetensors.fuzz.examples=N} per family) to explore further.
 */
class SafeTensorsFuzzTest {

    private static final long SEED = Long.getLong("safetensors.fuzz.seed", 0x5AFE_7E45L);
    private static final int EXAMPLES = Integer.getInteger("safetensors.fuzz.examples", 2000);
    private static final int FILE_EXAMPLES = 400;
    /** Files fed to the reader, counted across all theories and reported at the end. */
    private static final AtomicInteger FUZZED = new AtomicInteger();
    private static final AtomicInteger REFUSED = new AtomicInteger();

    private static final String[] NAMES = {"w", "layer.0.weight", "bias", "é", "名前", "a\"b",
        "x\\y", "tab\t", "__meta", "𝄞"};
    /** Bytes that steer mutations toward JSON syntax rather than random noise. */
    private static final byte[] JSONISH = "{}[]\",:0123456789-.eE \\uF64I32".getBytes();

    @TempDir
    static Path dir;

    /** A valid file, its bytes and a mutated copy. */
    record Mutated(SafeTensorsFile original, byte[] bytes, byte[] mutated, String how) {
        @Override
        public String toString() {
            return how + " of " + original + "\n  mutated: " + HexFormat.of().formatHex(mutated);
        }
    }

    // --- generators -------------------------------------------------------------------------------

    private static int draw(RandomnessSource in, int min, int max) {
        return (int) in.next(Constraint.between(min, max));
    }

    private static double anyDouble(RandomnessSource in) {
        switch (draw(in, 0, 3)) {
            case 0: return draw(in, -3, 3);
            case 1: return new double[] {Double.NaN, -0.0, Double.POSITIVE_INFINITY,
                Double.MIN_VALUE}[draw(in, 0, 3)];
            default: return Double.longBitsToDouble(in.next(Constraint.none()));
        }
    }

    /** Valid files: up to four arrays of rank 0-3 (zero dims included) and some metadata. */
    static Gen<SafeTensorsFile> validFiles() {
        return in -> {
            List<NamedArray> arrays = new ArrayList<>();
            int count = draw(in, 0, 4);
            for (int i = 0; i < count; i++) {
                int[] shape = new int[draw(in, 0, 3)];
                int size = 1;
                for (int d = 0; d < shape.length; d++) {
                    shape[d] = draw(in, 0, 3);
                    size *= shape[d];
                }
                double[] data = new double[size];
                for (int k = 0; k < size; k++) {
                    data[k] = anyDouble(in);
                }
                arrays.add(new NamedArray(NAMES[draw(in, 0, NAMES.length - 1)] + i, shape, data));
            }
            Map<String, String> metadata = new LinkedHashMap<>();
            int entries = draw(in, 0, 2);
            for (int i = 0; i < entries; i++) {
                metadata.put(NAMES[draw(in, 0, NAMES.length - 1)] + i,
                        NAMES[draw(in, 0, NAMES.length - 1)]);
            }
            return new SafeTensorsFile(arrays, metadata);
        };
    }

    /** A mutation that may use the header length to aim at the header region. */
    @FunctionalInterface
    interface Mutator {
        String apply(RandomnessSource in, byte[][] file, int headerLength);
    }

    static Gen<Mutated> mutated(String family, Mutator mutator) {
        Gen<SafeTensorsFile> valid = validFiles();
        return in -> {
            SafeTensorsFile original = valid.generate(in);
            byte[] bytes = SafeTensors.toBytes(original.arrays(), original.metadata());
            byte[][] holder = {bytes.clone()};
            int headerLength = (int) lengthField(bytes);
            String how = family + ": " + mutator.apply(in, holder, headerLength);
            return new Mutated(original, bytes, holder[0], how);
        };
    }

    private static long lengthField(byte[] b) {
        return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
    }

    private static void setLengthField(byte[] b, long value) {
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putLong(0, value);
    }

    private static byte randomByte(RandomnessSource in) {
        return draw(in, 0, 1) == 0 ? (byte) draw(in, 0, 255) : JSONISH[draw(in, 0, JSONISH.length - 1)];
    }

    // --- the property ----------------------------------------------------------------------------

    /** Reads the mutated bytes and checks the outcome is one of the two allowed ones. */
    private static void check(Mutated m, SafeTensorsFile result) {
        if (result == null) {
            return; // refused with a format exception: allowed
        }
        long total = 0;
        for (NamedArray a : result.arrays()) {
            assertEquals(NamedArray.elementCount(a.name(), a.shape()), a.size(), a.name());
            total += a.size();
        }
        long dataLength = m.mutated().length - 8 - lengthField(m.mutated());
        // Every element came from 4 (F32) or 8 (F64) bytes of the data buffer, which is tiled.
        assertTrue(4 * total <= dataLength && dataLength <= 8 * total, "data length " + dataLength
                + " vs " + total + " elements");
        // Whatever was read writes back and reads again identically.
        try {
            assertEquals(result, SafeTensors.read(SafeTensors.toBytes(result.arrays(),
                    result.metadata())));
        } catch (SafeTensorsFormatException e) {
            throw new AssertionError("a file that was read could not be re-read once written", e);
        }
        int headerEnd = (int) Math.min(m.bytes().length, 8 + lengthField(m.bytes()));
        if (m.mutated().length == m.bytes().length && Arrays.equals(m.mutated(), 0, headerEnd,
                m.bytes(), 0, headerEnd)) {
            // Only data bytes changed: same names and shapes, and each element is exactly the
            // little-endian double now at its place in the writer's layout.
            ByteBuffer data = ByteBuffer.wrap(m.mutated()).order(ByteOrder.LITTLE_ENDIAN);
            data.position(headerEnd);
            assertEquals(m.original().metadata(), result.metadata());
            assertEquals(m.original().arrays().size(), result.arrays().size());
            for (int i = 0; i < result.arrays().size(); i++) {
                NamedArray want = m.original().arrays().get(i);
                NamedArray got = result.arrays().get(i);
                assertEquals(want.name(), got.name());
                assertArrayEquals(want.shape(), got.shape());
                for (int k = 0; k < got.size(); k++) {
                    assertEquals(Double.doubleToRawLongBits(data.getDouble()),
                            Double.doubleToRawLongBits(got.get(k)), got.name() + "[" + k + "]");
                }
            }
        }
        if (Arrays.equals(m.mutated(), m.bytes())) {
            assertEquals(m.original(), result);
        }
    }

    /** The property over in-memory files. */
    private static void readAndCheck(Mutated m) {
        FUZZED.incrementAndGet();
        SafeTensorsFile result;
        try {
            result = SafeTensors.read(m.mutated());
        } catch (SafeTensorsFormatException e) {
            assertNotNull(e.getMessage());
            REFUSED.incrementAndGet();
            result = null;
        }
        check(m, result);
    }

    private static void theory(Gen<Mutated> gen) {
        qt().withFixedSeed(SEED).withExamples(EXAMPLES).forAll(gen).checkAssert(
                SafeTensorsFuzzTest::readAndCheck);
    }

    // --- mutation families -----------------------------------------------------------------------

    @Test
    void byteFlips() {
        theory(mutated("byte flips", (in, f, n) -> {
            StringBuilder how = new StringBuilder();
            for (int k = draw(in, 1, 4); k > 0; k--) {
                int pos = draw(in, 0, f[0].length - 1);
                byte b = randomByte(in);
                f[0][pos] = b;
                how.append(" [").append(pos).append("]=").append(b & 0xff);
            }
            return how.toString();
        }));
    }

    @Test
    void dataFlips() {
        // Flips confined to the data buffer must always read, with exactly the flipped values.
        theory(mutated("data flips", (in, f, n) -> {
            int dataStart = 8 + n;
            if (dataStart == f[0].length) {
                return "nothing (no data)";
            }
            StringBuilder how = new StringBuilder();
            for (int k = draw(in, 1, 4); k > 0; k--) {
                int pos = draw(in, dataStart, f[0].length - 1);
                f[0][pos] = (byte) draw(in, 0, 255);
                how.append(" [").append(pos).append("]=").append(f[0][pos] & 0xff);
            }
            return how.toString();
        }));
    }

    @Test
    void truncations() {
        theory(mutated("truncation", (in, f, n) -> {
            int len = draw(in, 0, f[0].length - 1);
            f[0] = Arrays.copyOf(f[0], len);
            return "to " + len + " bytes";
        }));
    }

    @Test
    void insertions() {
        theory(mutated("insertion", (in, f, n) -> {
            int pos = draw(in, 0, f[0].length);
            byte[] extra = new byte[draw(in, 1, 8)];
            for (int k = 0; k < extra.length; k++) {
                extra[k] = randomByte(in);
            }
            byte[] out = new byte[f[0].length + extra.length];
            System.arraycopy(f[0], 0, out, 0, pos);
            System.arraycopy(extra, 0, out, pos, extra.length);
            System.arraycopy(f[0], pos, out, pos + extra.length, f[0].length - pos);
            // Half the time keep the length field honest, so the JSON parser sees the insertion.
            boolean fix = pos >= 8 && pos <= 8 + n && draw(in, 0, 1) == 1;
            if (fix) {
                setLengthField(out, n + extra.length);
            }
            f[0] = out;
            return HexFormat.of().formatHex(extra) + " at " + pos + (fix ? " (length fixed)" : "");
        }));
    }

    @Test
    void deletions() {
        theory(mutated("deletion", (in, f, n) -> {
            int from = draw(in, 0, f[0].length - 1);
            int to = draw(in, from + 1, Math.min(f[0].length, from + 16));
            byte[] out = new byte[f[0].length - (to - from)];
            System.arraycopy(f[0], 0, out, 0, from);
            System.arraycopy(f[0], to, out, from, f[0].length - to);
            boolean fix = from >= 8 && to <= 8 + n && draw(in, 0, 1) == 1;
            if (fix) {
                setLengthField(out, n - (to - from));
            }
            f[0] = out;
            return "[" + from + ", " + to + ")" + (fix ? " (length fixed)" : "");
        }));
    }

    @Test
    void headerLengthChanges() {
        theory(mutated("length field", (in, f, n) -> {
            long value;
            switch (draw(in, 0, 3)) {
                case 0: value = n + draw(in, -16, 16); break;
                case 1: value = draw(in, 0, f[0].length); break;
                case 2: value = in.next(Constraint.none()); break;
                default: value = 1L << draw(in, 0, 63); break;
            }
            setLengthField(f[0], value);
            return "set to " + Long.toUnsignedString(value);
        }));
    }

    @Test
    void headerTokenEdits() {
        // Replace characters inside the header only, keeping its length, so nearly every file
        // reaches the JSON parser and validator rather than failing on the length.
        theory(mutated("header edits", (in, f, n) -> {
            StringBuilder how = new StringBuilder();
            for (int k = draw(in, 1, 3); k > 0; k--) {
                int pos = draw(in, 8, 8 + n - 1);
                byte b = JSONISH[draw(in, 0, JSONISH.length - 1)];
                f[0][pos] = b;
                how.append(" [").append(pos).append("]='").append((char) b).append('\'');
            }
            return how.toString();
        }));
    }

    @Test
    void headerSplices() {
        // Copy a slice of the header elsewhere in it (fixing the length field): this duplicates
        // keys, entries and brackets in ways byte noise rarely does.
        theory(mutated("header splice", (in, f, n) -> {
            int from = draw(in, 8, 8 + n - 1);
            int to = draw(in, from + 1, Math.min(8 + n, from + 96));
            int at = draw(in, 8, 8 + n);
            byte[] slice = Arrays.copyOfRange(f[0], from, to);
            byte[] out = new byte[f[0].length + slice.length];
            System.arraycopy(f[0], 0, out, 0, at);
            System.arraycopy(slice, 0, out, at, slice.length);
            System.arraycopy(f[0], at, out, at + slice.length, f[0].length - at);
            setLengthField(out, n + slice.length);
            f[0] = out;
            return "[" + from + ", " + to + ") copied to " + at;
        }));
    }

    @Test
    void mutatedFilesOnDisk() {
        // The same property through the FileChannel path, which reads positionally.
        Path p = dir.resolve("fuzz.safetensors");
        Gen<Mutated> gen = mutated("on disk", (in, f, n) -> {
            int pos = draw(in, 0, f[0].length - 1);
            switch (draw(in, 0, 2)) {
                case 0:
                    f[0][pos] = randomByte(in);
                    return "[" + pos + "] flipped";
                case 1:
                    f[0] = Arrays.copyOf(f[0], pos);
                    return "truncated to " + pos;
                default:
                    setLengthField(f[0], n + draw(in, -9, 9));
                    return "length field nudged";
            }
        });
        qt().withFixedSeed(SEED).withExamples(FILE_EXAMPLES).forAll(gen).checkAssert(m -> {
            FUZZED.incrementAndGet();
            SafeTensorsFile result;
            try {
                Files.write(p, m.mutated());
                result = SafeTensors.read(p);
            } catch (SafeTensorsFormatException e) {
                REFUSED.incrementAndGet();
                result = null;
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            check(m, result);
        });
    }

    @AfterAll
    static void report() {
        System.out.println("SafeTensorsFuzzTest: fuzzed " + FUZZED.get() + " mutated files, "
                + REFUSED.get() + " refused with SafeTensorsFormatException, "
                + (FUZZED.get() - REFUSED.get()) + " read consistently");
    }
}
