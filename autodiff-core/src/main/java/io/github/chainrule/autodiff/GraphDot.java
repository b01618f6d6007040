package io.github.chainrule.autodiff;

import io.github.chainrule.autodiff.engine.Node;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Renders a computation graph as Graphviz DOT, as micrograd's {@code draw_dot} does: one box
 * per value with its operation, value and gradient, and an arrow from each input to the
 * value computed from it. Intermediates show a gradient only when they {@code retainGrad()}. Works for scalar and tensor graphs alike (tensors show their shape
 * and, when small, their elements).
 */
public final class GraphDot {
    private static final int MAX_ELEMENTS_SHOWN = 6;

    private GraphDot() {
    }

    /** The DOT text of the graph that produced {@code root}, left to right. */
    public static String render(Node root) {
        Map<Node, Integer> ids = new IdentityHashMap<>();
        StringBuilder dot = new StringBuilder("digraph chainrule {\n  rankdir=LR;\n  node [shape=record, fontname=\"Helvetica\"];\n");
        Deque<Node> pending = new ArrayDeque<>();
        pending.push(root);
        ids.put(root, 0);
        while (!pending.isEmpty()) {
            Node node = pending.pop();
            int id = ids.get(node);
            dot.append("  n").append(id).append(" [label=\"{").append(String.join("|", label(node))).append("}\"];\n");
            for (Node input : node.inputs()) {
                Integer inputId = ids.get(input);
                if (inputId == null) {
                    inputId = ids.size();
                    ids.put(input, inputId);
                    pending.push(input);
                }
                dot.append("  n").append(inputId).append(" -> n").append(id).append(";\n");
            }
        }
        return dot.append("}\n").toString();
    }

    /** The record fields of a node's box: operation, value, gradient; each escaped for DOT. */
    private static String[] label(Node node) {
        String op = node.isLeaf() ? (node.needsGrad() ? "leaf" : "const") : node.op();
        if (node instanceof Scalar s) {
            return new String[] {escape(op), "value " + escape(number(s.value())), "grad " + (s.gradScalar() == null ? "none" : escape(number(s.grad())))};
        }
        Tensor t = (Tensor) node;
        return new String[] {escape(op + " " + t.shapeString()), "value " + escape(elements(t)),
            "grad " + escape(t.grad() == null ? "none" : elements(t.grad()))};
    }

    private static String elements(Tensor t) {
        if (t.size() > MAX_ELEMENTS_SHOWN) {
            return t.describeValues().replaceFirst("^shape \\S+ ", "");
        }
        StringBuilder text = new StringBuilder("[");
        double[] data = t.data;
        for (int i = 0; i < data.length; i++) {
            text.append(i == 0 ? "" : ", ").append(number(data[i]));
        }
        return text.append(']').toString();
    }

    private static String number(double v) {
        return TensorFormat.number(v);
    }

    private static String escape(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"").replace("{", "\\{").replace("}", "\\}")
                .replace("<", "\\<").replace(">", "\\>").replace("|", "\\|");
    }
}
