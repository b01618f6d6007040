package io.github.chainrule.safetensors;

import static io.github.chainrule.safetensors.SafeTensorsTestFiles.assertRefused;
import static io.github.chainrule.safetensors.SafeTensorsTestFiles.entry;
import static io.github.chainrule.safetensors.SafeTensorsTestFiles.f64;
import static io.github.chainrule.safetensors.SafeTensorsTestFiles.file;
import static io.github.chainrule.safetensors.SafeTensorsTestFiles.zeros;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each way a file can lie is refused with a {@link SafeTensorsFormatException} whose message
 * names the problem and, where there is one, the tensor and the values at fault.
 */
class SafeTensorsHostileTest {

    @TempDir
    Path dir;

    private static final String W16 = entry("w", "F64", "[2]", 0, 16);

    // --- truncation -------------------------------------------------------------------------

    @Test
    void fileShorterThanTheLengthField() {
        assertRefused(new byte[0], "file is 0 bytes", "too short");
        assertRefused(new byte[7], "file is 7 bytes", "too short");
    }

    @Test
    void headerLongerThanTheFile() {
        byte[] whole = file("{" + W16 + "}", f64(1, 2));
        byte[] cut = Arrays.copyOf(whole, 20);
        assertRefused(cut, "header length " + (whole.length - 8 - 16),
                "exceeds the 12 bytes that follow");
    }

    @Test
    void dataShorterThanTheOffsets() {
        byte[] whole = file("{" + W16 + "}", f64(1, 2));
        assertRefused(Arrays.copyOf(whole, whole.length - 1), "tensor 'w'", "[0, 16]",
                "extend past the end of the 15-byte data buffer");
    }

    @Test
    void truncatedAtEveryLengthIsRefused() {
        byte[] whole = SafeTensors.toBytes(List.of(
                new NamedArray("a", new int[] {2, 2}, new double[] {1, 2, 3, 4}),
                new NamedArray("b", new int[] {}, new double[] {5})), Map.of("k", "v"));
        for (int len = 0; len < whole.length; len++) {
            byte[] cut = Arrays.copyOf(whole, len);
            assertThrows(SafeTensorsFormatException.class, () -> SafeTensors.read(cut),
                    "length " + len);
        }
    }

    // --- header-length bombs ------------------------------------------------------------------

    @Test
    void headerLengthAboveTheFileIsRefusedBeforeAllocating() {
        // 2^64-1 as unsigned: must be reported as such, not as -1 and not as NegativeArraySize.
        assertRefused(file(-1L, "{}".getBytes(StandardCharsets.UTF_8), new byte[0]),
                "header length 18446744073709551615", "exceeds the 2 bytes");
        assertRefused(file(Long.MAX_VALUE, new byte[0], new byte[0]),
                "header length " + Long.MAX_VALUE);
        assertRefused(file(Integer.MAX_VALUE + 1L, new byte[8], new byte[0]),
                "header length 2147483648", "exceeds the 8 bytes");
    }

    @Test
    void headerLengthAboveTheCapIsRefusedEvenIfTheFileIsThatBig() throws Exception {
        // A sparse 150 MB file costs no disk, and shows the cap applies before allocation.
        Path p = dir.resolve("bomb.safetensors");
        try (RandomAccessFile raf = new RandomAccessFile(p.toFile(), "rw")) {
            raf.setLength(150_000_000L);
            raf.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN)
                    .putLong(120_000_000L).array());
        }
        SafeTensorsFormatException e = assertThrows(SafeTensorsFormatException.class,
                () -> SafeTensors.read(p));
        assertTrue(e.getMessage().contains("header length 120000000 exceeds the limit of "
                + "100000000 bytes"), e.getMessage());
    }

    @Test
    void zeroHeaderLength() {
        assertRefused(file(0, new byte[0], new byte[0]), "header does not start with '{'",
                "header length is 0");
    }

    // --- offsets ------------------------------------------------------------------------------

    @Test
    void offsetsOutsideTheDataBuffer() {
        assertRefused(file("{" + entry("w", "F64", "[2]", 16, 32) + "}", f64(1, 2)),
                "tensor 'w'", "[16, 32]", "16-byte data buffer");
        assertRefused(file("{" + entry("w", "F64", "[0]", 100, 100) + "}", new byte[0]),
                "tensor 'w'", "[100, 100]", "0-byte data buffer");
    }

    @Test
    void negativeOrReversedOffsets() {
        assertRefused(file("{" + entry("w", "F64", "[1]", -8, 0) + "}", f64(1)),
                "tensor 'w'", "invalid data_offsets [-8, 0]");
        assertRefused(file("{" + entry("w", "F64", "[1]", 8, 0) + "}", f64(1)),
                "tensor 'w'", "invalid data_offsets [8, 0]");
    }

    @Test
    void overlappingOffsets() {
        String h = "{" + entry("a", "F64", "[2]", 0, 16) + "," + entry("b", "F64", "[2]", 8, 24)
                + "}";
        assertRefused(file(h, f64(1, 2, 3)), "tensor 'b' data_offsets [8, 24] overlap tensor 'a'"
                + " data_offsets [0, 16]");
        // The same bytes claimed twice is an overlap too.
        String twice = "{" + entry("a", "F64", "[1]", 0, 8) + "," + entry("b", "F64", "[1]", 0, 8)
                + "}";
        assertRefused(file(twice, f64(1)), "overlap");
        // An empty tensor inside another one's bytes.
        String inside = "{" + entry("a", "F64", "[2]", 0, 16) + "," + entry("e", "F64", "[0]", 8, 8)
                + "}";
        assertRefused(file(inside, f64(1, 2)), "tensor 'e'", "overlap tensor 'a'");
    }

    @Test
    void gapsInTheDataBuffer() {
        String h = "{" + entry("a", "F64", "[1]", 0, 8) + "," + entry("b", "F64", "[1]", 16, 24)
                + "}";
        assertRefused(file(h, f64(1, 2, 3)), "gap in data buffer: bytes [8, 16)",
                "tensor 'b' starts at 16", "'a' ends at 8");
        assertRefused(file("{" + entry("a", "F64", "[1]", 8, 16) + "}", f64(1, 2)),
                "gap in data buffer: bytes [0, 8)", "tensor 'a'");
    }

    @Test
    void trailingBytesAfterTheLastTensor() {
        assertRefused(file("{" + W16 + "}", f64(1, 2, 3)), "trailing garbage",
                "24 bytes", "cover only 16");
        assertRefused(file("{}", new byte[1]), "trailing garbage");
    }

    // --- dtypes, shapes, byte counts ----------------------------------------------------------

    @Test
    void unsupportedAndUnknownDtypes() {
        assertRefused(file("{" + entry("ids", "I64", "[2]", 0, 16) + "}", f64(1, 2)),
                "tensor 'ids'", "unsupported dtype 'I64'", "accepts F64 and F32");
        assertRefused(file("{" + entry("bf", "BF16", "[2]", 0, 4) + "}", zeros(4)),
                "tensor 'bf'", "unsupported dtype 'BF16'");
        assertRefused(file("{" + entry("q", "Q7", "[2]", 0, 16) + "}", f64(1, 2)),
                "tensor 'q'", "unknown dtype 'Q7'");
        assertRefused(file("{" + entry("q", "f64", "[2]", 0, 16) + "}", f64(1, 2)),
                "unknown dtype 'f64'");
        assertRefused(file("{\"w\":{\"dtype\":64,\"shape\":[2],\"data_offsets\":[0,16]}}",
                f64(1, 2)), "tensor 'w' dtype must be a string, found the number 64");
    }

    @Test
    void shapeAndByteCountMismatch() {
        assertRefused(file("{" + entry("w", "F64", "[3]", 0, 16) + "}", f64(1, 2)),
                "tensor 'w' shape [3] with dtype F64 needs 24 bytes", "[0, 16] span 16");
        assertRefused(file("{" + entry("w", "F32", "[2]", 0, 16) + "}", f64(1, 2)),
                "tensor 'w' shape [2] with dtype F32 needs 8 bytes");
        assertRefused(file("{" + entry("s", "F64", "[]", 0, 0) + "}", new byte[0]),
                "tensor 's' shape [] with dtype F64 needs 8 bytes", "span 0");
    }

    @Test
    void negativeAbsurdAndOverflowingDimensions() {
        assertRefused(file("{" + entry("w", "F64", "[2,-1]", 0, 16) + "}", f64(1, 2)),
                "tensor 'w' has negative dimension -1 at index 1 of shape [2, -1]");
        assertRefused(file("{" + entry("w", "F64", "[0,3000000000]", 0, 0) + "}", new byte[0]),
                "tensor 'w' has dimension 3000000000 at index 1");
        assertRefused(file("{" + entry("w", "F64", "[2147483647,1]", 0, 16) + "}",
                f64(1, 2)), "tensor 'w' has dimension 2147483647 at index 0",
                "above this reader's limit of 2147483639");
        assertRefused(file("{" + entry("w", "F64", "[1000000,1000000,4000]", 0, 16) + "}",
                f64(1, 2)), "tensor 'w' shape [1000000, 1000000, 4000] has more elements");
        // Would overflow a long if multiplied naively: 2^62 * 4.
        assertRefused(file("{" + entry("w", "F64", "[65536,65536,65536,65536]", 0, 16) + "}",
                f64(1, 2)), "tensor 'w'", "more elements");
        assertRefused(file("{" + entry("w", "F64", "[99999999999999999999]", 0, 16) + "}",
                f64(1, 2)), "integer too large: '99999999999999999999'");
        assertRefused(file("{" + entry("w", "F64", "[2]", 0, 16)
                .replace("[0,16]", "[0,18446744073709551616]") + "}", f64(1, 2)),
                "integer too large: '18446744073709551616'");
        assertRefused(file("{" + entry("w", "F64", "[-9223372036854775809]", 0, 16) + "}",
                f64(1, 2)), "integer too large: '-9223372036854775809'");
        assertRefused(file("{" + entry("w", "F64", "[-9223372036854775808]", 0, 16) + "}",
                f64(1, 2)), "negative dimension -9223372036854775808");
        assertRefused(file("{" + entry("w", "F64", "[\"2\"]", 0, 16) + "}", f64(1, 2)),
                "tensor 'w' shape must contain only integers, found the string '2'");
        assertRefused(file("{" + entry("w", "F64", "2", 0, 16) + "}", f64(1, 2)),
                "tensor 'w' shape must be a JSON array of integers, found the number 2");
    }

    // --- structure ----------------------------------------------------------------------------

    @Test
    void duplicateNames() {
        String h = "{" + entry("w", "F64", "[1]", 0, 8) + "," + entry("w", "F64", "[1]", 8, 16)
                + "}";
        assertRefused(file(h, f64(1, 2)), "duplicate key 'w'", "must be unique");
        assertRefused(file("{\"__metadata__\":{\"a\":\"1\",\"a\":\"2\"}}", new byte[0]),
                "duplicate key 'a'");
        assertRefused(file("{\"w\":{\"dtype\":\"F64\",\"dtype\":\"F64\",\"shape\":[],"
                + "\"data_offsets\":[0,8]}}", f64(1)), "duplicate key 'dtype'");
    }

    @Test
    void missingUnknownAndMistypedEntries() {
        assertRefused(file("{\"w\":{\"dtype\":\"F64\",\"shape\":[1]}}", f64(1)),
                "tensor 'w' is missing 'data_offsets'");
        assertRefused(file("{\"w\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[0,8],"
                + "\"extra\":\"x\"}}", f64(1)), "tensor 'w' has unexpected key 'extra'");
        assertRefused(file("{\"w\":[1]}", f64(1)), "tensor 'w' must be a JSON object, found an array");
        assertRefused(file("{" + entry("w", "F64", "[1]", 0, 8).replace("[0,8]", "[0,8,16]") + "}",
                f64(1)), "tensor 'w' data_offsets must be [begin, end], found [0, 8, 16]");
        assertRefused(file("{\"__metadata__\":{\"epoch\":3}}", new byte[0]),
                "'__metadata__' entry 'epoch' must be a string, found the number 3");
        assertRefused(file("{\"__metadata__\":[\"a\"]}", new byte[0]),
                "'__metadata__' must be a JSON object of strings, found an array");
        assertRefused(file("[]", new byte[0]), "header does not start with '{'", "0x5b");
        assertRefused(file(" {}", new byte[0]), "header does not start with '{'", "0x20");
    }

    // --- encoding and JSON syntax ----------------------------------------------------------------

    @Test
    void invalidUtf8() {
        byte[][] bad = {
            {'{', '"', (byte) 0xC3, (byte) 0x28, '"', ':', '1', '}'}, // bad continuation
            {'{', '"', (byte) 0xC0, (byte) 0xAF, '"', ':', '1', '}'}, // overlong '/'
            {'{', '"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"', ':', '1', '}'}, // surrogate
            {'{', '"', (byte) 0xF0, (byte) 0x9F, '"', '}'}, // truncated sequence
        };
        for (byte[] header : bad) {
            assertRefused(file(header.length, header, new byte[0]),
                    "header is not valid UTF-8 at byte 2");
        }
    }

    @Test
    void invalidJson() {
        String[][] cases = {
            {"{\"a\":\"x\",}", "expected a quoted key"},
            {"{\"a\" \"x\"}", "expected ':'"},
            {"{\"a\":\"x\"", "expected ',' or '}'", "end of header"},
            {"{\"a\":\"x", "unterminated JSON string"},
            {"{\"a\":\"x\ty\"}", "unescaped control character U+0009"},
            {"{\"a\":\"\\x\"}", "invalid escape '\\u005cx'"},
            {"{\"a\":\"\\u12G4\"}", "invalid hex digit"},
            {"{\"a\":\"\\ud800\"}", "unpaired high surrogate \\uD800"},
            {"{\"a\":\"\\udc00\"}", "unpaired low surrogate \\uDC00"},
            {"{\"a\":true}", "true/false/null are not allowed"},
            {"{\"a\":null}", "true/false/null are not allowed"},
            {"{\"a\":[1.5]}", "only integers are allowed", "'1.5'"},
            {"{\"a\":[1e3]}", "only integers are allowed"},
            {"{\"a\":[01]}", "leading zero"},
            {"{\"a\":[-]}", "'-' not followed by a digit"},
            {"{\"a\":[1,]}", "where a JSON value was expected"},
            {"{\"a\":[1 2]}", "expected ',' or ']'"},
            {"{}}", "after the end of the JSON header (trailing garbage)", "character 2"},
            {"{} x", "trailing garbage"},
            {"{}\u0000", "trailing garbage"},
            {"{\"a\":" + "[".repeat(20) + "]".repeat(20) + "}", "nested deeper than 8"},
            {"{\"a\":[" + "0,".repeat(1024) + "0]}", "more than 1024 elements"},
        };
        for (String[] c : cases) {
            String[] fragments = Arrays.copyOfRange(c, 1, c.length);
            assertRefused(file(c[0], new byte[0]), fragments);
        }
    }

    @Test
    void deepNestingDoesNotOverflowTheStack() {
        String deep = "{\"a\":" + "[".repeat(1_000_000) + "}";
        assertRefused(file(deep, new byte[0]), "nested deeper than 8");
    }

    @Test
    void messagesQuoteHostileNamesSafely() {
        String longName = "n".repeat(5000) + "\\n"; // JSON escape: decodes to 5001 chars
        String msg = assertRefused(file("{" + entry(longName, "I64", "[1]", 0, 8) + "}", f64(1)),
                "(5001 chars)", "unsupported dtype 'I64'");
        assertTrue(msg.length() < 400, msg);
        assertRefused(file("{" + entry("a\\u0007b", "I8", "[1]", 0, 1) + "}", new byte[1]),
                "tensor 'a\\u0007b'");
    }
}
