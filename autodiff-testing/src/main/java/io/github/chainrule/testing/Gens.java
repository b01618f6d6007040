package io.github.chainrule.testing;

import io.github.chainrule.autodiff.Tensor;
import io.github.chainrule.autodiff.catalogue.Domain;
import io.github.chainrule.autodiff.catalogue.Samples;
import java.util.Arrays;
import org.quicktheories.core.Gen;

/**
 * QuickTheories generators for properties of differentiable code: shapes, broadcast-compatible
 * shape pairs, tensors with values in a {@link Domain}, batches, and random expression graphs
 * over the op catalogue (and any operations of your own).
 *
 * <pre>{@code
 * qt().forAll(Gens.batches(32, 4)).checkAssert(x -> GradCheck.assertCorrect(myLoss, x));
 * }</pre>
 *
 * <p>Every generator shrinks: shapes toward rank 0 and size-1 axes, values toward the middle
 * of their domain (0 for {@link Domain#REAL}), and expressions toward fewer, simpler nodes —
 * a failing expression is reported as the smallest one QuickTheories could find.
 *
 * <p>The generators are built on QuickTheories, which is stable but no longer developed; only
 * the {@code Gen} type shows through, so that the engine underneath can change.
 */
public final class Gens {
    private static final int MAX_RANK = 3;

    private Gens() {
    }

    /** Shapes of rank 0 to 3 with dimensions 1 to 4. */
    public static Gen<int[]> shapes() {
        return shapes(0, MAX_RANK);
    }

    /** Shapes of rank {@code minRank} to {@code maxRank} with dimensions 1 to 4. */
    public static Gen<int[]> shapes(int minRank, int maxRank) {
        if (minRank < 0 || maxRank < minRank) {
            throw new IllegalArgumentException("shapes: ranks must satisfy 0 <= minRank <= maxRank, got " + minRank
                    + " and " + maxRank);
        }
        Gen<int[]> gen = source -> Samples.shape(new SourceRandom(source), minRank, maxRank);
        return gen.describedAs(Gens::str);
    }

    /**
     * Pairs of shapes that broadcast together under NumPy's rules, either one the larger:
     * {@code pair[0]} and {@code pair[1]}.
     */
    public static Gen<int[][]> broadcastPairs() {
        Gen<int[][]> gen = source -> broadcastPair(new SourceRandom(source));
        return gen.describedAs(pair -> str(pair[0]) + " with " + str(pair[1]));
    }

    /** Tensors of {@code shape} with every value in {@code domain}. */
    public static Gen<Tensor> tensors(Domain domain, int... shape) {
        int[] fixed = shape.clone();
        return source -> Samples.tensor(new SourceRandom(source), domain, fixed);
    }

    /** Tensors of any shape from {@link #shapes()} with every value in {@code domain}. */
    public static Gen<Tensor> tensors(Domain domain) {
        return source -> {
            SourceRandom random = new SourceRandom(source);
            return Samples.tensor(random, domain, Samples.shape(random, 0, MAX_RANK));
        };
    }

    /** Batches of {@code rows} examples of {@code columns} features, values in [−2, 2]. */
    public static Gen<Tensor> batches(int rows, int columns) {
        return batches(rows, columns, Domain.REAL);
    }

    /** Batches of {@code rows} examples of {@code columns} features, values in {@code domain}. */
    public static Gen<Tensor> batches(int rows, int columns, Domain domain) {
        return tensors(domain, rows, columns);
    }

    /** Random expressions over the smooth catalogue operations ({@link ExpressionSpace#catalogue()}). */
    public static Gen<Expression> expressions() {
        return expressions(ExpressionSpace.catalogue());
    }

    /** Random expressions over {@code space}, with shared sub-expressions. */
    public static Gen<Expression> expressions(ExpressionSpace space) {
        return source -> new ExpressionBuilder(space, new SourceRandom(source)).build();
    }

    /**
     * Random expressions over {@code space} together with inputs: real values in [−2, 2], in
     * broadcast-compatible shapes (one input of the full shape, the others broadcast partners).
     * Expression and values shrink together.
     */
    public static Gen<GraphCase> graphCases(ExpressionSpace space) {
        Gen<Expression> expressions = expressions(space);
        return source -> {
            Expression expression = expressions.generate(source);
            SourceRandom random = new SourceRandom(source);
            int[] full = Samples.shape(random, 0, MAX_RANK);
            Tensor[] inputs = new Tensor[space.inputs()];
            int wide = random.between(0, inputs.length - 1);
            for (int i = 0; i < inputs.length; i++) {
                int[] shape = i == wide ? full : Samples.broadcastPartner(random, full);
                inputs[i] = Samples.tensor(random, Domain.REAL, shape);
            }
            return new GraphCase(expression, inputs);
        };
    }

    private static int[][] broadcastPair(SourceRandom random) {
        int[] full = Samples.shape(random, 0, MAX_RANK);
        int[] partner = Samples.broadcastPartner(random, full);
        return random.nextBoolean() ? new int[][] {partner, full} : new int[][] {full, partner};
    }

    private static String str(int[] shape) {
        return Arrays.toString(shape).replace('[', '(').replace(']', ')').replace(" ", "");
    }
}
