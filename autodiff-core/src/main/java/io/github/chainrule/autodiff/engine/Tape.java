package io.github.chainrule.autodiff.engine;

import java.util.Arrays;

/**
 * A thread's record of the small nodes it created, in creation order: as in Stan Math's tape,
 * creation order is a topological order, so {@link Backward} can order a graph by walking the
 * tape backwards from the root (a sequential pass over memory) instead of searching the graph
 * (a pointer chase through every node and input array).
 *
 * <p>The tape is only a shortcut: whenever it cannot answer (a graph spans threads, holds a
 * node that is not taped, or has nodes the tape has already forgotten), the engine falls back
 * to its depth-first search, which gives the same order of the same nodes. So the tape may
 * forget at any time, and it does, to stay bounded:
 * <ul>
 *   <li>a backward that the tape ordered empties the tape (the nodes it held are either in
 *       that graph, which backward no longer needs the tape for, or in another graph, which
 *       will be searched instead);</li>
 *   <li>it never holds more than {@value #MAX_SEGMENTS} segments of {@value #SEGMENT} nodes: the
 *       oldest is dropped when a new one is needed.</li>
 * </ul>
 * So at most that many nodes that are otherwise garbage stay reachable per thread, and only
 * until the thread's next backward; a dropped segment's array is cleared at once. Only
 * single-valued nodes are taped ({@link Node#taped()}): tensor nodes would make the bound
 * megabytes.
 */
final class Tape {
    static final int SEGMENT = 4096;
    static final int MAX_SEGMENTS = 64;

    private static final ThreadLocal<Tape> TAPES = ThreadLocal.withInitial(Tape::new);

    /** A run of consecutively taped nodes; {@code nodes} is null once the tape dropped it. */
    static final class Segment {
        final Tape owner;
        final long number;
        Node[] nodes = new Node[SEGMENT];
        int size;

        Segment(Tape owner, long number) {
            this.owner = owner;
            this.number = number;
        }
    }

    /** The held segments, oldest first: live[i] has number first + i. */
    private final Segment[] live = new Segment[MAX_SEGMENTS];
    private int count;
    private long first;
    private Segment current;
    /**
     * Changes each time the tape forgets nodes; unique across tapes and never 0 (see
     * {@link Node#closedOnTape()}).
     */
    private int era = nextEra();

    private static final java.util.concurrent.atomic.AtomicInteger ERAS = new java.util.concurrent.atomic.AtomicInteger();

    private static int nextEra() {
        int era;
        do {
            era = ERAS.incrementAndGet();
        } while (era == 0);
        return era;
    }

    int era() {
        return era;
    }

    /** The calling thread's tape. */
    static Tape mine() {
        return TAPES.get();
    }

    /** Appends a node just created on this thread and returns the segment that holds it. */
    static Segment append(Node node) {
        return TAPES.get().add(node);
    }

    private Segment add(Node node) {
        Segment segment = current;
        if (segment == null || segment.size == SEGMENT) {
            segment = newSegment();
        }
        segment.nodes[segment.size++] = node;
        return segment;
    }

    private Segment newSegment() {
        if (count == MAX_SEGMENTS) {
            era = nextEra();
            drop(live[0]);
            System.arraycopy(live, 1, live, 0, count - 1);
            count--;
            first++;
        }
        Segment segment = new Segment(this, first + count);
        live[count++] = segment;
        current = segment;
        return segment;
    }

    private static void drop(Segment segment) {
        Arrays.fill(segment.nodes, 0, segment.size, null);
        segment.nodes = null;
    }

    /** Whether {@code node} is on this tape and the tape still holds it. */
    boolean holds(Node node) {
        Segment s = node.segment;
        return s != null && s.owner == this && s.nodes != null;
    }

    /** The held segment before {@code segment}, or null when there is none. */
    Segment previous(Segment segment) {
        long n = segment.number - 1 - first;
        return n < 0 ? null : live[(int) n];
    }

    /** Forgets every node. */
    void clear() {
        era = nextEra();
        for (int i = 0; i < count; i++) {
            drop(live[i]);
            live[i] = null;
        }
        first += count;
        count = 0;
        current = null;
    }
}
