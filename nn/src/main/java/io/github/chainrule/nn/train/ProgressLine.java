package io.github.chainrule.nn.train;

import java.util.Locale;

/**
 * Formats the state of a run as one status line that fits a given width, e.g.
 * {@code train  42% [=========>             ] 840/2000 batches, 41/s, ETA 0:28}. When the
 * width is short the bar shrinks first, then goes; the counts are never cut.
 */
final class ProgressLine {
    /** Below this many cells a bar says nothing the percentage does not. */
    private static final int MIN_BAR = 10;

    private ProgressLine() {
    }

    /**
     * The status line for {@code done} of {@code total} steps after {@code elapsedNanos}, at
     * most {@code width - 1} characters (the last column is left free so that a terminal does
     * not wrap).
     */
    static String format(long done, long total, long elapsedNanos, int width) {
        int percent = total <= 0 ? 100 : (int) Math.min(100, done * 100 / total);
        String head = String.format(Locale.ROOT, "train %3d%% ", percent);
        String tail = " " + done + "/" + total + " batches" + rateAndEta(done, total, elapsedNanos);
        int room = width - 1 - head.length() - tail.length() - 2;
        if (room < MIN_BAR) {
            return fit(plain(done, total, elapsedNanos), width - 1);
        }
        int filled = total <= 0 ? room : (int) (room * Math.min(done, total) / total);
        StringBuilder bar = new StringBuilder(room + 2).append('[');
        for (int i = 0; i < room; i++) {
            bar.append(i < filled ? '=' : i == filled ? '>' : ' ');
        }
        return head + bar.append(']') + tail;
    }

    /** The status without a bar, for logs: {@code train  42% 840/2000 batches, 41/s, ETA 0:28}. */
    static String plain(long done, long total, long elapsedNanos) {
        int percent = total <= 0 ? 100 : (int) Math.min(100, done * 100 / total);
        return String.format(Locale.ROOT, "train %3d%% ", percent) + done + "/" + total + " batches"
                + rateAndEta(done, total, elapsedNanos);
    }

    /** The summary of a finished run: steps, time and rate. */
    static String finished(long done, long elapsedNanos) {
        double seconds = elapsedNanos / 1e9;
        return String.format(Locale.ROOT, "train 100%% %d batches in %.1f s%s", done, seconds,
                seconds > 0 ? String.format(Locale.ROOT, " (%.0f/s)", done / seconds) : "");
    }

    private static String rateAndEta(long done, long total, long elapsedNanos) {
        if (done <= 0 || elapsedNanos <= 0) {
            return "";
        }
        double perSecond = done / (elapsedNanos / 1e9);
        long remaining = Math.round(Math.max(0, total - done) / perSecond);
        return String.format(Locale.ROOT, ", %.0f/s, ETA %s", perSecond, clock(remaining));
    }

    /** Seconds as m:ss, or h:mm:ss from an hour. */
    static String clock(long seconds) {
        long h = seconds / 3600;
        long m = (seconds / 60) % 60;
        long s = seconds % 60;
        return h > 0 ? String.format(Locale.ROOT, "%d:%02d:%02d", h, m, s)
                : String.format(Locale.ROOT, "%d:%02d", m, s);
    }

    private static String fit(String line, int width) {
        return line.length() <= width ? line : line.substring(0, Math.max(0, width));
    }
}
