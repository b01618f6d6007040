package io.github.chainrule.safetensors;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The characters of a header, decoded strictly from UTF-8 a chunk at a time as the parser
 * asks for them, so that neither the header's bytes nor its text are ever held whole: memory
 * is a few kilobytes here plus what the parser keeps.
 */
final class HeaderChars {
    private static final int CHUNK = 1 << 13;

    private final ByteSource source;
    private final long start;
    private final long length;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private final ByteBuffer in = ByteBuffer.allocate(CHUNK);
    private final CharBuffer out = CharBuffer.allocate(CHUNK);
    private final byte[] chunk = new byte[CHUNK];
    /** Header bytes copied into {@link #in} so far. */
    private long loaded;
    private boolean flushed;
    /** Index of the current character in the whole header text. */
    private long position;

    /**
     * Decodes {@code length} bytes of {@code source} from {@code start}.
     *
     * @param source the file
     * @param start the header's first byte
     * @param length the header's length in bytes
     */
    HeaderChars(ByteSource source, long start, long length) {
        this.source = source;
        this.start = start;
        this.length = length;
        in.flip(); // empty, in read mode
        out.flip();
    }

    /** Index of the current character in the header text, for messages. */
    long position() {
        return position;
    }

    /** Whether the text is exhausted. */
    boolean atEnd() throws IOException {
        return !fill();
    }

    /** The current character, or NUL at the end (callers then fail on it with a clear message). */
    char peek() throws IOException {
        return fill() ? out.get(out.position()) : '\0';
    }

    /** The current character, consumed. */
    char next() throws IOException {
        if (!fill()) {
            throw new SafeTensorsFormatException("invalid safetensors header JSON at character "
                    + position + ": JSON header ends too early");
        }
        position++;
        return out.get();
    }

    /** Makes a character available; false at the end of the text. */
    private boolean fill() throws IOException {
        while (!out.hasRemaining()) {
            if (flushed) {
                return false;
            }
            out.clear();
            boolean endOfInput = refill();
            CoderResult result = decoder.decode(in, out, endOfInput);
            if (!result.isError() && endOfInput && !in.hasRemaining()) {
                result = decoder.flush(out);
                flushed = !result.isOverflow();
            }
            if (result.isError()) {
                throw new SafeTensorsFormatException("header is not valid UTF-8 at byte "
                        + (loaded - in.remaining()) + " of the header");
            }
            out.flip();
        }
        return true;
    }

    /** Tops {@link #in} up from the source; true when the whole header has been loaded. */
    private boolean refill() throws IOException {
        in.compact();
        int n = (int) Math.min(in.remaining(), length - loaded);
        if (n > 0) {
            source.readFully(start + loaded, chunk, 0, n);
            in.put(chunk, 0, n);
            loaded += n;
        }
        in.flip();
        return loaded == length;
    }
}
