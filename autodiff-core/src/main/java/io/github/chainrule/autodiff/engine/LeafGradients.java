package io.github.chainrule.autodiff.engine;

import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The gradients one sweep gathers for leaves, delivered into {@code grad()} when the sweep
 * completes (so a sweep that fails leaves every {@code grad()} as it was).
 *
 * <p>Leaves are what graphs on different threads share (model parameters), so this is the part
 * of the engine that is exact under concurrency. A sweep <em>claims</em> a leaf the first time a
 * gradient reaches it (one compare-and-set of the leaf's stamp) and then gathers into the
 * leaf's scratch slots as it does for any node, without further synchronisation. A leaf that
 * another sweep holds is gathered aside, in this sweep's own map. Each delivery into
 * {@code grad()} holds the leaf's monitor. Every contribution is thus added exactly once, and
 * while nothing else runs, in the same order as on one thread.
 */
final class LeafGradients {
    private final int stamp;
    private Node[] claimed = new Node[16];
    private int claimedCount;
    /** Leaves held by another sweep when this one first reached them; null until there is one. */
    private Map<Node, Node> aside;
    private Map<Node, double[]> asideValues;

    LeafGradients(int stamp) {
        this.stamp = stamp;
    }

    /** Adds a gradient contribution to {@code leaf}. */
    void add(Node leaf, Node contribution) {
        if (leaf.visitStamp == stamp || claim(leaf)) {
            leaf.pending = leaf.pending == null ? contribution : leaf.addGradients(leaf.pending, contribution);
        } else {
            aside.merge(leaf, contribution, leaf::addGradients);
        }
    }

    /** Adds a single-valued contribution held as a double (see {@link InDoubles}). */
    void addValue(Node leaf, double contribution) {
        if (leaf.visitStamp == stamp || claim(leaf)) {
            if (leaf.pendingHasValue) {
                leaf.pendingValue += contribution;
            } else {
                leaf.pendingValue = contribution;
                leaf.pendingHasValue = true;
            }
        } else {
            asideValues.computeIfAbsent(leaf, l -> new double[1])[0] += contribution;
        }
    }

    private boolean claim(Node leaf) {
        if (aside != null && (aside.containsKey(leaf) || asideValues.containsKey(leaf))) {
            return false; // gathered aside from the start: keep it there
        }
        if (!ReverseOrder.STAMP.compareAndSet(leaf, 0, stamp)) {
            if (aside == null) {
                aside = new IdentityHashMap<>();
                asideValues = new IdentityHashMap<>();
            }
            return false;
        }
        if (claimedCount == claimed.length) {
            claimed = Arrays.copyOf(claimed, claimedCount * 2);
        }
        claimed[claimedCount++] = leaf;
        return true;
    }

    /**
     * Delivers each leaf's gathered gradient: into {@code grad()}, or, for a functional sweep,
     * into {@code found} for the leaves in {@code wanted} (others are dropped).
     */
    void deliver(Map<Node, Integer> wanted, Node[] found) {
        for (int i = 0; i < claimedCount; i++) {
            Node leaf = claimed[i];
            Node gradient = leaf.pending;
            if (leaf.pendingHasValue) {
                Node value = leaf.gradientOfValue(leaf.pendingValue);
                gradient = gradient == null ? value : leaf.addGradients(gradient, value);
            }
            ReverseOrder.clear(leaf);
            deliver(leaf, gradient, wanted, found);
            claimed[i] = null;
            ReverseOrder.release(leaf);
        }
        claimedCount = 0;
        if (aside != null) {
            aside.forEach((leaf, gradient) -> deliver(leaf, gradient, wanted, found));
            asideValues.forEach((leaf, value) -> deliver(leaf, leaf.gradientOfValue(value[0]), wanted, found));
            aside = null;
            asideValues = null;
        }
    }

    private static void deliver(Node leaf, Node gradient, Map<Node, Integer> wanted, Node[] found) {
        if (gradient == null) {
            return;
        }
        if (wanted != null) {
            Integer slot = wanted.get(leaf);
            if (slot != null) {
                found[slot] = found[slot] == null ? gradient : leaf.addGradients(found[slot], gradient);
            }
            return;
        }
        synchronized (leaf) {
            leaf.grad = leaf.grad == null ? gradient : leaf.addGradients(leaf.grad, gradient);
        }
    }

    /** Forgets everything gathered (the sweep failed) and gives the claimed leaves back. */
    void abandon() {
        for (int i = 0; i < claimedCount; i++) {
            ReverseOrder.clear(claimed[i]);
            ReverseOrder.release(claimed[i]);
            claimed[i] = null;
        }
        claimedCount = 0;
        aside = null;
        asideValues = null;
    }
}
