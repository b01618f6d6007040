package io.github.chainrule.autodiff.engine;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A value in a computation graph: the common base of {@code Scalar} and {@code Tensor}, and
 * the one thing the backward engine walks.
 *
 * <p>A node is either a leaf (created by the user; it accumulates {@code grad()} when it
 * requires grad) or the result of an operation, in which case it remembers its inputs and the
 * operation's {@link BackwardRule}. A node's value never changes after creation.
 *
 * <p><b>Gradients accumulate</b>, as in PyTorch: each {@code backward()} adds into the
 * {@code grad()} of every leaf that requires grad (and of intermediates that asked to
 * {@link #retainGrad()}); call {@link #zeroGrad()} (or an optimiser's) to start again. The
 * graph is not freed by backward, so backward may run from the same root several times.
 *
 * <p><b>Threads.</b> Independent graphs may be built and differentiated on different threads
 * at once, and give exactly the results they give on one thread. Grad mode and anomaly mode
 * are per thread. Graphs may share leaves (several workers differentiating through the same
 * model parameters at once): every contribution reaches the shared leaf's {@code grad()}
 * exactly once. What must not be shared is an intermediate node: a backward that reaches a
 * node another thread's backward is working through refuses with an
 * {@link IllegalStateException} (see {@link Backward}).
 *
 * <p><b>Versions.</b> A node that may change in place (a tensor leaf updated by an optimiser)
 * reports a {@link #version()} that each update increments. A recorded operation keeps the
 * versions of its leaf inputs, and backward refuses to run its rule when one has changed since:
 * the rule would mix the old activations with the new values.
 *
 * <p><b>Memory.</b> A node holds its inputs, never its consumers, so a graph is garbage as
 * soon as its root (and every gradient recorded with {@code createGraph}) is unreachable;
 * backward keeps nothing of a graph after it returns, and the thread's tape holds nodes only
 * weakly ({@link Tape}).
 */
public abstract class Node {
    private static final Node[] NO_INPUTS = {};
    private static final AtomicLong SEQUENCE = new AtomicLong();

    /**
     * A new mark: every node recorded before this call has a number no larger than it, and every
     * node recorded after it a larger one.
     */
    static long newMark() {
        return SEQUENCE.incrementAndGet();
    }

    /**
     * The recorded inputs, held in fields rather than an array: most nodes have one or two, and
     * a scalar graph's node is then one object (an input array would add a third to its size).
     * Null when absent; a node with more than two keeps them all in {@link Extras#inputs}.
     */
    final Node first;
    final Node second;
    final BackwardRule rule;
    final String op;
    final long id;
    /**
     * Where the node was created, how to replay it, the saved versions of its inputs, and the
     * inputs of a node that has more than two: rare parts (anomaly mode, tracing, tensor
     * leaves, wide operations) share one side object that ordinary nodes leave null, which
     * keeps a Scalar node at 80 bytes (a micrograd step allocates ~65,000 of them).
     */
    private final Extras extras;
    /** The tape segment holding this node when it was taped ({@link Tape}), else null. */
    final Tape.Segment segment;
    /**
     * The tape era in which this node and every recorded node it depends on were taped (eras
     * are unique across threads' tapes), or 0 when there is none: see {@link #closedOnTape()}.
     */
    private final int closedEra;
    boolean requiresGrad;
    boolean retainsGrad;
    Node grad;
    /**
     * Scratch state of a running sweep: the gradient gathered so far, and the stamp of the sweep
     * that holds the node (0 when none does; see {@link ReverseOrder}).
     */
    Node pending;
    int visitStamp;
    /**
     * A first-order sweep's gradient gathered as a plain double, for nodes whose consumers have
     * {@link LocalRule}s; {@code pendingHasValue} says whether it holds anything.
     */
    double pendingValue;
    boolean pendingHasValue;

    /**
     * The rarely present parts of a node; see {@link Node#extras}. {@code versions[k]} is the
     * {@link #version()} input k had when this node was recorded, or {@link #UNVERSIONED};
     * {@code inputs} holds the inputs of a node that has more than two, else null.
     */
    private record Extras(CreationSite site, Replay replay, int[] versions, Node[] inputs) {
    }

    /** The {@link #version()} of a node whose value never changes. */
    protected static final int UNVERSIONED = -1;

    /** Creates a leaf that does not require grad. */
    protected Node() {
        this("leaf", NO_INPUTS, null);
    }

    /**
     * Creates the result of operation {@code op}. The inputs and rule are kept only when grad
     * mode is on and some input requires grad; otherwise the result is a constant leaf and
     * the inputs can be collected.
     */
    protected Node(String op, Node[] inputs, BackwardRule rule) {
        this(op, inputs, rule, null);
    }

    /**
     * Creates the result of operation {@code op} that can be applied again by {@code replay}.
     * The replay is kept only when the result is recorded and {@link Tracing} is on, so that
     * ordinary graphs do not hold on to it.
     */
    protected Node(String op, Node[] inputs, BackwardRule rule, Replay replay) {
        this(op, inputs.length > 0 ? inputs[0] : null, inputs.length > 1 ? inputs[1] : null,
                inputs.length > 2 ? inputs : null, rule, replay);
    }

    /**
     * Creates the result of operation {@code op} on one input ({@code b} null) or two, as
     * {@link #Node(String, Node[], BackwardRule)} does, without an input array: the scalar
     * graph's operations come here.
     */
    protected Node(String op, Node a, Node b, BackwardRule rule) {
        this(op, a, b, null, rule, null);
    }

    private Node(String op, Node a, Node b, Node[] many, BackwardRule rule, Replay replay) {
        // An input on the thread's open tape segment names the thread's state (the usual case
        // in a scalar graph); otherwise it is looked up, once, when some input requires grad.
        Tape.Segment open = rule != null && many == null ? Tape.openSegmentOf(a, b) : null;
        ThreadState thread = open != null ? open.owner.state
                : rule != null && anyRequiresGrad(a, b, many) ? ThreadState.current() : null;
        boolean record = thread != null && thread.gradEnabled;
        this.op = op;
        this.first = record ? a : null;
        this.second = record ? b : null;
        this.rule = record ? rule : null;
        this.requiresGrad = record;
        boolean onTape = record && taped();
        // Only recorded nodes take a number: a node without recorded inputs (a leaf, or the
        // constant result of an unrecorded operation, such as every gradient of a first-order
        // sweep) needs none. Taped nodes read the counter without advancing it: an atomic
        // increment waits for every pending store, the bulk of a small node's cost, and their
        // numbers still tell nodes recorded after a mark from older ones (marks advance it).
        this.id = !record ? 0 : onTape ? SEQUENCE.get() + 1 : SEQUENCE.incrementAndGet();
        boolean tracing = record && Tracing.isEnabled();
        CreationSite site = record && (tracing || Anomaly.isEnabled()) ? CreationSite.capture() : null;
        Replay kept = tracing ? replay : null;
        // Taped nodes are single values built from immutable values: only the others read
        // inputs that an in-place update could change.
        int[] versions = record && !onTape ? versionsOf(a, b, many) : null;
        Node[] wideInputs = record ? many : null;
        this.extras = site == null && kept == null && versions == null && wideInputs == null ? null
                : new Extras(site, kept, versions, wideInputs);
        this.segment = onTape ? thread.tape.append(this, open) : null;
        this.closedEra = segment == null ? 0 : closedEra(a, b, segment.owner.era());
    }

    /** The versions of the inputs that can change in place, or null when none can. */
    private static int[] versionsOf(Node a, Node b, Node[] many) {
        int arity = many != null ? many.length : b != null ? 2 : a != null ? 1 : 0;
        int[] versions = null;
        for (int k = 0; k < arity; k++) {
            Node input = many != null ? many[k] : k == 0 ? a : b;
            int version = input.rule == null ? input.version() : UNVERSIONED;
            if (version != UNVERSIONED) {
                if (versions == null) {
                    versions = new int[arity];
                    java.util.Arrays.fill(versions, UNVERSIONED);
                }
                versions[k] = version;
            }
        }
        return versions;
    }

    /**
     * How many times this node's values have been changed in place, or {@link #UNVERSIONED}
     * for a node whose values never change (the default). Only leaves can change in place.
     */
    protected int version() {
        return UNVERSIONED;
    }

    /**
     * Throws when an input this node's rule may read was changed in place after the node was
     * recorded: backward would combine the recorded activations with the new values.
     */
    final void checkSavedVersions() {
        // Kept tiny so that the sweep's loop inlines it: most nodes have no extras at all.
        if (extras != null && extras.versions() != null) {
            checkVersions(extras.versions());
        }
    }

    private void checkVersions(int[] saved) {
        for (int k = 0; k < saved.length; k++) {
            int now = saved[k] == UNVERSIONED ? UNVERSIONED : input(k).version();
            if (now != saved[k]) {
                Node input = input(k);
                throw new IllegalStateException("backward: input " + k + " of '" + op + "' (a leaf "
                        + (input.requiresGrad ? "that requires grad" : "constant") + " of shape " + input.shapeString()
                        + ") was modified in place after '" + op + "' was recorded: it is at version " + now
                        + ", the graph saw version " + saved[k] + ". The gradient would mix the old activations with "
                        + "the new values; run the forward pass again after an in-place update (such as an "
                        + "optimiser step), or call backward before updating");
            }
        }
    }

    /** Taped nodes have one or two inputs (a scalar graph's operations). */
    private static int closedEra(Node a, Node b, int era) {
        return a.rule != null && a.closedEra != era || b != null && b.rule != null && b.closedEra != era ? 0 : era;
    }

    /**
     * Whether the calling thread's tape still holds this node and every recorded node it
     * depends on: then backward can walk the tape instead of ordering the graph. True when this
     * node and all of them were taped on this thread and the tape has forgotten nothing since
     * (each forgetting starts a new era).
     */
    final boolean closedOnTape() {
        return closedEra != 0 && closedEra == ThreadState.current().tape.era();
    }

    /**
     * Whether recorded nodes of this type go on their thread's {@link Tape}, which lets
     * backward order a graph without searching it. Meant for small single-valued nodes: a taped
     * node that stays reachable keeps the other nodes of its tape segment alive. Called from
     * the constructor: an override must return a constant.
     */
    protected boolean taped() {
        return false;
    }

    /**
     * Anomaly mode's forward check, for subclass constructors to call once the value is set:
     * throws when this operation produced a NaN none of its inputs had, or an infinity from
     * inputs that were all finite. Values that merely carry a non-finite input through (a −∞
     * mask, say) are not anomalies. Only recorded nodes are checked: they are the graph that
     * backward will walk.
     */
    protected final void checkForward() {
        if (rule == null || !Anomaly.checksForward() || !hasNonFinite()) {
            return;
        }
        boolean inputNaN = false;
        boolean inputNonFinite = false;
        for (int k = 0; k < arity(); k++) {
            Node input = input(k);
            inputNaN |= input.hasNaN();
            inputNonFinite |= input.hasNonFinite();
        }
        if (!inputNonFinite || hasNaN() && !inputNaN) {
            throw AnomalyException.inForward(this);
        }
    }

    private static boolean anyRequiresGrad(Node a, Node b, Node[] many) {
        if (many == null) {
            return a != null && a.requiresGrad || b != null && b.requiresGrad;
        }
        for (Node input : many) {
            if (input.requiresGrad) {
                return true;
            }
        }
        return false;
    }

    /** The name of the operation that produced this node, or {@code "leaf"}. */
    public final String op() {
        return op;
    }

    /** True when gradients flow to or through this node (PyTorch's {@code requires_grad}). */
    public final boolean needsGrad() {
        return requiresGrad;
    }

    /** True when this node was created by the user rather than recorded by an operation. */
    public final boolean isLeaf() {
        return rule == null;
    }

    /**
     * Recorded input {@code k}, without copying the input array: for derivative rules that read
     * their inputs from the output node instead of capturing them (one object less per node).
     */
    protected final Node input(int k) {
        return k == 0 ? first : k == 1 ? second : extras.inputs()[k];
    }

    /** The number of recorded inputs: 0 for a leaf. */
    protected final int arity() {
        if (second == null) {
            return first == null ? 0 : 1;
        }
        return extras == null || extras.inputs() == null ? 2 : extras.inputs().length;
    }

    /** The recorded inputs of this node, empty for a leaf; a fresh array each call. */
    public final Node[] inputs() {
        Node[] inputs = new Node[arity()];
        for (int k = 0; k < inputs.length; k++) {
            inputs[k] = input(k);
        }
        return inputs;
    }

    /**
     * A number that grows with creation order among recorded nodes, and 0 for a node that
     * records no inputs (a leaf or an unrecorded result). A recorded node's number is at least
     * its recorded inputs' (so sorting by it gives a topological order once ties are broken by
     * the graph), and every tensor node has a number of its own; consecutive scalar nodes may
     * share one. Every node recorded after {@link Backward#recordingMark()} has a larger number
     * than the mark, every older node one no larger.
     */
    public final long id() {
        return id;
    }

    /** Where this node was created, when anomaly mode was on at the time; otherwise null. */
    public final CreationSite creationSite() {
        return extras == null ? null : extras.site();
    }

    /**
     * The operation of this node as a function of new inputs, when it was recorded while
     * {@link Tracing} was on and its operation offers one (custom operations do); otherwise
     * null.
     */
    public final Replay replay() {
        return extras == null ? null : extras.replay();
    }

    /** The accumulated gradient, or null when none has been computed. */
    protected final Node gradNode() {
        return grad;
    }

    /** Replaces the accumulated gradient (an optimiser's or the user's choice). */
    protected final void setGradNode(Node g) {
        grad = g;
    }

    /** Marks a leaf as requiring grad. */
    protected final void markRequiresGrad(String who) {
        if (!isLeaf()) {
            throw new IllegalStateException(who + ": only a leaf can be marked as requiring grad; "
                    + "this value was produced by '" + op + "' (use detach() for a new leaf)");
        }
        requiresGrad = true;
    }

    /**
     * Asks backward to keep this intermediate's gradient in {@code grad()} as it does for
     * leaves; a no-op for leaves.
     */
    public void retainGrad() {
        if (!isLeaf()) {
            retainsGrad = true;
        }
    }

    /** Forgets the accumulated gradient. */
    public void zeroGrad() {
        grad = null;
    }

    /**
     * The gradient of this node with respect to itself, used to start backward from a
     * scalar-valued root. Throws when this node is not a single value.
     */
    protected abstract Node seedGradient();

    /**
     * A constant gradient of this node's type holding {@code value}, for a single-valued node
     * whose gradient a first-order sweep gathered as a double ({@link LocalRule}). Only node
     * types that use local rules need it.
     */
    protected Node gradientOfValue(double value) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " has no double-valued gradient");
    }

    /** The sum of two gradients of this node's type: how fan-out accumulates. */
    protected abstract Node addGradients(Node a, Node b);

    /**
     * Fits a gradient computed for this node's use in an operation to this node's own shape,
     * e.g. by summing away broadcast axes. Identity by default.
     */
    protected Node conformGradient(Node gradient) {
        return gradient;
    }

    /** Checks an explicit output gradient given to backward; throws when it does not fit. */
    protected abstract void checkOutputGradient(Node gradient);

    /** Whether the value holds a NaN or an infinity, for anomaly mode. */
    protected abstract boolean hasNonFinite();

    /** Whether the value holds a NaN, for anomaly mode; subclasses refine the default. */
    protected boolean hasNaN() {
        return hasNonFinite();
    }

    /** A short description of this node's shape for messages, e.g. {@code (3,4)}. */
    public abstract String shapeString();

    /** Shape, minimum, maximum and count of NaNs of the value, for error messages. */
    public abstract String describeValues();
}
