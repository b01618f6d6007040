package io.github.chainrule.safetensors;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a safetensors file from a {@link ByteSource}, checking lengths against the real size of
 * the source before any allocation, so that a hostile length field cannot make it allocate
 * more than the file actually holds.
 */
final class SafeTensorsReader {

    /**
     * The spec's cap on the header (the reference implementation refuses larger headers too);
     * the header is parsed as it streams in, so this bounds parsing time, not an allocation.
     */
    static final long MAX_HEADER_BYTES = 100_000_000L;

    /** Chunk for converting data bytes to doubles: large enough to amortise, small to hold. */
    private static final int CHUNK_BYTES = 1 << 16;

    private SafeTensorsReader() {
    }

    /**
     * Reads and validates a whole file.
     *
     * @throws SafeTensorsFormatException if the content is not a valid safetensors file this
     *     reader supports
     * @throws IOException if the source itself fails
     */
    static SafeTensorsFile read(ByteSource source) throws IOException {
        long size = source.size();
        if (size < 8) {
            throw new SafeTensorsFormatException("file is " + size
                    + " bytes, too short for the 8-byte header length (truncated?)");
        }
        byte[] prefix = new byte[8];
        source.readFully(0, prefix, 0, 8);
        // The length is an unsigned 64-bit integer; a negative long means >= 2^63.
        long headerLength = ByteBuffer.wrap(prefix).order(ByteOrder.LITTLE_ENDIAN).getLong();
        if (Long.compareUnsigned(headerLength, size - 8) > 0) {
            throw new SafeTensorsFormatException("header length " + Long.toUnsignedString(headerLength)
                    + " exceeds the " + (size - 8) + " bytes that follow the length field "
                    + "(truncated file or corrupt length)");
        }
        if (headerLength > MAX_HEADER_BYTES) {
            throw new SafeTensorsFormatException("header length " + headerLength
                    + " exceeds the limit of " + MAX_HEADER_BYTES + " bytes");
        }
        long dataStart = 8 + headerLength;
        Header header = HeaderValidator.validate(source, 8, headerLength, size - dataStart);

        List<NamedArray> arrays = new ArrayList<>(header.entries.size());
        byte[] chunk = new byte[(int) Math.min(CHUNK_BYTES, Math.max(8, size - dataStart))];
        for (TensorEntry t : header.entries) {
            arrays.add(NamedArray.adopt(t.name, t.shape, readData(source, dataStart, t, chunk)));
        }
        return new SafeTensorsFile(arrays, header.metadata);
    }

    /** Converts one tensor's little-endian bytes to doubles, a chunk at a time. */
    private static double[] readData(ByteSource source, long dataStart, TensorEntry t,
            byte[] chunk) throws IOException {
        double[] out = new double[t.count];
        int size = t.dtype.byteSize;
        // A whole number of elements per chunk, so no element straddles two reads.
        int perChunk = chunk.length / size;
        ByteBuffer view = ByteBuffer.wrap(chunk).order(ByteOrder.LITTLE_ENDIAN);
        long position = dataStart + t.begin;
        for (int done = 0; done < t.count; ) {
            int n = Math.min(perChunk, t.count - done);
            source.readFully(position, chunk, 0, n * size);
            position += (long) n * size;
            if (t.dtype == DType.F64) {
                view.clear();
                view.asDoubleBuffer().get(out, done, n);
            } else {
                for (int i = 0; i < n; i++) {
                    out[done + i] = view.getFloat(i * 4); // float -> double widening is exact
                }
            }
            done += n;
        }
        return out;
    }
}
