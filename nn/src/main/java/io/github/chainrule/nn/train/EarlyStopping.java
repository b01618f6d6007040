package io.github.chainrule.nn.train;

/**
 * Stops training when a monitored value has not improved by more than {@code minDelta} for
 * {@code patience} epochs in a row; optionally restores the weights of the best epoch.
 * An improvement is v &lt; best − minDelta for losses and v &gt; best + minDelta for metrics; a
 * NaN is never an improvement.
 *
 * <pre>{@code
 * EarlyStopping.on(Monitor.VALIDATION_LOSS).patience(10).minDelta(1e-4).restoreBestWeights(true)
 * }</pre>
 */
public final class EarlyStopping {
    private final Monitor monitor;
    private int patience = 5;
    private double minDelta;
    private boolean restoreBest;

    private EarlyStopping(Monitor monitor) {
        this.monitor = monitor;
    }

    /** Early stopping on {@code monitor}, patience 5, minDelta 0, no restoring. */
    public static EarlyStopping on(Monitor monitor) {
        return new EarlyStopping(monitor);
    }

    /** Epochs without improvement tolerated before stopping (≥ 1); returns this. */
    public EarlyStopping patience(int epochs) {
        if (epochs < 1) {
            throw new IllegalArgumentException("EarlyStopping: patience must be >= 1, got " + epochs);
        }
        this.patience = epochs;
        return this;
    }

    /** The smallest change that counts as an improvement (≥ 0); returns this. */
    public EarlyStopping minDelta(double delta) {
        if (!(delta >= 0) || !Double.isFinite(delta)) {
            throw new IllegalArgumentException("EarlyStopping: minDelta must be finite and >= 0, got " + delta);
        }
        this.minDelta = delta;
        return this;
    }

    /** Whether to load the best epoch's weights back when training ends; returns this. */
    public EarlyStopping restoreBestWeights(boolean restore) {
        this.restoreBest = restore;
        return this;
    }

    /** The monitored value. */
    public Monitor monitor() {
        return monitor;
    }

    /** The patience in epochs. */
    public int patience() {
        return patience;
    }

    /** Whether the best weights are restored. */
    public boolean restoresBestWeights() {
        return restoreBest;
    }

    /** True when {@code value} improves on {@code best}. */
    boolean improves(double value, double best) {
        if (Double.isNaN(value)) {
            return false;
        }
        if (Double.isNaN(best)) {
            return true;
        }
        return monitor.higherIsBetter() ? value > best + minDelta : value < best - minDelta;
    }
}
