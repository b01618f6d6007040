package io.github.chainrule.nn.data;

import io.github.chainrule.autodiff.Tensor;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A user's own table read from CSV: a header line naming the columns, one sample per line,
 * numeric feature columns and one label column. Fields are separated by commas and may be
 * quoted ({@code "a, b"}, with {@code ""} for a quote); blank lines are skipped.
 *
 * <pre>{@code
 * CsvData table = CsvData.classes(Path.of("iris.csv"), "species");  // labels → classes 0…k−1
 * Split split = table.dataset().split(0.2, 7);
 * Standardizer st = Standardizer.fit(split.train());
 * Module model = Sequential.of(st.asLayer(), MLP.of(table.featureCount(), 16, table.classes().size()).build(1));
 * }</pre>
 *
 * <p>Class labels: when every label is a whole number ≥ 0, it is the class index itself (the
 * classes are "0" … the largest); otherwise the distinct labels, sorted, are the classes 0…k−1.
 * Every refusal names the line and the column.
 */
public final class CsvData {
    private final List<String> featureNames;
    private final List<String> classes;
    private final Dataset dataset;

    private CsvData(List<String> featureNames, List<String> classes, Dataset dataset) {
        this.featureNames = List.copyOf(featureNames);
        this.classes = classes == null ? null : List.copyOf(classes);
        this.dataset = dataset;
    }

    /**
     * A classification table: the column {@code labelColumn} holds class labels, every other
     * column a numeric feature.
     *
     * @throws IllegalArgumentException naming the line and column of a malformed or
     *     non-numeric field, or when the label column is missing or the table has no rows
     */
    public static CsvData classes(Path file, String labelColumn) throws IOException {
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return classes(in, file.toString(), labelColumn);
        }
    }

    /** As {@link #classes(Path, String)}, from CSV text; {@code source} names it in messages. */
    public static CsvData classes(Reader in, String source, String labelColumn) throws IOException {
        Table t = Table.read(in, source, labelColumn);
        List<String> classNames = classNames(t.labels);
        int[] labels = new int[t.labels.size()];
        boolean numbered = allWholeNumbers(t.labels);
        for (int i = 0; i < labels.length; i++) {
            labels[i] = numbered ? Integer.parseInt(t.labels.get(i).trim()) : classNames.indexOf(t.labels.get(i));
        }
        return new CsvData(t.featureNames, classNames, Dataset.of(t.features(), labels));
    }

    /**
     * A regression table: the column {@code targetColumn} holds the numeric value to fit (the
     * targets have shape (n)), every other column a numeric feature.
     *
     * @throws IllegalArgumentException naming the line and column of a malformed or
     *     non-numeric field, or when the target column is missing or the table has no rows
     */
    public static CsvData values(Path file, String targetColumn) throws IOException {
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return values(in, file.toString(), targetColumn);
        }
    }

    /** As {@link #values(Path, String)}, from CSV text; {@code source} names it in messages. */
    public static CsvData values(Reader in, String source, String targetColumn) throws IOException {
        Table t = Table.read(in, source, targetColumn);
        double[] targets = new double[t.labels.size()];
        for (int i = 0; i < targets.length; i++) {
            targets[i] = Table.number(t.labels.get(i), source, t.labelLines.get(i), targetColumn);
        }
        return new CsvData(t.featureNames, null, Dataset.of(t.features(), Tensor.vector(targets)));
    }

    /** As {@link #classes(Reader, String, String)} from a string, for tests and small tables. */
    public static CsvData classes(String csv, String labelColumn) {
        try {
            return classes(new StringReader(csv), "csv", labelColumn);
        } catch (IOException e) {
            throw new IllegalStateException("reading a string cannot fail", e);
        }
    }

    /** The samples: features (n, d) in the header's column order without the label column. */
    public Dataset dataset() {
        return dataset;
    }

    /** The names of the feature columns, in order. */
    public List<String> featureNames() {
        return featureNames;
    }

    /** The number of feature columns d. */
    public int featureCount() {
        return featureNames.size();
    }

    /**
     * The class names by class index.
     *
     * @throws IllegalStateException for a regression table
     */
    public List<String> classes() {
        if (classes == null) {
            throw new IllegalStateException("CsvData.classes: this table was read with a numeric target, not classes");
        }
        return classes;
    }

    private static boolean allWholeNumbers(List<String> labels) {
        for (String s : labels) {
            if (!s.trim().matches("\\d{1,9}")) {
                return false;
            }
        }
        return true;
    }

    private static List<String> classNames(List<String> labels) {
        if (allWholeNumbers(labels)) {
            int max = 0;
            for (String s : labels) {
                max = Math.max(max, Integer.parseInt(s.trim()));
            }
            List<String> names = new ArrayList<>();
            for (int c = 0; c <= max; c++) {
                names.add(Integer.toString(c));
            }
            return names;
        }
        Map<String, Boolean> sorted = new TreeMap<>();
        labels.forEach(s -> sorted.put(s, Boolean.TRUE));
        return new ArrayList<>(sorted.keySet());
    }

    /** The parsed lines: feature values and the label column's raw text, with line numbers. */
    private static final class Table {
        final List<String> featureNames = new ArrayList<>();
        final List<double[]> rows = new ArrayList<>();
        final List<String> labels = new ArrayList<>();
        final List<Integer> labelLines = new ArrayList<>();

        static Table read(Reader reader, String source, String labelColumn) throws IOException {
            BufferedReader in = new BufferedReader(reader);
            Table t = new Table();
            String line = in.readLine();
            int lineNo = 1;
            while (line != null && line.isBlank()) {
                line = in.readLine();
                lineNo++;
            }
            if (line == null) {
                throw new IllegalArgumentException(source + ": empty; expected a header line naming the columns");
            }
            List<String> header = split(stripBom(line), source, lineNo).stream().map(String::trim).toList();
            int label = header.indexOf(labelColumn);
            if (label < 0) {
                throw new IllegalArgumentException(source + ": no column '" + labelColumn + "' in the header " + header);
            }
            for (int j = 0; j < header.size(); j++) {
                if (j != label) {
                    t.featureNames.add(header.get(j));
                }
            }
            for (line = in.readLine(), lineNo++; line != null; line = in.readLine(), lineNo++) {
                if (line.isBlank()) {
                    continue;
                }
                List<String> fields = split(line, source, lineNo);
                if (fields.size() != header.size()) {
                    throw new IllegalArgumentException(source + " line " + lineNo + ": " + fields.size()
                            + " fields, but the header has " + header.size() + " columns");
                }
                double[] row = new double[header.size() - 1];
                for (int j = 0, k = 0; j < fields.size(); j++) {
                    if (j == label) {
                        t.labels.add(fields.get(j).trim());
                        t.labelLines.add(lineNo);
                    } else {
                        row[k++] = number(fields.get(j), source, lineNo, header.get(j));
                    }
                }
                t.rows.add(row);
            }
            if (t.rows.isEmpty()) {
                throw new IllegalArgumentException(source + ": a header but no rows");
            }
            return t;
        }

        Tensor features() {
            return Tensor.of(rows.toArray(new double[0][]));
        }

        static double number(String field, String source, int line, String column) {
            String s = field.trim();
            try {
                double v = Double.parseDouble(s);
                if (Double.isFinite(v)) {
                    return v;
                }
            } catch (NumberFormatException e) {
                // reported below with the line and column
            }
            throw new IllegalArgumentException(source + " line " + line + ", column '" + column + "': '" + field
                    + "' is not a finite number");
        }

        private static String stripBom(String line) {
            return line.startsWith("\uFEFF") ? line.substring(1) : line;
        }

        /** The fields of one line: comma-separated, optionally double-quoted with "" for a quote. */
        static List<String> split(String line, String source, int lineNo) {
            List<String> fields = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean quoted = false;
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (quoted) {
                    if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else if (c == '"') {
                        quoted = false;
                    } else {
                        field.append(c);
                    }
                } else if (c == '"' && field.toString().isBlank()) {
                    quoted = true;
                    field.setLength(0);
                } else if (c == ',') {
                    fields.add(field.toString());
                    field.setLength(0);
                } else {
                    field.append(c);
                }
            }
            if (quoted) {
                throw new IllegalArgumentException(source + " line " + lineNo + ": a quoted field is not closed");
            }
            fields.add(field.toString());
            return Collections.unmodifiableList(fields);
        }
    }
}
