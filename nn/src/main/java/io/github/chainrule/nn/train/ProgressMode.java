package io.github.chainrule.nn.train;

/** When the {@link Trainer} shows a console progress bar. */
public enum ProgressMode {
    /** Only on long runs (at least {@link Trainer#LONG_RUN_STEPS} batches) attached to a console. */
    AUTO,
    /** Always (to standard error). */
    ALWAYS,
    /** Never: quiet, e.g. in tests. */
    NEVER
}
