package io.github.chainrule.testing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What random expressions are made of: the operations to choose from, how many inputs, and
 * how many operations at most. Immutable; each setter returns a new space.
 *
 * <pre>{@code
 * ExpressionSpace space = ExpressionSpace.catalogue().with(ExpressionOp.of(myOp, Domain.REAL)).maxNodes(5);
 * qt().forAll(Gens.expressions(space)) ...
 * }</pre>
 */
public final class ExpressionSpace {
    private static final int DEFAULT_INPUTS = 2;
    private static final int DEFAULT_MAX_NODES = 6;

    private final List<ExpressionOp> operations;
    private final int inputs;
    private final int maxNodes;

    private ExpressionSpace(List<ExpressionOp> operations, int inputs, int maxNodes) {
        if (operations.isEmpty()) {
            throw new IllegalArgumentException("an expression space needs at least one operation");
        }
        if (inputs < 1 || maxNodes < 1) {
            throw new IllegalArgumentException("an expression space needs at least one input and one node, got "
                    + inputs + " inputs and " + maxNodes + " nodes");
        }
        this.operations = List.copyOf(operations);
        this.inputs = inputs;
        this.maxNodes = maxNodes;
    }

    /**
     * The op catalogue's elementwise operations that are smooth wherever their domain holds
     * (all but clamp, maximum, minimum and where), on two inputs, with at most six operations.
     */
    public static ExpressionSpace catalogue() {
        return new ExpressionSpace(CatalogueOps.smooth(), DEFAULT_INPUTS, DEFAULT_MAX_NODES);
    }

    /** Only the given operations, on two inputs, with at most six operations. */
    public static ExpressionSpace of(ExpressionOp... operations) {
        return new ExpressionSpace(Arrays.asList(operations), DEFAULT_INPUTS, DEFAULT_MAX_NODES);
    }

    /** This space with more operations to choose from. */
    public ExpressionSpace with(ExpressionOp... more) {
        List<ExpressionOp> all = new ArrayList<>(operations);
        all.addAll(Arrays.asList(more));
        return new ExpressionSpace(all, inputs, maxNodes);
    }

    /** This space with expressions of {@code count} inputs. */
    public ExpressionSpace inputs(int count) {
        return new ExpressionSpace(operations, count, maxNodes);
    }

    /**
     * This space with at most {@code count} operations per expression (softplus(·)+0.3
     * guards, added where a domain requires, come on top).
     */
    public ExpressionSpace maxNodes(int count) {
        return new ExpressionSpace(operations, inputs, count);
    }

    /** The operations to choose from. */
    public List<ExpressionOp> operations() {
        return operations;
    }

    /** The number of inputs of each expression. */
    public int inputs() {
        return inputs;
    }

    /** The largest number of operations in an expression, guards not counted. */
    public int maxNodes() {
        return maxNodes;
    }
}
