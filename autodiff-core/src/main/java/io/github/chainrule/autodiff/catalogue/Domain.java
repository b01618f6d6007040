package io.github.chainrule.autodiff.catalogue;

import io.github.chainrule.autodiff.Tensor;
import java.util.List;
import java.util.Objects;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * Where an operation's inputs may be sampled so that the operation is smooth there: inside
 * its mathematical domain and away from kinks, so that finite differences are meaningful.
 *
 * <p>Three domains are built in ({@link #REAL}, {@link #POSITIVE}, {@link #AWAY_FROM_ZERO});
 * a property test of a custom loss can state its own, where such losses break:
 * <pre>{@code
 * Domain probabilities = Domain.between(0.001, 0.999).named("probabilities");
 * Domain tiny = Domain.logUniform(1e-8, 1e-3);                     // near-zero positives
 * Domain huge = Domain.logUniform(1e3, 1e8).eitherSign();          // large magnitudes, ±
 * qt().forAll(Gens.tensors(probabilities)).checkAssert(p -> ...);
 * }</pre>
 * Each domain also says how to move any real number into it ({@link #fromReal}): how random
 * expressions feed an operation restricted to the domain.
 */
public final class Domain {
    /** Any moderate real number, in [−2, 2]. */
    public static final Domain REAL = new Domain("REAL", -2, 2, false, false, true);
    /** Strictly positive, in [0.3, 3]: for log, sqrt, fractional powers. */
    public static final Domain POSITIVE = new Domain("POSITIVE", 0.3, 3, false, false, true);
    /** ±[0.3, 2]: away from the kink at 0 of relu, abs, leakyRelu, and from division by 0. */
    public static final Domain AWAY_FROM_ZERO = new Domain("AWAY_FROM_ZERO", 0.3, 2, true, false, true);

    private static final List<Domain> BUILT_IN = List.of(REAL, POSITIVE, AWAY_FROM_ZERO);
    /** softplus(·) + 0.3 ≥ 0.3: how the built-in restricted domains are reached from any real. */
    private static final double GUARD_OFFSET = 0.3;

    private final String name;
    private final double low;
    private final double high;
    private final boolean randomSign;
    private final boolean logarithmic;
    private final boolean builtIn;

    private Domain(String name, double low, double high, boolean randomSign, boolean logarithmic, boolean builtIn) {
        this.name = name;
        this.low = low;
        this.high = high;
        this.randomSign = randomSign;
        this.logarithmic = logarithmic;
        this.builtIn = builtIn;
    }

    /**
     * Values uniform in [low, high], e.g. {@code between(0.001, 0.999)} for probabilities.
     *
     * @throws IllegalArgumentException unless low &lt; high, both finite
     */
    public static Domain between(double low, double high) {
        check("between", low, high);
        return new Domain("between(" + low + ", " + high + ")", low, high, false, false, false);
    }

    /**
     * Positive values whose logarithm is uniform in [ln low, ln high], so that every order of
     * magnitude is sampled equally: {@code logUniform(1e-8, 1e-3)} for near-zero positives,
     * {@code logUniform(1e3, 1e8)} for large magnitudes.
     *
     * @throws IllegalArgumentException unless 0 &lt; low &lt; high, both finite
     */
    public static Domain logUniform(double low, double high) {
        check("logUniform", low, high);
        if (!(low > 0)) {
            throw new IllegalArgumentException("Domain.logUniform: the lower bound must be positive, got " + low);
        }
        return new Domain("logUniform(" + low + ", " + high + ")", low, high, false, true, false);
    }

    private static void check(String factory, double low, double high) {
        if (!(Double.isFinite(low) && Double.isFinite(high) && low < high)) {
            throw new IllegalArgumentException("Domain." + factory + ": needs finite bounds low < high, got [" + low
                    + ", " + high + "]");
        }
    }

    /**
     * This domain's magnitudes with a random sign (±[low, high]); for a domain of positive
     * values, e.g. large magnitudes of either sign.
     *
     * @throws IllegalArgumentException when this domain reaches 0 or below
     */
    public Domain eitherSign() {
        if (!(low > 0)) {
            throw new IllegalArgumentException("Domain.eitherSign: " + this + " reaches " + low
                    + "; only a domain of positive values can take either sign");
        }
        return new Domain("±" + name, low, high, true, logarithmic, false);
    }

    /** This domain under another name, for messages and formulas. */
    public Domain named(String newName) {
        return new Domain(Objects.requireNonNull(newName, "name"), low, high, randomSign, logarithmic, builtIn);
    }

    /** The built-in domains: {@link #REAL}, {@link #POSITIVE}, {@link #AWAY_FROM_ZERO}. */
    public static Domain[] values() {
        return BUILT_IN.toArray(new Domain[0]);
    }

    /** One value from this domain. */
    public double sample(RandomGenerator rng) {
        double u = rng.nextDouble();
        double magnitude = logarithmic ? Math.exp(Math.log(low) + (Math.log(high) - Math.log(low)) * u)
                : low + (high - low) * u;
        magnitude = Math.min(Math.max(magnitude, low), high);
        return randomSign && rng.nextBoolean() ? -magnitude : magnitude;
    }

    /** Whether {@code value} lies in this domain. */
    public boolean contains(double value) {
        double magnitude = randomSign ? Math.abs(value) : value;
        return magnitude >= low && magnitude <= high;
    }

    /** The smallest distance between the domain and 0, the commonest singular point or kink. */
    public double margin() {
        if (this == REAL) {
            return Double.POSITIVE_INFINITY;
        }
        return low > 0 || randomSign ? low : high < 0 ? -high : 0;
    }

    /** The lower bound (of the magnitude, for a domain of either sign). */
    public double low() {
        return low;
    }

    /** The upper bound (of the magnitude, for a domain of either sign). */
    public double high() {
        return high;
    }

    /**
     * A smooth map of any real number into this domain, written with differentiable
     * operations: the identity for {@link #REAL}; softplus(x) + 0.3 for the built-in
     * restricted domains (at least 0.3); low + (high − low)·σ(x) for {@link #between}, and its
     * exponential on the log scale for {@link #logUniform} (positive values for
     * {@link #eitherSign}).
     */
    public Tensor fromReal(Tensor x) {
        if (this == REAL || builtIn && equalsBounds(REAL)) {
            return x;
        }
        if (builtIn) {
            return x.softplus().add(GUARD_OFFSET);
        }
        if (logarithmic) {
            return x.sigmoid().mul(Math.log(high) - Math.log(low)).add(Math.log(low)).exp();
        }
        return x.sigmoid().mul(high - low).add(low);
    }

    /** {@link #fromReal} as a formula around {@code argument}, e.g. {@code softplus(x0)+0.3}. */
    public String fromRealFormula(String argument) {
        if (this == REAL || builtIn && equalsBounds(REAL)) {
            return argument;
        }
        if (builtIn) {
            return "softplus(" + argument + ")+" + GUARD_OFFSET;
        }
        if (logarithmic) {
            return "exp(" + Math.log(low) + "+" + (Math.log(high) - Math.log(low)) + "·σ(" + argument + "))";
        }
        return low + "+" + (high - low) + "·σ(" + argument + ")";
    }

    private boolean equalsBounds(Domain other) {
        return low == other.low && high == other.high && randomSign == other.randomSign;
    }

    @Override
    public String toString() {
        return name;
    }
}
