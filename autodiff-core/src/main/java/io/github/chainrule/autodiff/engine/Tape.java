package io.github.chainrule.autodiff.engine;

import java.lang.invoke.VarHandle;
import java.lang.ref.WeakReference;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A thread's record of the small nodes it created, in creation order: as in Stan Math's tape,
 * creation order is a topological order, so {@link TapeOrder} can order a graph by walking the
 * tape backwards from the root (a sequential pass over memory) instead of searching the graph
 * (a pointer chase through every node and input array).
 *
 * <p>The tape is only a shortcut: whenever it cannot answer (a graph spans threads, holds a
 * node that is not taped, or has nodes the tape has already forgotten), the engine searches
 * the graph instead ({@link GraphOrder}), which gives the same gradients. So the tape may
 * forget at any time, and it does:
 * <ul>
 *   <li>it holds its segments <em>weakly</em>: a segment stays only while a node in it is
 *       reachable (each node holds its segment), so a dead graph is garbage whatever its
 *       thread does next, even if the thread never runs another backward;</li>
 *   <li>a backward that the tape ordered empties the tape (the nodes it held are either in
 *       that graph, which backward no longer needs the tape for, or in another graph, which
 *       will be searched instead);</li>
 *   <li>it never spans more than {@value #MAX_SEGMENTS} segments of {@value #SEGMENT} nodes: the
 *       oldest is dropped when a new one is needed.</li>
 * </ul>
 * A live node keeps the other nodes of its segment reachable, so a live graph holds at most
 * a segment's worth of dead neighbours at each end of its span. Only single-valued nodes are
 * taped ({@link Node#taped()}): tensor nodes would make that bound megabytes.
 */
final class Tape {
    static final int SEGMENT = 4096;
    static final int MAX_SEGMENTS = 64;

    /** A run of consecutively taped nodes; {@code nodes} is null once the tape dropped it. */
    static final class Segment {
        final Tape owner;
        /** The owner's thread, the only one that appends to this segment. */
        final Thread thread;
        final long number;
        Node[] nodes = new Node[SEGMENT];
        int size;
        /** Whether this is its tape's newest segment, the one new nodes go to. */
        boolean open = true;

        Segment(Tape owner, long number) {
            this.owner = owner;
            this.thread = owner.state.thread;
            this.number = number;
        }
    }

    /**
     * The segments, oldest first: live[i] has number first + i, and is cleared by the garbage
     * collector once no node of it is reachable.
     */
    @SuppressWarnings("unchecked")
    private final WeakReference<Segment>[] live = new WeakReference[MAX_SEGMENTS];
    private int count;
    private long first;
    private WeakReference<Segment> current = new WeakReference<>(null);
    /**
     * Changes each time the tape forgets nodes; unique across tapes and never 0 (see
     * {@link Node#closedOnTape()}).
     */
    private int era = nextEra();

    private static final AtomicInteger ERAS = new AtomicInteger();

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

    /** Odd while a {@link TapeOrder} walks this tape; each walk adds 2. */
    private volatile int walks;

    /**
     * Announces a walk. The fence orders the announcement before the walk's plain reads of
     * node stamps: a search on another thread that took a node before those reads sees the
     * walk (and waits for it), or the walk sees the search's stamp (and refuses).
     */
    void startWalk() {
        walks++;
        VarHandle.fullFence();
    }

    void endWalk() {
        walks++;
    }

    /**
     * Waits until a walk of this tape in progress now, if any, is over: called by another
     * thread's search right after taking one of this tape's nodes. Walks never wait, so this
     * cannot deadlock.
     */
    void awaitWalkInProgress() {
        int seen = walks;
        while ((seen & 1) != 0 && walks == seen) {
            Thread.onSpinWait();
            Thread.yield();
        }
    }

    /** The state of the thread that owns this tape. */
    final ThreadState state;

    Tape(ThreadState state) {
        this.state = state;
    }

    /** The calling thread's tape. */
    static Tape mine() {
        return ThreadState.current().tape;
    }

    /**
     * The open segment of the calling thread's tape that holds {@code a} or {@code b}, or null
     * when neither is there: in a scalar graph a new node's input is usually the previous node,
     * so this finds the thread's tape, and where to append, without a thread-local lookup.
     */
    static Segment openSegmentOf(Node a, Node b) {
        Thread me = Thread.currentThread();
        Segment s = a == null ? null : a.segment;
        if (s != null && s.thread == me && s.open) {
            return s;
        }
        s = b == null ? null : b.segment;
        return s != null && s.thread == me && s.open ? s : null;
    }

    /**
     * Appends a node just created on this tape's thread and returns the segment that holds it;
     * {@code open} is this tape's open segment when the caller found it, else null.
     */
    Segment append(Node node, Segment open) {
        Segment segment = open != null ? open : current.get();
        if (segment == null || segment.size == SEGMENT) {
            segment = newSegment();
        }
        segment.nodes[segment.size++] = node;
        return segment;
    }

    private Segment newSegment() {
        if (count == MAX_SEGMENTS) {
            era = nextEra();
            drop(live[0].get());
            System.arraycopy(live, 1, live, 0, count - 1);
            count--;
            first++;
        }
        Segment previous = current.get();
        if (previous != null) {
            previous.open = false;
        }
        Segment segment = new Segment(this, first + count);
        current = new WeakReference<>(segment);
        live[count++] = current;
        return segment;
    }

    private static void drop(Segment segment) {
        if (segment != null) {
            Arrays.fill(segment.nodes, 0, segment.size, null);
            segment.nodes = null;
            segment.open = false;
        }
    }

    /** Whether {@code node} is on this tape and the tape still holds it. */
    boolean holds(Node node) {
        Segment s = node.segment;
        return s != null && s.owner == this && s.nodes != null;
    }

    /**
     * The held segment before {@code segment}, or null when there is none. Segments the
     * collector has cleared are skipped: no reachable node was in them.
     */
    Segment previous(Segment segment) {
        for (long n = segment.number - 1 - first; n >= 0; n--) {
            Segment s = live[(int) n].get();
            if (s != null) {
                return s;
            }
        }
        return null;
    }

    /** Forgets every node. */
    void clear() {
        era = nextEra();
        for (int i = 0; i < count; i++) {
            drop(live[i].get());
            live[i] = null;
        }
        first += count;
        count = 0;
        current = new WeakReference<>(null);
    }
}
