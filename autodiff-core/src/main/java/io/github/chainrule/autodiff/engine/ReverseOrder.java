package io.github.chainrule.autodiff.engine;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The recorded nodes a sweep must visit, handed out in reverse topological order (every node
 * before its inputs), so that a node's gradient is complete when it is visited. Leaves are not
 * part of it: {@link LeafGradients} gathers theirs.
 *
 * <p>While a sweep holds a node (from when it is reached until its visit is over) the node
 * carries the sweep's stamp, and only that sweep touches its scratch slots. A node stamped by
 * another sweep is being differentiated by another thread at the same time, which the order
 * refuses ({@link #busy}) before anything is written to it. {@link GraphOrder} takes each node
 * with a compare-and-set; {@link TapeOrder}, which walks only nodes its own thread created, uses
 * plain writes and announces its walk instead ({@link Tape#startWalk()}), so that a search on
 * another thread that takes one of those nodes waits for the walk in progress to end.
 *
 * <p>Two ways to find the order: {@link GraphOrder} searches the graph (any graph);
 * {@link TapeOrder} walks the thread's tape (a first-order sweep of a scalar graph that the
 * tape holds entirely, with no ordering pass at all).
 */
abstract class ReverseOrder {
    /** Atomic access to {@link Node#visitStamp}, for taking nodes that other threads may share. */
    static final VarHandle STAMP;

    static {
        try {
            STAMP = MethodHandles.lookup().findVarHandle(Node.class, "visitStamp", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The sweep's stamp: unique among the sweeps running on all threads, never 0. */
    final int stamp;

    ReverseOrder(int stamp) {
        this.stamp = stamp;
    }

    /**
     * The next node to visit (the visit of the previous one is over, and it is given back);
     * null when the sweep is done.
     */
    abstract Node next();

    /**
     * Called when a gradient first reaches {@code input}, a recorded node that does not carry
     * this sweep's stamp yet.
     */
    abstract void reach(Node input);

    /**
     * Whether this order leaves {@code input}, a recorded node it did not take, out on purpose
     * (it cannot lead to a wanted node), so that contributions to it are dropped, not refused.
     */
    boolean excludes(Node input) {
        return false;
    }

    /**
     * Ends the order: after a failure, clears the scratch state and stamps of every node reached
     * and not yet visited (and of the last node handed out), so that nothing of the failed sweep
     * remains.
     */
    abstract void close(boolean completed);

    /** Clears what a sweep may have left on one node. */
    static void clear(Node node) {
        node.pending = null;
        node.pendingHasValue = false;
        node.pendingValue = 0;
    }

    /** Gives a node back: its scratch slots are clear, and another sweep may take it. */
    static void release(Node node) {
        STAMP.setRelease(node, 0);
    }

    /** The refusal when a node is held by another sweep. */
    static IllegalStateException busy(Node node) {
        return new IllegalStateException("backward: the recorded '" + node.op() + "' of shape " + node.shapeString()
                + " is being differentiated by another backward at the same time (another thread, or a backward "
                + "started from inside a derivative rule); graphs may share leaves such as parameters across "
                + "threads, but not recorded operations: build each thread's graph from the leaves");
    }
}
