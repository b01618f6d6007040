package io.github.chainrule.safetensors;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns the header into a {@link Header}, checking everything the spec requires
 * before a single data byte is read or a single array allocated: strict UTF-8, strict JSON,
 * known dtypes, sane shapes, and offsets that cover the data buffer exactly once.
 *
 * <p>Because offsets are proved to lie inside the actual data buffer and to match the shape's
 * byte count, every allocation the reader makes afterwards is bounded by the real file size,
 * never by a number the file merely claims.
 */
final class HeaderValidator {

    /** The key the spec reserves for free-form string metadata. */
    static final String METADATA_KEY = "__metadata__";

    /** Largest Java array the JVMs we target reliably allocate. */
    static final int MAX_ELEMENTS = Integer.MAX_VALUE - 8;

    private static final Set<String> TENSOR_KEYS = Set.of("dtype", "shape", "data_offsets");

    private HeaderValidator() {
    }

    /**
     * Validates a header against the size of the data buffer that follows it, reading the
     * header from the source as it parses: memory is proportional to the entries kept, never
     * to a copy of the header's bytes or text.
     *
     * @param source the file
     * @param start the header's first byte (after the 8-byte length)
     * @param headerLength the header's length in bytes
     * @param dataLength bytes in the file after the header
     * @return entries sorted by offset, and metadata
     * @throws SafeTensorsFormatException on any violation of the format
     * @throws IOException if the source fails
     */
    static Header validate(ByteSource source, long start, long headerLength, long dataLength)
            throws IOException {
        byte[] first = new byte[1];
        if (headerLength > 0) {
            source.readFully(start, first, 0, 1);
        }
        if (headerLength == 0 || first[0] != '{') {
            throw new SafeTensorsFormatException("header does not start with '{'"
                    + (headerLength == 0 ? " (header length is 0)"
                            : String.format(" (first byte is 0x%02x)", first[0] & 0xff)));
        }
        List<TensorEntry> entries = new ArrayList<>();
        Map<String, String> metadata = new LinkedHashMap<>();
        // A bad entry is remembered, not thrown, until the JSON has been read to its end: a
        // syntax error anywhere in the header is the first thing to report.
        SafeTensorsFormatException[] firstBadEntry = new SafeTensorsFormatException[1];
        HeaderJson.parseObject(new HeaderChars(source, start, headerLength), (name, value) -> {
            if (firstBadEntry[0] != null) {
                return;
            }
            try {
                if (name.equals(METADATA_KEY)) {
                    metadata.putAll(metadata(value));
                } else {
                    entries.add(tensor(name, value, dataLength, entries.size()));
                }
            } catch (SafeTensorsFormatException e) {
                firstBadEntry[0] = e;
                entries.clear();
            }
        });
        if (firstBadEntry[0] != null) {
            throw firstBadEntry[0];
        }
        checkCoverage(entries, dataLength);
        return new Header(Collections.unmodifiableList(entries), Collections.unmodifiableMap(metadata));
    }

    private static Map<String, String> metadata(Object value) throws SafeTensorsFormatException {
        if (!(value instanceof Map)) {
            throw new SafeTensorsFormatException("'" + METADATA_KEY + "' must be a JSON object of "
                    + "strings, found " + describe(value));
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
            if (!(e.getValue() instanceof String)) {
                throw new SafeTensorsFormatException("'" + METADATA_KEY + "' entry "
                        + UntrustedText.quote((String) e.getKey()) + " must be a string, found "
                        + describe(e.getValue()));
            }
            metadata.put((String) e.getKey(), (String) e.getValue());
        }
        return Collections.unmodifiableMap(metadata);
    }

    private static TensorEntry tensor(String name, Object value, long dataLength, int index)
            throws SafeTensorsFormatException {
        String where = "tensor " + UntrustedText.quote(name);
        if (!(value instanceof Map)) {
            throw new SafeTensorsFormatException(where + " must be a JSON object, found "
                    + describe(value));
        }
        Map<?, ?> info = (Map<?, ?>) value;
        for (Object key : info.keySet()) {
            if (!TENSOR_KEYS.contains(key)) {
                throw new SafeTensorsFormatException(where + " has unexpected key "
                        + UntrustedText.quote((String) key)
                        + " (expected only dtype, shape, data_offsets)");
            }
        }
        Object dtypeValue = required(info, "dtype", where);
        if (!(dtypeValue instanceof String)) {
            throw new SafeTensorsFormatException(where + " dtype must be a string, found "
                    + describe(dtypeValue));
        }
        DType dtype = DType.of((String) dtypeValue, name);
        List<Long> dims = integers(required(info, "shape", where), where + " shape");
        List<Long> offsets = integers(required(info, "data_offsets", where),
                where + " data_offsets");

        int[] shape = new int[dims.size()];
        long count = 1;
        for (int i = 0; i < shape.length; i++) {
            long d = dims.get(i);
            if (d < 0) {
                throw new SafeTensorsFormatException(where + " has negative dimension " + d
                        + " at index " + i + " of shape " + dims);
            }
            if (d > MAX_ELEMENTS) {
                throw new SafeTensorsFormatException(where + " has dimension " + d + " at index "
                        + i + " of shape " + dims + ", above this reader's limit of "
                        + MAX_ELEMENTS);
            }
            shape[i] = (int) d;
            // Both factors are at most MAX_ELEMENTS here, so this product cannot overflow a long.
            count *= d;
            if (count > MAX_ELEMENTS) {
                throw new SafeTensorsFormatException(where + " shape " + dims
                        + " has more elements than this reader's limit of " + MAX_ELEMENTS
                        + " per tensor");
            }
        }

        if (offsets.size() != 2) {
            throw new SafeTensorsFormatException(where + " data_offsets must be [begin, end], found "
                    + offsets);
        }
        long begin = offsets.get(0);
        long end = offsets.get(1);
        if (begin < 0 || end < begin) {
            throw new SafeTensorsFormatException(where + " has invalid data_offsets " + offsets
                    + " (need 0 <= begin <= end)");
        }
        if (end > dataLength) {
            throw new SafeTensorsFormatException(where + " data_offsets " + offsets
                    + " extend past the end of the " + dataLength
                    + "-byte data buffer (is the file truncated?)");
        }
        long expectedBytes = count * dtype.byteSize; // count <= 2^31, so no overflow
        if (end - begin != expectedBytes) {
            throw new SafeTensorsFormatException(where + " shape " + dims + " with dtype "
                    + dtype + " needs " + expectedBytes + " bytes but data_offsets " + offsets
                    + " span " + (end - begin));
        }
        return new TensorEntry(name, dtype, shape, (int) count, begin, end, index);
    }

    /**
     * Proves the tensors tile the data buffer: sorted by offset, each begins where the previous
     * ended, and the last ends at the end of the buffer. This rules out overlaps (two tensors
     * sharing bytes), holes (bytes no tensor owns, a place to smuggle data) and trailing bytes.
     */
    private static void checkCoverage(List<TensorEntry> entries, long dataLength)
            throws SafeTensorsFormatException {
        // Sorting by (begin, end) puts empty tensors before a non-empty one at the same offset.
        entries.sort(Comparator.<TensorEntry>comparingLong(t -> t.begin)
                .thenComparingLong(t -> t.end)
                .thenComparingInt(t -> t.headerIndex));
        long expected = 0;
        TensorEntry previous = null;
        for (TensorEntry t : entries) {
            if (t.begin < expected) {
                throw new SafeTensorsFormatException("tensor " + UntrustedText.quote(t.name)
                        + " data_offsets [" + t.begin + ", " + t.end + "] overlap tensor "
                        + UntrustedText.quote(previous.name) + " data_offsets [" + previous.begin
                        + ", " + previous.end + "]");
            }
            if (t.begin > expected) {
                throw new SafeTensorsFormatException("gap in data buffer: bytes [" + expected
                        + ", " + t.begin + ") belong to no tensor; tensor " + UntrustedText.quote(t.name)
                        + " starts at " + t.begin
                        + (previous == null ? "" : " but " + UntrustedText.quote(previous.name)
                                + " ends at " + previous.end));
            }
            expected = t.end;
            previous = t;
        }
        if (expected != dataLength) {
            throw new SafeTensorsFormatException("trailing garbage: data buffer has "
                    + dataLength + " bytes but the tensors cover only " + expected
                    + " (" + (dataLength - expected) + " unowned bytes at the end)");
        }
    }

    private static Object required(Map<?, ?> info, String key, String where)
            throws SafeTensorsFormatException {
        Object v = info.get(key);
        if (v == null) {
            throw new SafeTensorsFormatException(where + " is missing '" + key + "'");
        }
        return v;
    }

    private static List<Long> integers(Object value, String what)
            throws SafeTensorsFormatException {
        if (!(value instanceof List)) {
            throw new SafeTensorsFormatException(what + " must be a JSON array of integers, found "
                    + describe(value));
        }
        List<Long> out = new ArrayList<>(((List<?>) value).size());
        for (Object o : (List<?>) value) {
            if (!(o instanceof Long)) {
                throw new SafeTensorsFormatException(what + " must contain only integers, found "
                        + describe(o));
            }
            out.add((Long) o);
        }
        return out;
    }

    private static String describe(Object value) {
        if (value instanceof Map) {
            return "an object";
        }
        if (value instanceof List) {
            return "an array";
        }
        if (value instanceof String) {
            return "the string " + UntrustedText.quote((String) value);
        }
        return "the number " + value;
    }

}
