package io.github.chainrule.examples.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * One unsigned-byte array in LeCun's IDX format, the format of MNIST and Fashion-MNIST.
 *
 * <p>An IDX file is big-endian: two zero bytes, a type code ({@code 0x08} for unsigned bytes,
 * the only type those data sets use), the number of dimensions, one 32-bit size per dimension,
 * then the values in row-major order. Reading is strict — wrong magic, a short file or trailing
 * bytes are errors — because a silently misparsed image set trains to garbage without failing.
 *
 * <p>Immutable: the arrays are private and accessors copy them, except that {@link #unsigned(int)}
 * reads one value without copying 47 MB of images.
 */
public final class IdxFile {

    /** Type code of unsigned-byte data in the third magic byte. */
    public static final int UNSIGNED_BYTE = 0x08;

    private final int[] dimensions;
    private final byte[] values;

    private IdxFile(int[] dimensions, byte[] values) {
        this.dimensions = dimensions;
        this.values = values;
    }

    /** @return a copy of the dimension sizes, outermost first (for images: count, rows, columns) */
    public int[] dimensions() {
        return dimensions.clone();
    }

    /** @return a copy of the raw values, row-major; read each as unsigned with {@code & 0xFF} */
    public byte[] values() {
        return values.clone();
    }

    /** @return the number of values, the product of the dimension sizes */
    public int size() {
        return values.length;
    }

    /**
     * @param index position in row-major order
     * @return the value at that position, 0..255
     */
    public int unsigned(int index) {
        return values[index] & 0xFF;
    }

    /**
     * Reads a file, decompressing it when it starts with the gzip signature whatever its name,
     * so both the raw and the {@code .gz} downloads work.
     *
     * @param file the IDX file, raw or gzipped
     * @return its contents
     * @throws IOException if the file cannot be read or is not a well-formed unsigned-byte IDX file
     */
    public static IdxFile read(Path file) throws IOException {
        try (InputStream in = open(file)) {
            return read(in);
        } catch (IOException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads only the header of a file, raw or gzipped: cheap even for 47 MB of images, for
     * listing what is installed.
     *
     * @param file the IDX file
     * @return the dimension sizes, outermost first
     * @throws IOException if the file cannot be read or its header is malformed
     */
    public static int[] readDimensions(Path file) throws IOException {
        try (InputStream in = open(file)) {
            return readHeader(new DataInputStream(in));
        } catch (IOException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    private static InputStream open(Path file) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        try {
            in.mark(2);
            int b0 = in.read();
            int b1 = in.read();
            in.reset();
            return b0 == 0x1f && b1 == 0x8b ? new BufferedInputStream(new GZIPInputStream(in), 1 << 16) : in;
        } catch (IOException e) {
            in.close();
            throw e;
        }
    }

    /**
     * Reads one IDX array from a stream and checks that the stream ends right after it.
     *
     * @param in uncompressed IDX bytes; not closed
     * @return the array
     * @throws IOException if the header is wrong, the data is short or bytes follow it
     */
    public static IdxFile read(InputStream in) throws IOException {
        DataInputStream data = new DataInputStream(in);
        int[] dims = readHeader(data);
        long count = 1;
        for (int dim : dims) {
            count *= dim;
        }
        byte[] values = new byte[(int) count];
        int read = data.readNBytes(values, 0, values.length);
        if (read != values.length) {
            throw new IOException("IDX data of dimensions " + Arrays.toString(dims) + " needs " + count
                    + " bytes, found only " + read);
        }
        if (data.read() != -1) {
            throw new IOException("unexpected bytes after the " + count + " values of an IDX array of dimensions "
                    + Arrays.toString(dims));
        }
        return new IdxFile(dims, values);
    }

    /** Reads and checks the magic number and dimension sizes. */
    private static int[] readHeader(DataInputStream data) throws IOException {
        int magic;
        try {
            magic = data.readInt();
        } catch (EOFException e) {
            throw new IOException("too short for an IDX header", e);
        }
        int type = (magic >>> 8) & 0xFF;
        int rank = magic & 0xFF;
        if ((magic >>> 16) != 0 || type != UNSIGNED_BYTE || rank == 0) {
            throw new IOException(String.format(
                    "bad IDX magic number 0x%08x: expected 0x0000%02xNN with NN >= 1 dimensions",
                    magic, UNSIGNED_BYTE));
        }
        int[] dims = new int[rank];
        long count = 1;
        try {
            for (int i = 0; i < rank; i++) {
                dims[i] = data.readInt();
                if (dims[i] < 0) {
                    throw new IOException("dimension " + i + " has negative size " + dims[i]);
                }
                count *= dims[i];
                if (count > Integer.MAX_VALUE - 8) {
                    throw new IOException("IDX array of dimensions " + Arrays.toString(dims) + " is too large");
                }
            }
        } catch (EOFException e) {
            throw new IOException("IDX header ends before its " + rank + " dimension sizes", e);
        }
        return dims;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IdxFile other && Arrays.equals(dimensions, other.dimensions)
                && Arrays.equals(values, other.values);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(dimensions) + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "IdxFile" + Arrays.toString(dimensions);
    }
}
