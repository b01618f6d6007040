package io.github.chainrule.nn.train;

/** The value of {@link EpochStats} that {@link EarlyStopping} watches. */
public enum Monitor {
    /** The training loss (lower is better). */
    TRAIN_LOSS(false),
    /** The validation loss (lower is better). */
    VALIDATION_LOSS(false),
    /** The training metric (higher is better, e.g. accuracy). */
    TRAIN_METRIC(true),
    /** The validation metric (higher is better, e.g. accuracy). */
    VALIDATION_METRIC(true);

    private final boolean higherIsBetter;

    Monitor(boolean higherIsBetter) {
        this.higherIsBetter = higherIsBetter;
    }

    /** The watched value of {@code stats} (NaN when it was not computed). */
    public double valueOf(EpochStats stats) {
        switch (this) {
            case TRAIN_LOSS:
                return stats.trainLoss();
            case VALIDATION_LOSS:
                return stats.validationLoss();
            case TRAIN_METRIC:
                return stats.trainMetric();
            default:
                return stats.validationMetric();
        }
    }

    /** True for metrics, false for losses. */
    public boolean higherIsBetter() {
        return higherIsBetter;
    }
}
