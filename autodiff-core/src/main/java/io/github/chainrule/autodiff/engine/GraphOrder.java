package io.github.chainrule.autodiff.engine;

import java.util.Arrays;

/**
 * The order found by searching the graph: depth-first, each recorded node after all of its
 * recorded inputs (post-order), on an explicit stack so that a chain of a million nodes needs no
 * deep call stack. Works for any graph; the sweep walks the result backwards.
 */
final class GraphOrder extends ReverseOrder {
    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    /**
     * A thread's arrays for ordering, reused from sweep to sweep (a micrograd step orders ~65,000
     * nodes, and growing fresh arrays to that size every sweep was a visible part of its cost).
     * Sweeps can nest (a custom operation's derivative may run one), so a sweep takes the arrays
     * and gives them back when done; null while taken.
     */
    private static final class Scratch {
        Node[] stack;
        int[] next;
        Node[] order;
    }

    private Node[] order;
    private final int size;
    /** Below order[cursor] are the nodes still to visit. */
    private int cursor;
    /** The node being visited, given back when the next is handed out. */
    private Node current;
    private final Scratch owner;
    private final Tape myTape = Tape.mine();
    private Node[] stack;
    private int[] next;

    /** Recorded nodes numbered up to this one are left out of the search: none leads to a wanted node. */
    private final long recordedBefore;

    private GraphOrder(int stamp, long recordedBefore, Node[] roots) {
        super(stamp);
        this.recordedBefore = recordedBefore;
        owner = SCRATCH.get();
        stack = owner.stack == null ? new Node[64] : owner.stack;
        next = owner.next == null || owner.next.length < stack.length ? new int[stack.length] : owner.next;
        order = owner.order == null ? new Node[64] : owner.order;
        owner.stack = null;
        owner.next = null;
        owner.order = null;
        size = search(roots);
        cursor = size;
    }

    /** The recorded nodes reachable from {@code roots} through nodes that require grad. */
    static GraphOrder of(int stamp, Node... roots) {
        return new GraphOrder(stamp, 0, roots);
    }

    /**
     * The recorded nodes reachable from {@code roots} through nodes that require grad and that
     * were recorded after node number {@code recordedBefore}: a sweep that wants only the
     * gradients of nodes made after that point need not, and must not, visit older ones (an
     * enclosing sweep may be holding them).
     */
    static GraphOrder newerThan(int stamp, long recordedBefore, Node... roots) {
        return new GraphOrder(stamp, recordedBefore, roots);
    }

    private int search(Node[] roots) {
        int size = 0;
        int depth = -1;
        try {
            for (Node root : roots) {
                if (root.rule == null || !root.requiresGrad || root.visitStamp == stamp) {
                    continue;
                }
                take(root);
                depth = 0;
                stack[0] = root;
                next[0] = 0;
                while (depth >= 0) {
                    Node node = stack[depth];
                    int k = next[depth];
                    if (k < node.arity()) {
                        Node input = node.input(k);
                        next[depth] = k + 1;
                        if (input.rule != null && input.requiresGrad && input.visitStamp != stamp
                                && input.id > recordedBefore) {
                            take(input);
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
            return size;
        } catch (RuntimeException e) {
            // Another sweep holds a node: give back every node taken so far.
            for (int i = 0; i <= depth; i++) {
                release(stack[i]);
                stack[i] = null;
            }
            for (int i = 0; i < size; i++) {
                release(order[i]);
            }
            giveBack(size);
            throw e;
        }
    }

    private void take(Node node) {
        if (!STAMP.compareAndSet(node, 0, stamp)) {
            throw busy(node);
        }
        Tape.Segment segment = node.segment;
        if (segment != null && segment.owner != myTape) {
            segment.owner.awaitWalkInProgress();
        }
    }

    @Override
    Node next() {
        if (current != null) {
            release(current);
        }
        current = cursor == 0 ? null : order[--cursor];
        return current;
    }

    @Override
    void reach(Node input) {
        // Every node this sweep reaches was stamped by the search: another sweep took it since.
        throw busy(input);
    }

    @Override
    boolean excludes(Node input) {
        return input.id <= recordedBefore;
    }

    @Override
    void close(boolean completed) {
        if (current != null) {
            clear(current);
            release(current);
            current = null;
        }
        if (!completed) {
            for (int i = 0; i < cursor; i++) {
                clear(order[i]);
                release(order[i]);
            }
        }
        giveBack(size);
    }

    /** Clears the order (a thread must not keep a dead graph reachable) and returns the arrays. */
    private void giveBack(int used) {
        Arrays.fill(order, 0, used, null);
        if (order.length > 1 << 20) {
            return; // a one-off huge graph: do not keep megabytes per thread for it
        }
        owner.stack = stack;
        owner.next = next;
        owner.order = order;
    }
}
