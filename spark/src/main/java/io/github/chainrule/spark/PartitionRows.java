package io.github.chainrule.spark;

import io.github.chainrule.autodiff.Tensor;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * One partition's rows, read once per stage and checked row by row, so that a poisoned row is
 * named (partition, position, id) before any step uses it; then sliced into mini-batch tensors.
 */
final class PartitionRows {
    private final int partition;
    private final Sample[] rows;
    private final int features;
    private final int targetWidth;
    private final boolean labelled;

    private PartitionRows(int partition, Sample[] rows) {
        this.partition = partition;
        this.rows = rows;
        this.features = rows.length == 0 ? 0 : rows[0].featureCount();
        this.labelled = rows.length == 0 || rows[0].hasLabel();
        this.targetWidth = labelled ? 1 : rows[0].targetUnsafe().length;
    }

    /**
     * Reads and checks partition {@code partition}'s rows.
     *
     * @throws PoisonedRowException naming the first row that is not finite, has another
     *     number of features or targets than the partition's first row, or a negative label
     */
    static PartitionRows read(int partition, Iterator<Sample> it) {
        List<Sample> list = new ArrayList<>();
        while (it.hasNext()) {
            list.add(it.next());
        }
        PartitionRows out = new PartitionRows(partition, list.toArray(new Sample[0]));
        for (int r = 0; r < out.rows.length; r++) {
            out.check(r);
        }
        return out;
    }

    private void check(int r) {
        Sample s = rows[r];
        if (s.featureCount() != features) {
            throw poisoned(r, "has " + s.featureCount() + " features, the partition's first row " + features);
        }
        double[] f = s.featuresUnsafe();
        for (int j = 0; j < f.length; j++) {
            if (!Double.isFinite(f[j])) {
                throw poisoned(r, "has feature " + j + " = " + f[j] + "; features must be finite");
            }
        }
        if (s.hasLabel() != labelled) {
            throw poisoned(r, "mixes labelled rows with rows holding target vectors");
        }
        if (labelled) {
            if (s.label() < 0) {
                throw poisoned(r, "has label " + s.label() + "; labels must be >= 0");
            }
            return;
        }
        double[] t = s.targetUnsafe();
        if (t.length != targetWidth) {
            throw poisoned(r, "has a target of " + t.length + " values, the partition's first row " + targetWidth);
        }
        for (int j = 0; j < t.length; j++) {
            if (!Double.isFinite(t[j])) {
                throw poisoned(r, "has target " + j + " = " + t[j] + "; targets must be finite");
            }
        }
    }

    private PoisonedRowException poisoned(int r, String what) {
        return new PoisonedRowException(describe(r) + " " + what);
    }

    /** "partition p, row r (id i)": where a row is, for messages. */
    String describe(int r) {
        return "partition " + partition + ", row " + r + " (id " + rows[r].index() + ")";
    }

    int size() {
        return rows.length;
    }

    int featureCount() {
        return features;
    }

    /** The features (m, d) of rows order[from…to). */
    Tensor features(int[] order, int from, int to) {
        int m = to - from;
        double[] x = new double[m * features];
        for (int r = 0; r < m; r++) {
            System.arraycopy(rows[order[from + r]].featuresUnsafe(), 0, x, r * features, features);
        }
        return Tensor.of(x, m, features);
    }

    /** The targets of rows order[from…to): labels (m) or target vectors (m, k). */
    Tensor targets(int[] order, int from, int to) {
        int m = to - from;
        double[] y = new double[m * targetWidth];
        for (int r = 0; r < m; r++) {
            Sample s = rows[order[from + r]];
            if (labelled) {
                y[r] = s.label();
            } else {
                System.arraycopy(s.targetUnsafe(), 0, y, r * targetWidth, targetWidth);
            }
        }
        return labelled ? Tensor.vector(y) : Tensor.of(y, m, targetWidth);
    }

    /** The rows order[from…to) for a message, e.g. "partition 1, rows 4, 9 (ids 12, 17)". */
    String describe(int[] order, int from, int to) {
        StringBuilder pos = new StringBuilder();
        StringBuilder ids = new StringBuilder();
        for (int i = from; i < to && i < from + 20; i++) {
            pos.append(i == from ? "" : ", ").append(order[i]);
            ids.append(i == from ? "" : ", ").append(rows[order[i]].index());
        }
        String more = to - from > 20 ? ", …" : "";
        return "partition " + partition + ", rows " + pos + more + " (ids " + ids + more + ")";
    }
}
