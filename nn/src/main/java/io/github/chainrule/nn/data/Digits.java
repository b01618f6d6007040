package io.github.chainrule.nn.data;

import io.github.chainrule.autodiff.Tensor;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;

/**
 * The UCI optical recognition of handwritten digits data set (Alpaydin &amp; Kaynak, 1998), as
 * redistributed by scikit-learn and bundled in this jar under {@value #RESOURCE}: a small real
 * data set to try a model on in seconds, as scikit-learn's {@code load_digits}.
 *
 * <p>1,797 samples of 8x8 images; each feature is the number of "on" pixels, 0..16, in a 4x4
 * block of the original 32x32 bitmap, row-major from the top-left. Labels are the digits
 * 0..9. The values are returned unscaled so that the caller decides how to normalise (dividing
 * by {@link #MAX_VALUE} gives [0, 1]). Source and licence: {@code datasets/digits/README.md}
 * next to the resource.
 */
public final class Digits {

    /** Class-path location of the gzipped CSV: 64 pixel columns, then the label. */
    public static final String RESOURCE = "/datasets/digits/digits.csv.gz";
    /** Samples in the data set. */
    public static final int ROWS = 1797;
    /** Side of the square image, in cells. */
    public static final int SIDE = 8;
    /** Features per sample, {@code SIDE * SIDE}. */
    public static final int FEATURES = SIDE * SIDE;
    /** Number of classes, the digits 0..9. */
    public static final int CLASSES = 10;
    /** Largest feature value: a 4x4 block has at most 16 pixels on. */
    public static final int MAX_VALUE = 16;

    private Digits() {
    }

    /**
     * Reads the bundled data set; each call parses it afresh (it takes milliseconds).
     *
     * @return 1,797 samples: features of shape (1797, 64) in 0..16, labels 0..9
     * @throws UncheckedIOException if the resource is missing or malformed, which means a
     *                              broken build rather than a user error
     */
    public static Dataset load() {
        try (InputStream raw = Digits.class.getResourceAsStream(RESOURCE)) {
            if (raw == null) {
                throw new IOException("resource " + RESOURCE + " is not on the class path");
            }
            return parse(new GZIPInputStream(raw));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled digits data set", e);
        }
    }

    /** Parses the CSV strictly: a wrong column count or value is a corrupt file, not noise. */
    private static Dataset parse(InputStream in) throws IOException {
        double[] features = new double[ROWS * FEATURES];
        int[] labels = new int[ROWS];
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
        int row = 0;
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            if (line.isBlank()) {
                continue;
            }
            if (row == ROWS) {
                throw new IOException("more than " + ROWS + " rows in " + RESOURCE);
            }
            String[] cells = line.split(",", -1);
            if (cells.length != FEATURES + 1) {
                throw new IOException("line " + (row + 1) + " has " + cells.length + " columns, expected "
                        + (FEATURES + 1));
            }
            for (int j = 0; j < FEATURES; j++) {
                features[row * FEATURES + j] = cell(cells[j], MAX_VALUE, row);
            }
            labels[row] = cell(cells[FEATURES], CLASSES - 1, row);
            row++;
        }
        if (row != ROWS) {
            throw new IOException("expected " + ROWS + " rows in " + RESOURCE + ", found " + row);
        }
        return Dataset.of(Tensor.of(features, ROWS, FEATURES), labels);
    }

    private static int cell(String text, int max, int row) throws IOException {
        int value;
        try {
            value = Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new IOException("line " + (row + 1) + ": not an integer: '" + text + "'", e);
        }
        if (value < 0 || value > max) {
            throw new IOException("line " + (row + 1) + ": " + value + " is outside 0.." + max);
        }
        return value;
    }
}
