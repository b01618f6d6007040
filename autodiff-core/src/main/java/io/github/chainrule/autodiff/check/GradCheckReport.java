package io.github.chainrule.autodiff.check;

import java.util.Collections;
import java.util.List;

/**
 * The outcome of a gradient check: every entry that exceeded the tolerance, the worst first,
 * and how many entries were compared.
 */
public final class GradCheckReport {
    private final String what;
    private final List<Mismatch> mismatches;
    private final int compared;
    private final double worstRelativeError;
    private final String blame;

    GradCheckReport(String what, List<Mismatch> mismatches, int compared, double worstRelativeError, String blame) {
        this.what = what;
        this.mismatches = List.copyOf(mismatches);
        this.compared = compared;
        this.worstRelativeError = worstRelativeError;
        this.blame = blame;
    }

    /** True when every compared entry was within tolerance. */
    public boolean passed() {
        return mismatches.isEmpty();
    }

    /** The entries out of tolerance, worst relative error first. */
    public List<Mismatch> mismatches() {
        return Collections.unmodifiableList(mismatches);
    }

    /** The number of Jacobian entries (or projections) compared. */
    public int compared() {
        return compared;
    }

    /** The largest relative error over all compared entries, in tolerance or not. */
    public double worstRelativeError() {
        return worstRelativeError;
    }

    /** The operation blamed for the failure, when one was found; otherwise null. */
    public String blame() {
        return blame;
    }

    /** A copy of this report naming the operation to blame. */
    GradCheckReport withBlame(String culprit) {
        return new GradCheckReport(what, mismatches, compared, worstRelativeError, culprit);
    }

    /** A message a person can act on: the worst mismatches, then the blamed operation. */
    @Override
    public String toString() {
        if (passed()) {
            return what + " passed: " + compared + " entries, worst relative error " + worstRelativeError;
        }
        StringBuilder text = new StringBuilder(what).append(" failed: ").append(mismatches.size()).append(" of ")
                .append(compared).append(" entries out of tolerance; worst relative error ")
                .append(worstRelativeError);
        for (int i = 0; i < Math.min(5, mismatches.size()); i++) {
            text.append("\n  ").append(mismatches.get(i));
        }
        if (mismatches.size() > 5) {
            text.append("\n  … and ").append(mismatches.size() - 5).append(" more");
        }
        if (blame != null) {
            text.append("\n  blamed: ").append(blame);
        }
        return text.toString();
    }
}
