package io.github.chainrule.nn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The progress display fits 80 columns, never cuts a summary, and writes plain lines to logs. */
class ProgressTest {
    private static final long SECOND = 1_000_000_000L;

    /** A long epoch summary: two losses, two metrics; 86 characters. */
    private static final String SUMMARY =
            "epoch 12: loss 0.123456 metric 0.9500 | val loss 0.234567 val metric 0.9300 (lr 3e-3)";

    @Test
    void theStatusLineFitsEightyColumnsWithBarCountsRateAndEta() {
        // 840 of 2000 batches in 20 s: 42/s, 1160 left at 42/s is 27.6 s, shown as 0:28.
        String line = ProgressLine.format(840, 2000, 20 * SECOND, 80);
        assertEquals(79, line.length(), line);
        assertTrue(line.startsWith("train  42% ["), line);
        assertTrue(line.endsWith("] 840/2000 batches, 42/s, ETA 0:28"), line);
        // The bar has 79 - 11 - 33 - 2 = 33 cells; 42 % of them (13.9, so 13) are filled, then the head.
        assertTrue(line.contains("[" + "=".repeat(13) + ">" + " ".repeat(19) + "]"), line);
    }

    @Test
    void aNarrowTerminalLosesTheBarButNeverTheCounts() {
        String line = ProgressLine.format(840, 2000, 20 * SECOND, 50);
        assertEquals("train  42% 840/2000 batches, 42/s, ETA 0:28", line);
        assertTrue(ProgressLine.format(840, 2000, 20 * SECOND, 20).length() <= 19);
    }

    @Test
    void etaClockShowsHoursOnlyWhenNeeded() {
        assertEquals("0:05", ProgressLine.clock(5));
        assertEquals("2:03", ProgressLine.clock(123));
        assertEquals("1:00:01", ProgressLine.clock(3601));
    }

    @Test
    void onATerminalTheSummaryIsPrintedWholeOnItsOwnLineAndTheBarRedrawnInPlace() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        AtomicLong now = new AtomicLong();
        try (Progress p = new TerminalProgress(4, new PrintStream(bytes, true, StandardCharsets.UTF_8), 80,
                now::get)) {
            for (int i = 0; i < 4; i++) {
                now.addAndGet(SECOND);
                p.step();
            }
            p.message(SUMMARY);
        }
        String out = bytes.toString(StandardCharsets.UTF_8);
        List<String> lines = out.lines().toList();
        assertTrue(lines.stream().anyMatch(l -> l.endsWith(SUMMARY)), out);
        assertTrue(out.contains("\rtrain 100% ["), out);
        assertTrue(lines.get(lines.size() - 1).endsWith("train 100% 4 batches in 4.0 s (1/s)"), out);
        for (String segment : out.split("[\r\n]")) {
            assertTrue(segment.length() <= 79 || segment.equals(SUMMARY), "wider than 80 columns: " + segment);
        }
        assertFalse(out.contains("\u001b"), "no escape codes");
    }

    @Test
    void inALogEachLineIsPlainAndTheRunIsReportedInTenths() {
        List<String> lines = new ArrayList<>();
        AtomicLong now = new AtomicLong();
        try (Progress p = new LogProgress(100, lines::add, now::get)) {
            for (int i = 0; i < 100; i++) {
                now.addAndGet(SECOND / 20);
                p.step();
            }
            p.message(SUMMARY);
        }
        assertEquals(12, lines.size(), lines.toString());
        assertEquals("train  10% 10/100 batches, 20/s, ETA 0:05", lines.get(0));
        assertEquals("train 100% 100/100 batches, 20/s, ETA 0:00", lines.get(9));
        assertEquals(SUMMARY, lines.get(10));
        assertEquals("train 100% 100 batches in 5.0 s (20/s)", lines.get(11));
        assertTrue(lines.stream().noneMatch(l -> l.contains("\r") || l.contains("\u001b")), lines.toString());
    }

    @Test
    void aTerminalWidthComesFromColumnsOrDefaultsToEighty() {
        assertEquals(120, Terminal.columns("120"));
        assertEquals(80, Terminal.columns(null));
        assertEquals(80, Terminal.columns("wide"));
        assertEquals(80, Terminal.columns("3"));
    }

    @Test
    void noTerminalLibraryIsOnTheClassPath() {
        // The old bar came with JLine, which loads a native library from /tmp at first use.
        String classPath = System.getProperty("java.class.path");
        assertFalse(classPath.contains("jline"), classPath);
        assertFalse(classPath.contains("progressbar"), classPath);
    }
}
