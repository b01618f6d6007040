package io.github.chainrule.autodiff.engine;

/**
 * The order read off the thread's {@link Tape}, for a first-order sweep from a root whose whole
 * graph the tape holds ({@link Node#closedOnTape()}): creation order is a topological order, so
 * walking the tape down from the root and handing out each node that a visited consumer has
 * reached gives a reverse topological order, with no ordering pass. The walk stops as soon as no
 * reached node is left. Afterwards the tape is emptied.
 */
final class TapeOrder extends ReverseOrder {
    private final Tape tape;
    private Tape.Segment segment;
    private int slot;
    private final Tape.Segment rootSegment;
    private final int rootSlot;
    /** Nodes reached and not yet handed out. */
    private int outstanding;
    private Node last;

    TapeOrder(int stamp, Node root) {
        super(stamp);
        tape = Tape.mine();
        segment = root.segment;
        slot = segment.size - 1;
        while (segment.nodes[slot] != root) {
            slot--;
        }
        rootSegment = segment;
        rootSlot = slot;
        tape.startWalk();
        reach(root);
    }

    @Override
    Node next() {
        if (last != null) {
            release(last);
            last = null;
        }
        while (outstanding > 0) {
            if (slot < 0) {
                segment = tape.previous(segment);
                if (segment == null) {
                    // Cannot happen while the era is unchanged: a reached node is reachable, so
                    // its segment is held. Said plainly rather than as a NullPointerException.
                    throw new IllegalStateException("backward: the tape lost " + outstanding + " recorded nodes "
                            + "of this graph during the sweep");
                }
                slot = segment.size - 1;
                continue;
            }
            Node node = segment.nodes[slot--];
            if (node.visitStamp == stamp) {
                outstanding--;
                last = node;
                return node;
            }
        }
        return null;
    }

    @Override
    void reach(Node input) {
        if (input.visitStamp != 0) {
            throw busy(input);
        }
        input.visitStamp = stamp;
        outstanding++;
    }

    @Override
    void close(boolean completed) {
        if (last != null) {
            clear(last);
            release(last);
        }
        if (!completed) {
            Tape.Segment s = rootSegment;
            for (int i = rootSlot; s != null; s = tape.previous(s), i = s == null ? -1 : s.size - 1) {
                for (; i >= 0; i--) {
                    Node node = s.nodes[i];
                    if (node.visitStamp == stamp) {
                        clear(node);
                        release(node);
                    }
                }
            }
        }
        tape.clear();
        tape.endWalk();
    }
}
