package io.github.chainrule.nn.train;

import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Progress as plain lines, for a log file or a pipe: no carriage returns or escape codes, a
 * status line at every tenth of the run (and at most one every ten seconds otherwise), each
 * epoch summary in full, and a closing line with the total time.
 */
final class LogProgress implements Progress {
    private static final long QUIET_NANOS = 10_000_000_000L;

    private final long total;
    private final Consumer<String> sink;
    private final LongSupplier clock;
    private final long start;
    private long done;
    private long lastLine;
    private int lastTenth;

    LogProgress(long total, Consumer<String> sink, LongSupplier clock) {
        this.total = total;
        this.sink = sink;
        this.clock = clock;
        this.start = clock.getAsLong();
        this.lastLine = start;
    }

    @Override
    public void step() {
        done++;
        int tenth = total <= 0 ? 10 : (int) Math.min(10, done * 10 / total);
        long now = clock.getAsLong();
        if (tenth > lastTenth || now - lastLine >= QUIET_NANOS) {
            lastTenth = tenth;
            lastLine = now;
            sink.accept(ProgressLine.plain(done, total, now - start));
        }
    }

    @Override
    public void message(String text) {
        sink.accept(text);
    }

    @Override
    public void close() {
        sink.accept(ProgressLine.finished(done, clock.getAsLong() - start));
    }
}
