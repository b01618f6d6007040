package io.github.chainrule.autodiff.engine;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The one backward engine for scalar and tensor graphs: a reverse sweep over the graph in
 * topological order, applying each node's {@link BackwardRule} and summing gradients where
 * a value fans out.
 *
 * <p>The order is found by an iterative depth-first search (never recursion, so a chain of a
 * million nodes needs no deep stack). Rules run with grad mode set to {@code createGraph}: when
 * true, the gradients are themselves recorded and can be differentiated again; when false,
 * nothing is recorded and a sweep costs no more than plain first-order backward.
 */
public final class Backward {
    private static final AtomicLong SWEEPS = new AtomicLong();

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
     */
    public static void accumulate(Node root, Node outputGradient, boolean createGraph) {
        Node seed = seed(root, outputGradient);
        if (!createGraph && root.closedOnTape() && !Anomaly.isEnabled()) {
            sweepTape(root, seed, Tape.mine());
            return;
        }
        List<Node> order = topologicalOrder(new Node[] {root});
        root.pending = seed;
        sweep(order, createGraph, null, null);
    }

    /**
     * Computes ∂(Σ_i ⟨outputGradient_i, output_i⟩)/∂wrt_j for each j without touching any
     * node's accumulated {@code grad()}: the functional form behind {@code Autodiff.grad}.
     *
     * @param outputGradients one per output; an element may be null for a single-valued output
     * @return one gradient per {@code wrt} node; a node the outputs do not depend on gets null
     */
    public static Node[] gradients(Node[] outputs, Node[] outputGradients, Node[] wrt, boolean createGraph) {
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
        List<Node> order = topologicalOrder(outputs);
        for (int i = 0; i < outputs.length; i++) {
            if (outputs[i].requiresGrad) {
                outputs[i].pending = outputs[i].pending == null ? seeds[i]
                        : outputs[i].addGradients(outputs[i].pending, seeds[i]);
            }
        }
        Node[] found = new Node[wrt.length];
        sweep(order, createGraph, wanted, found);
        for (int j = 0; j < wrt.length; j++) {
            Integer first = wanted.get(wrt[j]);
            found[j] = found[first];
        }
        return found;
    }

    private static Node seed(Node root, Node outputGradient) {
        if (outputGradient == null) {
            return root.seedGradient();
        }
        root.checkOutputGradient(outputGradient);
        return outputGradient;
    }

    /**
     * Nodes reachable from the roots through nodes that require grad, each after all of its
     * inputs (depth-first post-order, kept on an explicit stack).
     */
    static List<Node> topologicalOrder(Node[] roots) {
        long stamp = SWEEPS.incrementAndGet();
        // The search's stack and the order are per-thread arrays reused from sweep to sweep:
        // a micrograd step orders ~65,000 nodes, and growing fresh lists to that size every
        // sweep was a visible part of its cost. Sweeps can nest (a custom operation's backward
        // may run one), so a sweep takes the arrays and gives them back when done.
        Scratch scratch = SCRATCH.get();
        Node[] stack = scratch.stack;
        int[] next = scratch.next;
        Node[] order = scratch.order;
        scratch.stack = null;
        scratch.next = null;
        scratch.order = null;
        // Each may be missing: a nested sweep holds them, or a tape sweep borrowed only one.
        if (stack == null) {
            stack = new Node[64];
        }
        if (next == null || next.length < stack.length) {
            next = new int[stack.length];
        }
        if (order == null) {
            order = new Node[64];
        }
        int size = 0;
        Tape tape = Tape.mine();
        Node[][] grown = {stack, order};
        int taped = tapeOrder(roots, stamp, tape, grown);
        stack = grown[0];
        order = grown[1];
        if (next.length < stack.length) {
            next = Arrays.copyOf(next, stack.length);
        }
        if (taped >= 0) {
            tape.clear();
            return new Order(order, taped, scratch, stack, next);
        }
        stamp = SWEEPS.incrementAndGet();
        for (Node root : roots) {
            if (!root.requiresGrad || root.visitStamp == stamp) {
                continue;
            }
            int depth = 0;
            stack[0] = root;
            next[0] = 0;
            root.visitStamp = stamp;
            while (depth >= 0) {
                Node node = stack[depth];
                Node[] inputs = node.inputs;
                int k = next[depth];
                if (k < inputs.length) {
                    Node input = inputs[k];
                    next[depth] = k + 1;
                    if (input.requiresGrad && input.visitStamp != stamp) {
                        input.visitStamp = stamp;
                        if (++depth == stack.length) {
                            stack = Arrays.copyOf(stack, depth * 2);
                            next = Arrays.copyOf(next, depth * 2);
                        }
                        stack[depth] = input;
                        next[depth] = 0;
                    }
                } else {
                    if (size == order.length) {
                        order = Arrays.copyOf(order, size * 2);
                    }
                    order[size++] = node;
                    stack[depth--] = null;
                }
            }
        }
        return new Order(order, size, scratch, stack, next);
    }

    /**
     * The order found by walking this thread's {@link Tape} backwards from the roots: a node is
     * taken when a node taken before it (or a root) uses it, and the walk stops once every such
     * node has been reached. Leaves are gathered aside and put first (they have no inputs, so
     * any place before their consumers will do). Returns the number of nodes placed in
     * {@code arrays[1]} (arrays[0] is scratch space; both may be replaced by larger ones), or
     * −1 when the tape cannot answer: then the caller searches the graph instead.
     */
    private static int tapeOrder(Node[] roots, long stamp, Tape tape, Node[][] arrays) {
        Node[] leaves = arrays[0];
        Node[] order = arrays[1];
        int leafCount = 0;
        int size = 0;
        int outstanding = 0;
        Tape.Segment segment = null;
        int slot = -1;
        for (Node root : roots) {
            if (!root.requiresGrad || root.visitStamp == stamp) {
                continue;
            }
            root.visitStamp = stamp;
            if (root.rule == null) {
                if (leafCount == leaves.length) {
                    leaves = Arrays.copyOf(leaves, leafCount * 2);
                }
                leaves[leafCount++] = root;
                continue;
            }
            Tape.Segment s = root.segment;
            if (!tape.holds(root)) {
                return giveUp(arrays, leaves, leafCount, order, size);
            }
            int at = s.size - 1;
            while (s.nodes[at] != root) {
                at--;
            }
            outstanding++;
            if (segment == null || s.number > segment.number || s == segment && at > slot) {
                segment = s;
                slot = at;
            }
        }
        while (outstanding > 0) {
            if (slot < 0) {
                segment = tape.previous(segment);
                if (segment == null) {
                    return giveUp(arrays, leaves, leafCount, order, size);
                }
                slot = segment.size - 1;
                continue;
            }
            Node node = segment.nodes[slot--];
            if (node.visitStamp != stamp) {
                continue;
            }
            outstanding--;
            if (size == order.length) {
                order = Arrays.copyOf(order, size * 2);
            }
            order[size++] = node;
            for (Node input : node.inputs) {
                if (!input.requiresGrad || input.visitStamp == stamp) {
                    continue;
                }
                input.visitStamp = stamp;
                if (input.rule == null) {
                    if (leafCount == leaves.length) {
                        leaves = Arrays.copyOf(leaves, leafCount * 2);
                    }
                    leaves[leafCount++] = input;
                } else if (tape.holds(input)) {
                    outstanding++;
                } else {
                    return giveUp(arrays, leaves, leafCount, order, size);
                }
            }
        }
        // order holds consumers before their inputs: reverse it, with the leaves in front.
        if (order.length < size + leafCount) {
            order = Arrays.copyOf(order, Math.max(order.length * 2, size + leafCount));
        }
        for (int i = 0, j = size - 1; i < j; i++, j--) {
            Node t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        System.arraycopy(order, 0, order, leafCount, size);
        System.arraycopy(leaves, 0, order, 0, leafCount);
        Arrays.fill(leaves, 0, leafCount, null);
        arrays[0] = leaves;
        arrays[1] = order;
        return size + leafCount;
    }

    private static int giveUp(Node[][] arrays, Node[] leaves, int leafCount, Node[] order, int size) {
        Arrays.fill(order, 0, size, null);
        Arrays.fill(leaves, 0, leafCount, null);
        arrays[0] = leaves;
        arrays[1] = order;
        return -1;
    }

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    /** A thread's reusable arrays for ordering a graph; null while a sweep holds them. */
    private static final class Scratch {
        Node[] stack;
        int[] next;
        Node[] order;
    }

    /**
     * A topological order held in a reused array; {@link #release()} clears the entries (so
     * that the thread does not keep a dead graph reachable) and returns the arrays.
     */
    private static final class Order extends AbstractList<Node> implements RandomAccess {
        private final Node[] nodes;
        private final int size;
        private final Scratch owner;
        private final Node[] stack;
        private final int[] next;

        Order(Node[] nodes, int size, Scratch owner, Node[] stack, int[] next) {
            this.nodes = nodes;
            this.size = size;
            this.owner = owner;
            this.stack = stack;
            this.next = next;
        }

        @Override
        public Node get(int index) {
            return nodes[index];
        }

        @Override
        public int size() {
            return size;
        }

        void release() {
            Arrays.fill(nodes, 0, size, null);
            if (nodes.length > 1 << 20) {
                return; // a one-off huge graph: do not keep megabytes per thread for it
            }
            owner.stack = stack;
            owner.next = next;
            owner.order = nodes;
        }
    }

    private static void sweep(List<Node> order, boolean createGraph, Map<Node, Integer> wanted, Node[] found) {
        boolean previousMode = GradMode.set(createGraph);
        boolean anomaly = Anomaly.isEnabled();
        // Inside a sweep, each rule's result is checked as a whole (naming the rule's op and
        // "backward"), so the forward check of the ops a rule is made of is paused.
        boolean previousSweep = anomaly && Anomaly.enterBackward(true);
        boolean completed = false;
        try {
            // First order without anomaly checks: nodes with local rules pass gradients on as
            // doubles (see LocalRule), which makes no node per gradient.
            boolean inDoubles = !createGraph && !anomaly;
            for (int i = order.size() - 1; i >= 0; i--) {
                visit(order.get(i), inDoubles, anomaly, wanted, found, null);
            }
            completed = true;
        } finally {
            GradMode.set(previousMode);
            if (anomaly) {
                Anomaly.enterBackward(previousSweep);
            }
            // A completed sweep has cleared every node's scratch state as it passed (inputs come
            // before their consumers, so nothing is added after a node is visited); only an
            // interrupted one needs the extra pass over the whole graph.
            if (!completed) {
                for (Node node : order) {
                    node.pending = null;
                    node.pendingHasValue = false;
                    node.pendingValue = 0;
                }
            }
            if (order instanceof Order reused) {
                reused.release();
            }
        }
    }

    /**
     * One step of a reverse sweep: gathers the node's gradient, keeps or reports it, and passes
     * it on to the node's inputs. With a {@code walk}, the inputs reached are also marked for it.
     */
    private static void visit(Node node, boolean inDoubles, boolean anomaly, Map<Node, Integer> wanted,
                              Node[] found, Walk walk) {
        Node gradient = node.pending;
        node.pending = null;
        if (inDoubles && node.rule instanceof LocalRule local && !node.retainsGrad
                && (wanted == null || !wanted.containsKey(node))) {
            if (node.pendingHasValue || gradient != null) {
                double g = !node.pendingHasValue ? local.valueOf(gradient)
                        : gradient == null ? node.pendingValue : node.pendingValue + local.valueOf(gradient);
                node.pendingHasValue = false;
                node.pendingValue = 0;
                propagateValue(node, local, g, walk);
            }
            return;
        }
        if (node.pendingHasValue) {
            Node gathered = node.gradientOfValue(node.pendingValue);
            gradient = gradient == null ? gathered : node.addGradients(gradient, gathered);
            node.pendingHasValue = false;
            node.pendingValue = 0;
        }
        if (gradient == null) {
            return;
        }
        if (wanted == null) {
            keepGradient(node, gradient);
        } else {
            Integer slot = wanted.get(node);
            if (slot != null) {
                found[slot] = gradient;
            }
        }
        if (node.rule != null) {
            propagate(node, gradient, anomaly, walk);
        }
    }

    /**
     * The state of a sweep driven by the tape ({@link #sweepTape}): the sweep's stamp, how many
     * taped nodes have been reached but not yet visited, and the leaves reached (visited last).
     */
    private static final class Walk {
        final long stamp;
        int outstanding;
        Node[] leaves;
        int leafCount;

        Walk(long stamp, Node[] leaves) {
            this.stamp = stamp;
            this.leaves = leaves;
        }

        void reach(Node input) {
            if (input.visitStamp == stamp) {
                return;
            }
            input.visitStamp = stamp;
            if (input.rule == null) {
                if (leafCount == leaves.length) {
                    leaves = Arrays.copyOf(leaves, leafCount * 2);
                }
                leaves[leafCount++] = input;
            } else {
                outstanding++;
            }
        }
    }

    /**
     * First-order backward of a graph the tape holds entirely ({@link Node#closedOnTape}): one
     * walk down the tape from the root visits each node the sweep has reached, in reverse
     * creation order (a reverse topological order), and stops when none is left; no separate
     * ordering pass. The leaves reached are visited at the end.
     */
    private static void sweepTape(Node root, Node seed, Tape tape) {
        boolean previousMode = GradMode.set(false);
        Scratch scratch = SCRATCH.get();
        Node[] leaves = scratch.stack;
        scratch.stack = null;
        if (leaves == null) {
            leaves = new Node[64];
        }
        Walk walk = new Walk(SWEEPS.incrementAndGet(), leaves);
        Tape.Segment segment = root.segment;
        int slot = segment.size - 1;
        while (segment.nodes[slot] != root) {
            slot--;
        }
        int top = slot;
        root.visitStamp = walk.stamp;
        root.pending = seed;
        walk.outstanding = 1;
        boolean completed = false;
        try {
            while (walk.outstanding > 0) {
                if (slot < 0) {
                    segment = tape.previous(segment);
                    slot = segment.size - 1;
                    continue;
                }
                Node node = segment.nodes[slot--];
                if (node.visitStamp == walk.stamp) {
                    walk.outstanding--;
                    visit(node, true, false, null, null, walk);
                }
            }
            for (int i = 0; i < walk.leafCount; i++) {
                visit(walk.leaves[i], true, false, null, null, null);
            }
            completed = true;
        } finally {
            GradMode.set(previousMode);
            if (!completed) {
                clearAfterFailure(root.segment, top, tape, walk);
            }
            Arrays.fill(walk.leaves, 0, walk.leafCount, null);
            if (walk.leaves.length <= 1 << 20) {
                scratch.stack = walk.leaves;
            }
            tape.clear();
        }
    }

    private static void clearAfterFailure(Tape.Segment segment, int slot, Tape tape, Walk walk) {
        while (segment != null) {
            for (int i = slot; i >= 0; i--) {
                Node node = segment.nodes[i];
                if (node.visitStamp == walk.stamp) {
                    node.pending = null;
                    node.pendingHasValue = false;
                    node.pendingValue = 0;
                }
            }
            segment = tape.previous(segment);
            slot = segment == null ? -1 : segment.size - 1;
        }
        for (int i = 0; i < walk.leafCount; i++) {
            walk.leaves[i].pending = null;
            walk.leaves[i].pendingHasValue = false;
            walk.leaves[i].pendingValue = 0;
        }
    }

    private static void keepGradient(Node node, Node gradient) {
        if (node.rule == null || node.retainsGrad) {
            node.grad = node.grad == null ? gradient : node.addGradients(node.grad, gradient);
        }
    }

    /**
     * True when a rule turned a finite upstream gradient into a non-finite contribution (or a
     * NaN-free one into a NaN): the first place a bad gradient arises, not where it is carried.
     */
    private static boolean producedNonFinite(Node upstream, Node contribution) {
        return contribution.hasNonFinite()
                && (!upstream.hasNonFinite() || contribution.hasNaN() && !upstream.hasNaN());
    }

    /** {@link #propagate} in doubles: ∂L/∂in_k += g · ∂out/∂in_k, from the rule's partials. */
    private static void propagateValue(Node node, LocalRule local, double g, Walk walk) {
        Node[] inputs = node.inputs;
        for (int k = 0; k < inputs.length; k++) {
            Node input = inputs[k];
            if (!input.requiresGrad) {
                continue;
            }
            Node p = local.partial(k, node);
            if (p == local.zero()) {
                continue;
            }
            // The zero-safe product: a zero gradient stays 0 even where the partial is ±∞ or NaN
            // (an unused branch); for a finite partial it is exactly g·∂.
            double d = p == local.one() ? 1 : local.valueOf(p);
            double contribution = g == 0 && !Double.isFinite(d) ? 0.0 : g * d;
            if (walk != null) {
                walk.reach(input);
            }
            if (input.pendingHasValue) {
                input.pendingValue += contribution;
            } else {
                input.pendingValue = contribution;
                input.pendingHasValue = true;
            }
        }
    }

    private static void propagate(Node node, Node gradient, boolean anomaly, Walk walk) {
        Node[] inputGradients = node.rule.apply(gradient, node);
        for (int k = 0; k < node.inputs.length; k++) {
            Node input = node.inputs[k];
            Node contribution = inputGradients[k];
            if (!input.requiresGrad || contribution == null) {
                continue;
            }
            contribution = input.conformGradient(contribution);
            if (anomaly && producedNonFinite(gradient, contribution)) {
                throw AnomalyException.inBackward(node, k, contribution);
            }
            if (walk != null) {
                walk.reach(input);
            }
            input.pending = input.pending == null ? contribution : input.addGradients(input.pending, contribution);
        }
    }
}
