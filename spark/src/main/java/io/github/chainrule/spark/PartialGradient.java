package io.github.chainrule.spark;

import java.io.Serializable;

/**
 * One partition's share of a step, and the running sum of shares on the way to the driver:
 * the gradient of (m_p/M) · loss over the partition's m_p rows of the M-row batch, per
 * parameter of the broadcast snapshot (null where no gradient reached it, or for frozen
 * parameters), plus the sums of loss and metric times rows for the epoch's report.
 */
final class PartialGradient implements Serializable {
    private static final long serialVersionUID = 1L;

    private double[][] gradients;
    private long rows;
    private double lossSum;
    private double metricSum;

    /** The zero of the sum: no rows, no gradient. */
    static PartialGradient empty() {
        return new PartialGradient();
    }

    static PartialGradient of(double[][] gradients, long rows, double lossSum, double metricSum) {
        PartialGradient p = new PartialGradient();
        p.gradients = gradients;
        p.rows = rows;
        p.lossSum = lossSum;
        p.metricSum = metricSum;
        return p;
    }

    /** Adds {@code other} into this (mutating it, as treeAggregate allows) and returns this. */
    static PartialGradient merge(PartialGradient into, PartialGradient other) {
        if (other.rows == 0 && other.gradients == null) {
            return into;
        }
        if (into.gradients == null) {
            into.gradients = other.gradients == null ? null : copy(other.gradients);
        } else if (other.gradients != null) {
            if (into.gradients.length != other.gradients.length) {
                throw new IllegalStateException("PartialGradient: " + into.gradients.length + " vs "
                        + other.gradients.length + " parameters; executors ran different models");
            }
            for (int i = 0; i < into.gradients.length; i++) {
                double[] b = other.gradients[i];
                if (b == null) {
                    continue;
                }
                double[] a = into.gradients[i];
                if (a == null) {
                    into.gradients[i] = b.clone();
                } else {
                    for (int j = 0; j < a.length; j++) {
                        a[j] += b[j];
                    }
                }
            }
        }
        into.rows += other.rows;
        into.lossSum += other.lossSum;
        into.metricSum += other.metricSum;
        return into;
    }

    private static double[][] copy(double[][] g) {
        double[][] out = new double[g.length][];
        for (int i = 0; i < g.length; i++) {
            out[i] = g[i] == null ? null : g[i].clone();
        }
        return out;
    }

    /** The summed gradient of parameter i of the snapshot, or null when none reached it. */
    double[] gradient(int i) {
        return gradients == null ? null : gradients[i];
    }

    long rows() {
        return rows;
    }

    double lossSum() {
        return lossSum;
    }

    double metricSum() {
        return metricSum;
    }
}
