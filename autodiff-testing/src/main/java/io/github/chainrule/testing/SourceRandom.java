package io.github.chainrule.testing;

import org.apache.commons.math3.random.AbstractRandomGenerator;
import org.quicktheories.core.RandomnessSource;
import org.quicktheories.impl.Constraint;

/**
 * A commons-math random generator that draws every number from a QuickTheories randomness
 * source, so that the catalogue's own samplers ({@code Samples}, {@code Domain}) can be reused
 * and their output still shrinks: each draw is recorded and shrunk by QuickTheories toward a
 * simple value (index 0, {@code false}, the middle of [0, 1)).
 */
final class SourceRandom extends AbstractRandomGenerator {
    /** Resolution of {@link #nextDouble()}: fine enough for finite differences to be unaffected. */
    private static final long DOUBLE_STEPS = 1L << 40;

    private final RandomnessSource source;

    SourceRandom(RandomnessSource source) {
        this.source = source;
    }

    /** An integer in [low, high] that shrinks toward {@code low}. */
    int between(int low, int high) {
        return (int) source.next(Constraint.between(low, high).withShrinkPoint(low));
    }

    @Override
    public int nextInt(int n) {
        return between(0, n - 1);
    }

    @Override
    public boolean nextBoolean() {
        return between(0, 1) == 1;
    }

    /**
     * A double in [0, 1) that shrinks toward ½: the middle of a domain's interval, which for
     * the real domain [−2, 2] is 0, the value most likely to expose a kink.
     */
    @Override
    public double nextDouble() {
        long draw = source.next(Constraint.between(0, DOUBLE_STEPS - 1).withShrinkPoint(DOUBLE_STEPS / 2));
        return (double) draw / DOUBLE_STEPS;
    }

    /** Seeds come from QuickTheories; a seed set here would defeat shrinking. */
    @Override
    public void setSeed(long seed) {
        throw new UnsupportedOperationException("draws come from QuickTheories and cannot be seeded");
    }
}
