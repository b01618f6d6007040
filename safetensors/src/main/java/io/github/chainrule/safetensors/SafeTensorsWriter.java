package io.github.chainrule.safetensors;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;

/** Streams a header and F64 little-endian data to an {@link OutputStream}. */
final class SafeTensorsWriter {

    private static final int CHUNK_DOUBLES = 1 << 13;

    private SafeTensorsWriter() {
    }

    /**
     * Writes a complete file; the header is validated and built before any byte is written, so
     * an invalid argument leaves the stream untouched.
     */
    static void write(OutputStream out, List<NamedArray> arrays, Map<String, String> metadata)
            throws IOException {
        byte[] header = HeaderWriter.header(arrays, metadata);
        ByteBuffer buffer = ByteBuffer.allocate(CHUNK_DOUBLES * 8).order(ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(header.length);
        flush(out, buffer);
        out.write(header);
        for (NamedArray a : arrays) {
            int n = a.size();
            for (int i = 0; i < n; i++) {
                if (!buffer.hasRemaining()) {
                    flush(out, buffer);
                }
                // putDouble keeps the raw bits, so NaN payloads and -0.0 survive the round trip.
                buffer.putDouble(a.get(i));
            }
        }
        flush(out, buffer);
    }

    private static void flush(OutputStream out, ByteBuffer buffer) throws IOException {
        out.write(buffer.array(), 0, buffer.position());
        buffer.clear();
    }
}
