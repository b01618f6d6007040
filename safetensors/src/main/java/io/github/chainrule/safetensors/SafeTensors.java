package io.github.chainrule.safetensors;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Reads and writes the <a href="https://github.com/huggingface/safetensors">safetensors</a>
 * format: an 8-byte little-endian header length N, N bytes of UTF-8 JSON describing each tensor
 * ({@code dtype}, {@code shape}, {@code data_offsets} relative to the data buffer) plus optional
 * {@code __metadata__} strings, then the little-endian data buffer.
 *
 * <p><b>Writing</b> always uses F64, in the order the arrays are given, with the header padded
 * by spaces to a multiple of 8 bytes so the data is 8-byte aligned.
 *
 * <p><b>Reading</b> accepts F64 and F32 (F32 is widened to double exactly); other dtypes are
 * refused. Files are treated as hostile: every length is checked against the real size of the
 * input before anything is allocated from it, the header is capped at 100 MB (as in the
 * reference implementation) and parsed by a strict JSON parser that rejects duplicate keys,
 * and tensor offsets must tile the data buffer exactly (no gaps, overlaps or trailing bytes).
 * Any such problem is reported as a {@link SafeTensorsFormatException} naming the tensor and
 * values at fault; no other exception type escapes for bad content.
 *
 * <p>There is deliberately no {@code read(InputStream)}: a stream's length is unknown, so a
 * claimed length could only be checked by reading until it runs out. Read the stream into a
 * {@code byte[]} yourself (its size then is real) and use {@link #read(byte[])}.
 */
public final class SafeTensors {

    private SafeTensors() {
    }

    /**
     * Writes arrays and metadata to a file, replacing it if it exists.
     *
     * <p>The bytes go to a temporary file in the same directory that is then moved over the
     * target, atomically where the file system allows, so a crash mid-save never leaves a
     * half-written checkpoint under the real name.
     *
     * @param path the destination file
     * @param arrays the arrays to store, with unique names other than {@code "__metadata__"}
     * @param metadata free-form strings stored under {@code __metadata__}; may be empty
     * @throws IOException if the file cannot be written
     * @throws IllegalArgumentException if names repeat or are reserved, a string holds an
     *     unpaired surrogate, or the header would exceed 100 MB
     */
    public static void write(Path path, List<NamedArray> arrays, Map<String, String> metadata)
            throws IOException {
        // Validate before creating anything on disk.
        HeaderWriter.header(arrays, metadata);
        Path target = path.toAbsolutePath();
        // Not Files.createTempFile: its owner-only permissions would carry over to the checkpoint.
        Path temp = target.resolveSibling(target.getFileName() + "."
                + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
        try {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(temp,
                    StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW), 1 << 16)) {
                SafeTensorsWriter.write(out, arrays, metadata);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * Writes arrays and metadata to a stream, leaving it open.
     *
     * @param out the destination; nothing is written if the arguments are invalid
     * @param arrays the arrays to store, with unique names other than {@code "__metadata__"}
     * @param metadata free-form strings stored under {@code __metadata__}; may be empty
     * @throws IOException if the stream fails
     * @throws IllegalArgumentException as for {@link #write(Path, List, Map)}
     */
    public static void write(OutputStream out, List<NamedArray> arrays,
            Map<String, String> metadata) throws IOException {
        SafeTensorsWriter.write(out, arrays, metadata);
    }

    /**
     * Encodes arrays and metadata as the bytes of a safetensors file.
     *
     * @param arrays the arrays to store, with unique names other than {@code "__metadata__"}
     * @param metadata free-form strings stored under {@code __metadata__}; may be empty
     * @return the file's bytes
     * @throws IllegalArgumentException as for {@link #write(Path, List, Map)}, or if the file
     *     would not fit in a byte array
     */
    public static byte[] toBytes(List<NamedArray> arrays, Map<String, String> metadata) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            SafeTensorsWriter.write(out, arrays, metadata);
        } catch (IOException e) {
            throw new UncheckedIOException("ByteArrayOutputStream does not throw", e);
        }
        return out.toByteArray();
    }

    /**
     * Reads a safetensors file.
     *
     * @param path the file
     * @return its arrays, in data-buffer order, and its metadata
     * @throws SafeTensorsFormatException if the content is malformed, truncated, or uses an
     *     unsupported dtype; the message names the problem and the tensor
     * @throws IOException if the file cannot be opened or read
     */
    public static SafeTensorsFile read(Path path) throws IOException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            return SafeTensorsReader.read(ByteSource.of(channel));
        }
    }

    /**
     * Reads a safetensors file held in memory.
     *
     * @param bytes the whole file; not modified or retained
     * @return its arrays, in data-buffer order, and its metadata
     * @throws SafeTensorsFormatException if the content is malformed, truncated, or uses an
     *     unsupported dtype; the message names the problem and the tensor
     */
    public static SafeTensorsFile read(byte[] bytes) throws SafeTensorsFormatException {
        try {
            return SafeTensorsReader.read(ByteSource.of(bytes));
        } catch (SafeTensorsFormatException e) {
            throw e;
        } catch (IOException e) {
            // ByteSource.of(byte[]) only ever throws SafeTensorsFormatException.
            throw new UncheckedIOException("unexpected I/O error reading a byte array", e);
        }
    }
}
