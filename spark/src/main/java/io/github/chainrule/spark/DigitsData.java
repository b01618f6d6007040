package io.github.chainrule.spark;

import io.github.chainrule.nn.data.Dataset;
import io.github.chainrule.nn.data.Split;
import io.github.chainrule.nn.data.Standardizer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * The UCI handwritten digits (1,797 samples of 8×8 images, 64 features in 0…16, labels 0…9), read
 * from the copy of the examples module's resource that this module's build puts on the class
 * path (the loader is the examples module's, trimmed; spark does not depend on examples).
 */
public final class DigitsData {
    /** Class-path location of the gzipped CSV: 64 pixel columns, then the label. */
    public static final String RESOURCE = "/datasets/digits/digits.csv.gz";
    /** Samples in the data set. */
    public static final int ROWS = 1797;
    /** Features per sample. */
    public static final int FEATURES = 64;
    /** The digits 0…9. */
    public static final int CLASSES = 10;

    private DigitsData() {
    }

    /** All samples as a dataset, features scaled to [0, 1]. */
    public static Dataset load() {
        double[][] x = new double[ROWS][FEATURES];
        int[] y = new int[ROWS];
        try (InputStream raw = DigitsData.class.getResourceAsStream(RESOURCE)) {
            if (raw == null) {
                throw new IOException("resource " + RESOURCE + " is not on the class path");
            }
            BufferedReader reader = new BufferedReader(
                    new InputStreamReader(new GZIPInputStream(raw), StandardCharsets.US_ASCII));
            int row = 0;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                String[] cells = line.split(",", -1);
                if (row == ROWS || cells.length != FEATURES + 1) {
                    throw new IOException("malformed line " + (row + 1) + " in " + RESOURCE);
                }
                for (int j = 0; j < FEATURES; j++) {
                    x[row][j] = Integer.parseInt(cells[j].trim()) / 16.0;
                }
                y[row] = Integer.parseInt(cells[FEATURES].trim());
                row++;
            }
            if (row != ROWS) {
                throw new IOException("expected " + ROWS + " rows in " + RESOURCE + ", found " + row);
            }
        } catch (IOException | NumberFormatException e) {
            throw new UncheckedIOException("cannot read the digits data set", e instanceof IOException io ? io
                    : new IOException(e));
        }
        return Dataset.of(x, y);
    }

    /**
     * The seeded 80/20 split (seed 7) with features standardised by the training set's mean
     * and standard deviation, as the digits job and its test use it.
     */
    public static Split standardisedSplit() {
        Split raw = load().split(0.2, 7);
        Standardizer s = Standardizer.fit(raw.train());
        return new Split(s.transform(raw.train()), s.transform(raw.test()));
    }

    /** The rows of {@code data} as samples with global indices 0…n−1 (labels required). */
    public static List<Sample> samples(Dataset data) {
        double[][] x = data.features().toRows();
        int[] y = data.labels();
        List<Sample> out = new ArrayList<>(x.length);
        for (int i = 0; i < x.length; i++) {
            out.add(Sample.labelled(i, x[i], y[i]));
        }
        return out;
    }
}
