package io.github.chainrule.autodiff.check;

import io.github.chainrule.autodiff.Autodiff;
import io.github.chainrule.autodiff.Tensor;
import io.github.chainrule.autodiff.TensorFunction;
import io.github.chainrule.autodiff.engine.Node;
import io.github.chainrule.autodiff.engine.Replay;
import io.github.chainrule.autodiff.engine.Tracing;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Op-level blame for a failed gradient check: which recorded operation's own vector-Jacobian
 * product disagrees with finite differences of its own forward.
 *
 * <p>The function is run once more with {@link Tracing} on, so that every recorded node keeps
 * where the user's code created it and, when its operation offers one, a {@link Replay}. The
 * nodes reachable from the output are then visited in creation order (a topological order),
 * and each replayable node is gradient-checked on its own, at the input values it saw. The
 * first one that fails is the culprit: an error upstream of it cannot be explained by ops
 * that were created later. Every tensor operation is replayable, built-in and custom alike:
 * a built-in one is blamed when the function hits a point where it is not differentiable
 * (relu or abs at 0, a tie of max), a custom one also when its VJP is simply wrong.
 */
final class Blame {
    /** Above this many input elements a node is checked by projections, not its full Jacobian. */
    private static final int FULL_JACOBIAN_LIMIT = 64;
    private static final int PROJECTIONS = 8;

    private Blame() {
    }

    /**
     * The first recorded operation of f at {@code inputs} whose VJP disagrees with finite
     * differences of its forward, described for a person; null when none can be blamed.
     */
    static String find(GradCheck checker, TensorFunction f, Tensor[] inputs) {
        Tensor output;
        boolean previous = Tracing.set(true);
        try {
            output = Autodiff.recorded(f, Autodiff.freshLeaves(inputs));
        } catch (RuntimeException e) {
            // A function that fails when re-run cannot be traced; the report stands without blame.
            return null;
        } finally {
            Tracing.set(previous);
        }
        for (Node node : inCreationOrder(output)) {
            String verdict = check(checker, node);
            if (verdict != null) {
                return verdict;
            }
        }
        return null;
    }

    /** Every node reachable from {@code output}, oldest first; iterative, for deep graphs. */
    private static List<Node> inCreationOrder(Node output) {
        Map<Node, Boolean> seen = new IdentityHashMap<>();
        Deque<Node> todo = new ArrayDeque<>();
        todo.push(output);
        seen.put(output, Boolean.TRUE);
        List<Node> nodes = new ArrayList<>();
        while (!todo.isEmpty()) {
            Node node = todo.pop();
            nodes.add(node);
            for (Node input : node.inputs()) {
                if (seen.put(input, Boolean.TRUE) == null) {
                    todo.push(input);
                }
            }
        }
        nodes.sort(Comparator.comparingLong(Node::id));
        return Collections.unmodifiableList(nodes);
    }

    /** The node's own gradient check, described when it fails; null when it passes or cannot run. */
    private static String check(GradCheck checker, Node node) {
        Replay replay = node.replay();
        if (replay == null) {
            return null;
        }
        Node[] recorded = node.inputs();
        Tensor[] values = new Tensor[recorded.length];
        int elements = 0;
        for (int i = 0; i < recorded.length; i++) {
            if (!(recorded[i] instanceof Tensor)) {
                return null;
            }
            values[i] = ((Tensor) recorded[i]).detach();
            elements += values[i].size();
        }
        GradCheck local = elements <= FULL_JACOBIAN_LIMIT ? checker.projections(0) : checker.projections(PROJECTIONS);
        GradCheckReport report = local.compare("op check", in -> (Tensor) replay.apply(in), values);
        if (report.passed()) {
            return null;
        }
        return describe(node, values) + ": its VJP disagrees with finite differences of its own forward; "
                + report.mismatches().get(0);
    }

    private static String describe(Node node, Tensor[] inputs) {
        StringJoiner shapes = new StringJoiner(", ");
        for (Tensor input : inputs) {
            shapes.add(input.shapeString());
        }
        String where = node.creationSite() == null ? "" : " created at " + node.creationSite();
        return "op '" + node.op() + "' with inputs of shape " + shapes + where;
    }
}
