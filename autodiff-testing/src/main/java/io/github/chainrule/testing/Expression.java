package io.github.chainrule.testing;

import io.github.chainrule.autodiff.Tensor;
import io.github.chainrule.autodiff.TensorFunction;
import io.github.chainrule.autodiff.catalogue.Domain;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A random differentiable expression over tensors: a directed acyclic graph of elementwise
 * operations on inputs x0, x1, …, in which a sub-expression may be used more than once.
 *
 * <pre>{@code
 * Expression e = ...;                 // e.g. tanh(mul(x0, log(softplus(x1)+0.3)))
 * Tensor y = e.evaluate(x0, x1);      // elementwise, broadcasting like its operations
 * GradCheck.assertCorrect(e.asFunction(), x0, x1);
 * }</pre>
 *
 * <p>Expressions print as formulas, shared sub-expressions written out at each use.
 * Immutable.
 */
public final class Expression {
    /**
     * One node: an input (op and guard absent), an operation, or a guard that moves its child
     * into a domain ({@link Domain#fromReal}). Children are indices of earlier nodes, so the
     * list is in topological order.
     */
    record Node(int input, ExpressionOp op, Domain guard, int[] children) {
        static Node input(int index) {
            return new Node(index, null, null, new int[0]);
        }

        static Node operation(ExpressionOp op, int[] children) {
            return new Node(-1, op, null, children);
        }

        static Node guard(int child, Domain domain) {
            return new Node(-1, null, domain, new int[] {child});
        }

        boolean isInput() {
            return op == null && guard == null;
        }

        /** Whether this node is a guard whose values lie in {@code domain} (the same map into it). */
        boolean guards(Domain domain) {
            return guard != null && guard.fromRealFormula("x").equals(domain.fromRealFormula("x"));
        }
    }

    private final List<Node> nodes;
    private final int inputs;

    /** @param nodes in topological order; the last is the result */
    Expression(List<Node> nodes, int inputs) {
        this.nodes = List.copyOf(nodes);
        this.inputs = inputs;
    }

    /** How many inputs the expression takes (x0 … x(n−1)); some may be unused. */
    public int inputCount() {
        return inputs;
    }

    /**
     * The number of operation nodes, each shared sub-expression counted once and each
     * guard (e.g. softplus(·)+0.3) counted as one node; inputs are not counted.
     */
    public int nodeCount() {
        int count = 0;
        for (Node node : nodes) {
            if (!node.isInput()) {
                count++;
            }
        }
        return count;
    }

    /** The names of the operations used, guards excluded. */
    public Set<String> operations() {
        Set<String> names = new HashSet<>();
        for (Node node : nodes) {
            if (node.op() != null) {
                names.add(node.op().name());
            }
        }
        return names;
    }

    /** Evaluates the expression; {@code inputs} must be broadcast-compatible. */
    public Tensor evaluate(Tensor... inputs) {
        Tensor[] values = values(inputs);
        return values[values.length - 1];
    }

    /** The value of every node, in node order. */
    private Tensor[] values(Tensor[] inputs) {
        if (inputs.length != this.inputs) {
            throw new IllegalArgumentException("expression " + this + " takes " + this.inputs + " inputs, got "
                    + inputs.length);
        }
        Tensor[] values = new Tensor[nodes.size()];
        for (int n = 0; n < values.length; n++) {
            Node node = nodes.get(n);
            if (node.isInput()) {
                values[n] = inputs[node.input()];
            } else if (node.guard() != null) {
                values[n] = node.guard().fromReal(values[node.children()[0]]);
            } else {
                Tensor[] arguments = new Tensor[node.children().length];
                for (int k = 0; k < arguments.length; k++) {
                    arguments[k] = values[node.children()[k]];
                }
                values[n] = node.op().apply(arguments);
            }
        }
        return values;
    }

    /** The expression as a function for gradient checking and the functional transforms. */
    public TensorFunction asFunction() {
        return this::evaluate;
    }

    /**
     * The largest magnitude of any value the expression computes at {@code inputs}: a cheap
     * measure of conditioning, since finite differences lose digits in proportion to it.
     */
    public double largestIntermediate(Tensor... inputs) {
        double largest = 0;
        for (Tensor value : values(inputs)) {
            for (double v : value.toArray()) {
                largest = Math.max(largest, Double.isNaN(v) ? Double.POSITIVE_INFINITY : Math.abs(v));
            }
        }
        return largest;
    }

    /** The formula, e.g. {@code tanh(mul(x0, log(softplus(x1)+0.3)))}. */
    @Override
    public String toString() {
        String[] text = new String[nodes.size()];
        for (int n = 0; n < text.length; n++) {
            Node node = nodes.get(n);
            if (node.isInput()) {
                text[n] = "x" + node.input();
            } else if (node.guard() != null) {
                text[n] = node.guard().fromRealFormula(text[node.children()[0]]);
            } else {
                List<String> arguments = new ArrayList<>();
                for (int child : node.children()) {
                    arguments.add(text[child]);
                }
                text[n] = node.op().format(arguments);
            }
        }
        return text[text.length - 1];
    }
}
