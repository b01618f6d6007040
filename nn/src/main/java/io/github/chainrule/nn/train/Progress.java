package io.github.chainrule.nn.train;

import java.util.function.Consumer;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** The trainer's view of a progress display: a real bar, or nothing. */
interface Progress extends AutoCloseable {
    /** One batch done. */
    void step();

    /** Shows the latest epoch's summary next to the bar. */
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
     * A progressbar over {@code totalSteps} batches, drawn to standard error or, when
     * {@code sink} is not null, handed line by line to it.
     */
    static Progress bar(long totalSteps, Consumer<String> sink) {
        ProgressBarBuilder builder = new ProgressBarBuilder()
                .setTaskName("train")
                .setInitialMax(totalSteps)
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(250)
                .setUnit(" batches", 1);
        if (sink != null) {
            builder.setConsumer(new DelegatingProgressBarConsumer(sink::accept, 100));
        }
        ProgressBar bar = builder.build();
        return new Progress() {
            @Override
            public void step() {
                bar.step();
            }

            @Override
            public void message(String text) {
                bar.setExtraMessage(text);
            }

            @Override
            public void close() {
                bar.close();
            }
        };
    }
}
