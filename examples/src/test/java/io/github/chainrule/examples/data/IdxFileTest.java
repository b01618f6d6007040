package io.github.chainrule.examples.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxFileTest {

    @TempDir
    Path dir;

    /** Writes an unsigned-byte IDX file by hand, independently of the reader under test. */
    static byte[] idx(int[] dims, byte[] values) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(0x0800 | dims.length);
        for (int d : dims) {
            out.writeInt(d);
        }
        out.write(values);
        out.flush();
        return bytes.toByteArray();
    }

    static void write(Path file, byte[] content, boolean gzip) throws IOException {
        try (OutputStream out = gzip ? new GZIPOutputStream(Files.newOutputStream(file)) : Files.newOutputStream(file)) {
            out.write(content);
        }
    }

    @Test
    void readsATinyImageArray() throws IOException {
        byte[] values = {0, 1, 2, (byte) 200, (byte) 255, 7, 8, 9, 10, 11, 12, 13};
        IdxFile file = IdxFile.read(new ByteArrayInputStream(idx(new int[] {2, 2, 3}, values)));
        assertArrayEquals(new int[] {2, 2, 3}, file.dimensions());
        assertEquals(12, file.size());
        assertEquals(200, file.unsigned(3));
        assertEquals(255, file.unsigned(4));
    }

    @Test
    void readsRawAndGzippedFilesAlike() throws IOException {
        byte[] content = idx(new int[] {4}, new byte[] {3, 1, 4, 1});
        write(dir.resolve("a"), content, false);
        write(dir.resolve("b.gz"), content, true);
        assertEquals(IdxFile.read(dir.resolve("a")), IdxFile.read(dir.resolve("b.gz")));
        assertArrayEquals(new int[] {4}, IdxFile.readDimensions(dir.resolve("b.gz")));
    }

    @Test
    void rejectsWrongMagicShortDataAndTrailingBytes() {
        byte[] good = assertDoesNotThrowIdx(new int[] {3}, new byte[] {1, 2, 3});
        byte[] floats = good.clone();
        floats[2] = 0x0D; // type code of 32-bit floats
        byte[] notIdx = good.clone();
        notIdx[0] = 0x1f;
        byte[] shortData = Arrays.copyOf(good, good.length - 1);
        byte[] trailing = Arrays.copyOf(good, good.length + 1);
        for (byte[] bad : new byte[][] {floats, notIdx, shortData, trailing, new byte[] {0, 0}}) {
            IOException e = assertThrows(IOException.class, () -> IdxFile.read(new ByteArrayInputStream(bad)));
            assertTrue(e.getMessage().contains("IDX"), e.getMessage());
        }
    }

    private static byte[] assertDoesNotThrowIdx(int[] dims, byte[] values) {
        try {
            return idx(dims, values);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void loadsSyntheticFashionMnistScaledToUnitRange() throws IOException {
        int n = 3;
        byte[] pixels = new byte[n * 28 * 28];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) (i % 256);
        }
        write(dir.resolve(FashionMnist.TRAIN_IMAGES + ".gz"), idx(new int[] {n, 28, 28}, pixels), true);
        write(dir.resolve(FashionMnist.TRAIN_LABELS), idx(new int[] {n}, new byte[] {9, 0, 4}), false);
        write(dir.resolve(FashionMnist.TEST_IMAGES), idx(new int[] {1, 28, 28}, new byte[28 * 28]), false);
        write(dir.resolve(FashionMnist.TEST_LABELS + ".gz"), idx(new int[] {1}, new byte[] {2}), true);

        TrainTest data = FashionMnist.load(dir);
        assertEquals(3, data.train().rows());
        assertEquals(784, data.train().columns());
        assertEquals(10, data.train().classes());
        assertArrayEquals(new int[] {9, 0, 4}, data.train().labels());
        assertEquals(1.0, data.train().feature(0, 255));
        assertEquals(1 / 255.0, data.train().feature(0, 1), 1e-15);
        assertEquals(16 / 255.0, data.train().feature(1, 768), 1e-15); // value at 784 + 768 = 6 * 256 + 16
        assertEquals(1, data.test().rows());
        assertEquals(2, FashionMnist.load(dir, 2).train().rows());
    }

    @Test
    void rejectsFashionFilesThatDisagree() throws IOException {
        write(dir.resolve(FashionMnist.TRAIN_IMAGES), idx(new int[] {2, 28, 28}, new byte[2 * 784]), false);
        write(dir.resolve(FashionMnist.TRAIN_LABELS), idx(new int[] {3}, new byte[3]), false);
        write(dir.resolve(FashionMnist.TEST_IMAGES), idx(new int[] {1, 27, 29}, new byte[27 * 29]), false);
        write(dir.resolve(FashionMnist.TEST_LABELS), idx(new int[] {1}, new byte[1]), false);
        IOException e = assertThrows(IOException.class, () -> FashionMnist.load(dir));
        assertTrue(e.getMessage().contains("2 images but"), e.getMessage());
    }

    @Test
    void namesEveryMissingFileAndTheInstallCommand() throws IOException {
        write(dir.resolve(FashionMnist.TRAIN_LABELS + ".gz"), idx(new int[] {1}, new byte[1]), true);
        MissingDataException e = assertThrows(MissingDataException.class, () -> FashionMnist.load(dir));
        assertEquals(java.util.List.of(FashionMnist.TRAIN_IMAGES, FashionMnist.TEST_IMAGES, FashionMnist.TEST_LABELS),
                e.missing());
        String message = e.getMessage();
        assertTrue(message.contains("train-images-idx3-ubyte"), message);
        assertTrue(message.contains("t10k-images-idx3-ubyte"), message);
        assertTrue(message.contains("t10k-labels-idx1-ubyte"), message);
        String firstLine = message.lines().findFirst().orElseThrow();
        assertTrue(firstLine.contains("missing") && !firstLine.contains("train-labels"), message);
        assertTrue(message.contains("sudo apt-get install dataset-fashion-mnist"), message);
    }

    @Test
    void readsTheInstalledDataSetWhenPresent() throws IOException {
        assumeTrue(FashionMnist.missingFiles(FashionMnist.DEFAULT_DIR).isEmpty(), "dataset-fashion-mnist not installed");
        assertArrayEquals(new int[] {60000, 28, 28}, IdxFile.readDimensions(
                FashionMnist.locate(FashionMnist.DEFAULT_DIR, FashionMnist.TRAIN_IMAGES).orElseThrow()));
        TrainTest data = FashionMnist.load(FashionMnist.DEFAULT_DIR, 1000);
        assertEquals(1000, data.train().rows());
        assertEquals(1000, data.test().rows());
        // The first training image is an ankle boot, the first test image one too.
        assertEquals(9, data.train().label(0));
        assertEquals(9, data.test().label(0));
    }
}
