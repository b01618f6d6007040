package io.github.chainrule.safetensors;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Random access to the bytes of a file or an in-memory array, so that one reader serves both
 * and always knows the real size before trusting any length stored in the data.
 */
interface ByteSource {

    /** @return the total number of bytes available */
    long size() throws IOException;

    /**
     * Fills {@code dst[off, off+len)} from {@code position}.
     *
     * @throws SafeTensorsFormatException if the source ends first (e.g. a file that shrank
     *     while being read)
     */
    void readFully(long position, byte[] dst, int off, int len) throws IOException;

    /** Wraps an array; reads copy from it. */
    static ByteSource of(byte[] bytes) {
        return new ByteSource() {
            @Override
            public long size() {
                return bytes.length;
            }

            @Override
            public void readFully(long position, byte[] dst, int off, int len)
                    throws SafeTensorsFormatException {
                if (position < 0 || position + len > bytes.length) {
                    throw new SafeTensorsFormatException("input ended at byte " + bytes.length
                            + " while reading " + len + " bytes at " + position);
                }
                System.arraycopy(bytes, (int) position, dst, off, len);
            }
        };
    }

    /** Wraps an open channel with positional reads, leaving its position untouched. */
    static ByteSource of(FileChannel channel) {
        return new ByteSource() {
            @Override
            public long size() throws IOException {
                return channel.size();
            }

            @Override
            public void readFully(long position, byte[] dst, int off, int len) throws IOException {
                ByteBuffer buffer = ByteBuffer.wrap(dst, off, len);
                long at = position;
                while (buffer.hasRemaining()) {
                    int n = channel.read(buffer, at);
                    if (n < 0) {
                        throw new SafeTensorsFormatException("file ended at byte " + at
                                + " while reading " + len + " bytes at " + position
                                + " (was it truncated while being read?)");
                    }
                    at += n;
                }
            }
        };
    }
}
