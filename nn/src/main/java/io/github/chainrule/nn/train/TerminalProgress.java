package io.github.chainrule.nn.train;

import java.io.PrintStream;
import java.util.function.LongSupplier;

/**
 * A status line redrawn in place with a carriage return, at most four times a second; epoch
 * summaries are printed in full on lines of their own above it, so a narrow terminal never cuts
 * them.
 */
final class TerminalProgress implements Progress {
    private static final long REDRAW_NANOS = 250_000_000L;

    private final long total;
    private final PrintStream out;
    private final int width;
    private final LongSupplier clock;
    private final long start;
    private long done;
    private long lastDraw = Long.MIN_VALUE;
    private int drawnLength;

    TerminalProgress(long total, PrintStream out, int width, LongSupplier clock) {
        this.total = total;
        this.out = out;
        this.width = width;
        this.clock = clock;
        this.start = clock.getAsLong();
    }

    @Override
    public void step() {
        done++;
        long now = clock.getAsLong();
        if (lastDraw == Long.MIN_VALUE || now - lastDraw >= REDRAW_NANOS) {
            draw(now);
        }
    }

    @Override
    public void message(String text) {
        clearLine();
        out.println(text);
        draw(clock.getAsLong());
    }

    @Override
    public void close() {
        clearLine();
        out.println(ProgressLine.finished(done, clock.getAsLong() - start));
        out.flush();
    }

    private void draw(long now) {
        String line = ProgressLine.format(done, total, now - start, width);
        out.print('\r');
        out.print(line);
        // Blank out what a longer previous line left behind.
        for (int i = line.length(); i < drawnLength; i++) {
            out.print(' ');
        }
        out.flush();
        drawnLength = line.length();
        lastDraw = now;
    }

    private void clearLine() {
        if (drawnLength > 0) {
            out.print('\r');
            out.print(" ".repeat(drawnLength));
            out.print('\r');
            drawnLength = 0;
        }
    }
}
