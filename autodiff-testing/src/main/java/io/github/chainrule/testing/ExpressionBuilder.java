package io.github.chainrule.testing;

import io.github.chainrule.autodiff.catalogue.Domain;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Builds one expression top-down from QuickTheories draws, laid out so that shrinking the
 * draws toward their targets (zero) simplifies the structure, not only the numbers:
 * <ul>
 *   <li>an operation choice of 0 means "no operation here", so a node shrinks away and its
 *       first operand takes its place — wrappers around a failing operation disappear;
 *   <li>an operand kind of 0 is an input, so whole sub-expressions shrink to a leaf;
 *   <li>input and shared-node indices shrink toward x0 and the oldest node.
 * </ul>
 * Operand kind 1 reuses an already built node, which makes sub-expressions shared; kinds 2 and
 * above build a new node.
 */
final class ExpressionBuilder {
    private static final int INPUT = 0;
    private static final int SHARED = 1;
    private static final int FRESH = 2;
    /** Kinds FRESH..LAST_KIND all build a new node: half of all operands, so graphs are not all tiny. */
    private static final int LAST_KIND = 3;

    private final ExpressionSpace space;
    private final SourceRandom random;
    private final List<Expression.Node> nodes = new ArrayList<>();
    private final List<Integer> built = new ArrayList<>();
    private final int[] inputNodes;
    private int budget;

    ExpressionBuilder(ExpressionSpace space, SourceRandom random) {
        this.space = space;
        this.random = random;
        this.inputNodes = new int[space.inputs()];
        Arrays.fill(inputNodes, -1);
        this.budget = space.maxNodes();
    }

    Expression build() {
        int root = node(0);
        // Top-down building appends a node after its operands, so the root comes last; a
        // root that is an input is then the only node.
        if (root != nodes.size() - 1) {
            throw new IllegalStateException("root " + root + " is not the last of " + nodes.size() + " nodes");
        }
        return new Expression(nodes, space.inputs());
    }

    private int node(int depth) {
        List<ExpressionOp> ops = space.operations();
        int choice = random.between(0, ops.size());
        if (choice == 0 || budget == 0) {
            return operand(depth + 1);
        }
        budget--;
        ExpressionOp op = ops.get(choice - 1);
        int[] children = new int[op.arity()];
        for (int k = 0; k < children.length; k++) {
            int child = operand(depth + 1);
            Domain domain = op.domain(k);
            children[k] = domain == Domain.REAL || nodes.get(child).guards(domain) ? child : append(
                    Expression.Node.guard(child, domain));
        }
        return append(Expression.Node.operation(op, children));
    }

    private int operand(int depth) {
        int kind = random.between(INPUT, LAST_KIND);
        if (kind >= FRESH && budget > 0 && depth <= space.maxNodes()) {
            return node(depth);
        }
        if (kind == SHARED && !built.isEmpty()) {
            return built.get(random.between(0, built.size() - 1));
        }
        return input(random.between(0, space.inputs() - 1));
    }

    private int input(int index) {
        if (inputNodes[index] < 0) {
            inputNodes[index] = nodes.size();
            nodes.add(Expression.Node.input(index));
        }
        return inputNodes[index];
    }

    private int append(Expression.Node node) {
        nodes.add(node);
        built.add(nodes.size() - 1);
        return nodes.size() - 1;
    }
}
