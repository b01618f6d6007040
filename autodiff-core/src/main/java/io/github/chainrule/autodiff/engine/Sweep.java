package io.github.chainrule.autodiff.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The state of one backward sweep: its order, where gradients are gathered, and what it reports.
 * A recorded node gathers its gradient in its own scratch slots ({@code pending}, and
 * {@code pendingValue} for {@link InDoubles}) while the sweep holds it; leaves gather theirs in
 * {@link LeafGradients}. Nothing outside the sweep changes until {@link #finish()}: leaves'
 * and retained intermediates' {@code grad()} are written only then.
 */
final class Sweep {
    private static final AtomicInteger STAMPS = new AtomicInteger();

    final ReverseOrder order;
    private final int stamp;
    final boolean createGraph;
    final boolean anomaly;
    /** Single-valued gradients travel as doubles: first order, no anomaly checks. */
    final boolean inDoubles;
    /** For a functional sweep: the nodes whose gradient is wanted, and where it goes. */
    private final Map<Node, Integer> wanted;
    private final Node[] found;
    private final LeafGradients leaves;
    private List<Node> retained;
    private List<Node> retainedGradients;

    Sweep(ReverseOrder order, boolean createGraph, Map<Node, Integer> wanted, Node[] found) {
        this.order = order;
        this.stamp = order.stamp;
        this.createGraph = createGraph;
        this.anomaly = Anomaly.isEnabled();
        this.inDoubles = !createGraph && !anomaly;
        this.wanted = wanted;
        this.found = found;
        this.leaves = new LeafGradients(order.stamp);
    }

    /**
     * A stamp for a new sweep: never 0, and unique across threads among the sweeps running at
     * once (the counter wraps after 2³² sweeps; a stamp is on a node only while a sweep holds
     * it, so an old sweep's stamp is never met again).
     */
    static int newStamp() {
        int stamp;
        do {
            stamp = STAMPS.incrementAndGet();
        } while (stamp == 0);
        return stamp;
    }

    /** Whether {@code node}'s gradient must be reported as a node (kept, or wanted). */
    boolean reports(Node node) {
        return node.retainsGrad || wanted != null && wanted.containsKey(node);
    }

    /** Adds ∂L/∂input, already of the input's shape, to what the sweep gathers for it. */
    void add(Node input, Node contribution) {
        if (input.rule == null) {
            if (wanted == null || wanted.containsKey(input)) {
                leaves.add(input, contribution);
            }
            return;
        }
        if (input.visitStamp != stamp) {
            if (order.excludes(input)) {
                return;
            }
            order.reach(input);
        }
        input.pending = input.pending == null ? contribution : input.addGradients(input.pending, contribution);
    }

    /** {@link #add} for a single-valued contribution held as a double. */
    void addValue(Node input, double contribution) {
        if (input.rule == null) {
            if (wanted == null || wanted.containsKey(input)) {
                leaves.addValue(input, contribution);
            }
            return;
        }
        if (input.visitStamp != stamp) {
            if (order.excludes(input)) {
                return;
            }
            order.reach(input);
        }
        if (input.pendingHasValue) {
            input.pendingValue += contribution;
        } else {
            input.pendingValue = contribution;
            input.pendingHasValue = true;
        }
    }

    /** The gradient gathered for a recorded node, as one node (null when none reached it). */
    Node take(Node node) {
        Node gradient = node.pending;
        node.pending = null;
        if (node.pendingHasValue) {
            Node value = node.gradientOfValue(node.pendingValue);
            gradient = gradient == null ? value : node.addGradients(gradient, value);
            node.pendingHasValue = false;
            node.pendingValue = 0;
        }
        return gradient;
    }

    /** Reports a recorded node's complete gradient: kept when it retains it, or wanted. */
    void report(Node node, Node gradient) {
        if (wanted != null) {
            Integer slot = wanted.get(node);
            if (slot != null) {
                found[slot] = gradient;
            }
        } else if (node.retainsGrad) {
            if (retained == null) {
                retained = new ArrayList<>();
                retainedGradients = new ArrayList<>();
            }
            retained.add(node);
            retainedGradients.add(gradient);
        }
    }

    /** The sweep completed: writes the gathered gradients into {@code grad()} (or {@code found}). */
    void finish() {
        leaves.deliver(wanted, found);
        if (retained != null) {
            for (int i = 0; i < retained.size(); i++) {
                Node node = retained.get(i);
                Node gradient = retainedGradients.get(i);
                node.grad = node.grad == null ? gradient : node.addGradients(node.grad, gradient);
            }
        }
    }

    /** The sweep failed: forgets everything it gathered. */
    void abandon() {
        leaves.abandon();
    }
}
