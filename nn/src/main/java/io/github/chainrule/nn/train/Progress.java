package io.github.chainrule.nn.train;

import java.io.PrintStream;
import java.util.function.Consumer;

/**
 * The trainer's view of a progress display: a bar redrawn in place on a terminal, plain lines
 * for a log, or nothing. Pure Java: it writes characters and loads no native library.
 */
interface Progress extends AutoCloseable {
    /** One batch done. */
    void step();

    /** Shows the latest epoch's summary, in full, on its own line. */
    void message(String text);

    @Override
    void close();

    /** A display that shows nothing. */
    static Progress quiet() {
        return new Progress() {
            @Override
            public void step() {
            }

            @Override
            public void message(String text) {
            }

            @Override
            public void close() {
            }
        };
    }

    /**
     * A display over {@code totalSteps} batches: when {@code sink} is not null, plain lines
     * handed to it; otherwise on standard error, redrawn in place when that is a terminal and
     * as plain lines when it is redirected to a file or a pipe.
     */
    static Progress bar(long totalSteps, Consumer<String> sink) {
        if (sink != null) {
            return new LogProgress(totalSteps, sink, System::nanoTime);
        }
        PrintStream err = System.err;
        if (Terminal.isInteractive()) {
            return new TerminalProgress(totalSteps, err, Terminal.columns(), System::nanoTime);
        }
        return new LogProgress(totalSteps, err::println, System::nanoTime);
    }
}
