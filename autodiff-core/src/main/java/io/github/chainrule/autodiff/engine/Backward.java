package io.github.chainrule.autodiff.engine;

import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The one backward engine for scalar and tensor graphs. The whole algorithm is
 * {@link #sweep}: visit the recorded nodes in reverse topological order; at each, apply its
 * {@link BackwardRule} to the gradient gathered from its consumers, sum each input's
 * contribution back to the input's shape (un-broadcasting, the only place it happens), and add
 * it to what the input gathers. Leaves receive their total when the sweep completes.
 *
 * <p>Behind that loop sit two specialisations, each in its own class, that change how fast it
 * runs and never what it computes: how the order is found ({@link GraphOrder}, a search that
 * works for any graph, or {@link TapeOrder}, a walk down the thread's tape of scalar nodes),
 * and how single-valued gradients travel in a first-order sweep ({@link InDoubles}, plain
 * doubles instead of nodes). {@link Sweep} holds one sweep's state and {@link LeafGradients}
 * its leaves' gradients, exact when threads share leaves.
 *
 * <p>Rules run with grad mode set to {@code createGraph}: when true the gradients are recorded
 * and can be differentiated again; when false nothing is recorded.
 */
public final class Backward {
    private Backward() {
    }

    /**
     * Accumulates ∂root/∂leaf into {@code grad()} of every leaf that requires grad (and of
     * intermediates that retain their gradient).
     *
     * @param root the output to differentiate
     * @param outputGradient ∂L/∂root, or null to start from 1 (root must then be a single value)
     * @param createGraph record the backward computation so that the gradients can be
     *     differentiated again
     * @throws IllegalStateException when {@code root} was not recorded from anything that
     *     requires grad, when an input of a recorded operation was changed in place since, or
     *     when another backward is working through the same recorded nodes
     */
    public static void accumulate(Node root, Node outputGradient, boolean createGraph) {
        if (!root.requiresGrad) {
            throw nothingRecorded(root);
        }
        Node seed = seed(root, outputGradient);
        int stamp = Sweep.newStamp();
        ReverseOrder order = root.rule == null ? GraphOrder.of(stamp)
                : !createGraph && root.closedOnTape() ? new TapeOrder(stamp, root)
                : GraphOrder.of(stamp, root);
        Sweep sweep = new Sweep(order, createGraph, null, null);
        sweep.add(root, seed);
        sweep(sweep);
    }

    /**
     * Computes ∂(Σ_i ⟨outputGradient_i, output_i⟩)/∂wrt_j for each j without touching any
     * node's accumulated {@code grad()}: the functional form behind {@code Autodiff.grad}.
     *
     * @param outputGradients one per output; an element may be null for a single-valued output
     * @return one gradient per {@code wrt} node; a node the outputs do not depend on gets null
     */
    public static Node[] gradients(Node[] outputs, Node[] outputGradients, Node[] wrt, boolean createGraph) {
        return gradients(outputs, outputGradients, wrt, createGraph, 0);
    }

    /**
     * A mark for {@link #gradients(Node[], Node[], Node[], boolean, long)}: every node recorded
     * after this call has a larger {@link Node#id()} than it, every older one a number no larger.
     */
    public static long recordingMark() {
        return Node.newMark();
    }

    /**
     * {@link #gradients(Node[], Node[], Node[], boolean)} for {@code wrt} nodes made after
     * {@code mark} (from {@link #recordingMark()}), by nodes recorded after it: older recorded
     * nodes cannot lead to them, so the sweep neither visits them nor sends them gradient. This
     * lets a local sweep run from inside a derivative rule while the enclosing sweep holds
     * older nodes (forward mode's JVP derived from a VJP does).
     */
    public static Node[] gradients(Node[] outputs, Node[] outputGradients, Node[] wrt, boolean createGraph, long mark) {
        Map<Node, Integer> wanted = new IdentityHashMap<>();
        for (int j = 0; j < wrt.length; j++) {
            if (!wrt[j].requiresGrad) {
                throw new IllegalArgumentException("grad: input " + j + " of shape " + wrt[j].shapeString()
                        + " does not require grad, so no gradient can flow to it");
            }
            wanted.putIfAbsent(wrt[j], j);
        }
        Node[] seeds = new Node[outputs.length];
        for (int i = 0; i < outputs.length; i++) {
            seeds[i] = seed(outputs[i], outputGradients == null ? null : outputGradients[i]);
        }
        Node[] found = new Node[wrt.length];
        Sweep sweep = new Sweep(GraphOrder.newerThan(Sweep.newStamp(), mark, outputs), createGraph, wanted, found);
        for (int i = 0; i < outputs.length; i++) {
            if (outputs[i].requiresGrad) {
                sweep.add(outputs[i], seeds[i]);
            }
        }
        sweep(sweep);
        for (int j = 0; j < wrt.length; j++) {
            found[j] = found[wanted.get(wrt[j])];
        }
        return found;
    }

    /** The engine: one reverse loop over the recorded nodes. */
    private static void sweep(Sweep sweep) {
        ReverseOrder order = sweep.order;
        boolean previousMode = GradMode.set(sweep.createGraph);
        // Inside a sweep each rule's result is checked as a whole (naming the rule's op and
        // "backward"), so anomaly mode's forward check of the ops a rule is made of is paused.
        boolean previousSweep = sweep.anomaly && Anomaly.enterBackward(true);
        boolean completed = false;
        try {
            for (Node node = order.next(); node != null; node = order.next()) {
                node.checkSavedVersions();
                if (sweep.inDoubles && node.rule instanceof LocalRule local && InDoubles.visit(node, local, sweep)) {
                    continue;
                }
                Node gradient = sweep.take(node);
                if (gradient == null) {
                    continue;
                }
                sweep.report(node, gradient);
                Node[] contributions = node.rule.apply(gradient, node);
                for (int k = 0, arity = node.arity(); k < arity; k++) {
                    Node input = node.input(k);
                    if (!input.requiresGrad || contributions[k] == null) {
                        continue;
                    }
                    Node contribution = input.conformGradient(contributions[k]);
                    if (sweep.anomaly && producedNonFinite(gradient, contribution)) {
                        throw AnomalyException.inBackward(node, k, contribution);
                    }
                    sweep.add(input, contribution);
                }
            }
            sweep.finish();
            completed = true;
        } finally {
            GradMode.set(previousMode);
            if (sweep.anomaly) {
                Anomaly.enterBackward(previousSweep);
            }
            if (!completed) {
                sweep.abandon();
            }
            order.close(completed);
        }
    }

    private static Node seed(Node root, Node outputGradient) {
        if (outputGradient == null) {
            return root.seedGradient();
        }
        root.checkOutputGradient(outputGradient);
        return outputGradient;
    }

    private static IllegalStateException nothingRecorded(Node root) {
        return new IllegalStateException("backward: the output " + root.shapeString() + " ('" + root.op()
                + "') has no recorded graph, so no gradient can reach anything: none of its inputs requires grad "
                + "(call requiresGrad() on the parameters) or it was computed while recording was off "
                + "(inside Grad.disabled())");
    }

    /**
     * True when a rule turned a finite upstream gradient into a non-finite contribution (or a
     * NaN-free one into a NaN): the first place a bad gradient arises, not where it is carried.
     */
    private static boolean producedNonFinite(Node upstream, Node contribution) {
        return contribution.hasNonFinite()
                && (!upstream.hasNonFinite() || contribution.hasNaN() && !upstream.hasNaN());
    }
}
