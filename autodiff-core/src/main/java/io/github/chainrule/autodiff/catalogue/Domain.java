package io.github.chainrule.autodiff.catalogue;

import org.apache.commons.math3.random.RandomGenerator;

/**
 * Where an operation's inputs may be sampled so that the operation is smooth there: inside
 * its mathematical domain and away from kinks, so that finite differences are meaningful.
 */
public enum Domain {
    /** Any moderate real number, in [−2, 2]. */
    REAL(-2, 2, false),
    /** Strictly positive, in [0.3, 3]: for log, sqrt, fractional powers. */
    POSITIVE(0.3, 3, false),
    /** ±[0.3, 2]: away from the kink at 0 of relu, abs, leakyRelu, and from division by 0. */
    AWAY_FROM_ZERO(0.3, 2, true);

    private final double low;
    private final double high;
    private final boolean randomSign;

    Domain(double low, double high, boolean randomSign) {
        this.low = low;
        this.high = high;
        this.randomSign = randomSign;
    }

    /** One value from this domain. */
    public double sample(RandomGenerator rng) {
        double magnitude = low + (high - low) * rng.nextDouble();
        return randomSign && rng.nextBoolean() ? -magnitude : magnitude;
    }

    /** Whether {@code value} lies in this domain. */
    public boolean contains(double value) {
        double magnitude = randomSign ? Math.abs(value) : value;
        return magnitude >= low && magnitude <= high;
    }

    /** The smallest distance between the domain and the nearest singular point or kink. */
    public double margin() {
        return this == REAL ? Double.POSITIVE_INFINITY : low;
    }
}
