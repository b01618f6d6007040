package io.github.chainrule.autodiff;

import io.github.chainrule.autodiff.engine.Backward;
import io.github.chainrule.autodiff.engine.GradMode;
import io.github.chainrule.autodiff.engine.Node;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Forward mode: tangents carried beside values, with no tape.
 *
 * <p>{@link Autodiff#jvp} opens a <em>level</em> (a number unique across the program) and gives
 * each input a tangent at that level; every tensor operation applied while the level is open
 * computes its output's tangent from its inputs' tangents. Elementwise operations take it from
 * their op record's partials (Σ_k ∂out/∂in_k·ṫ_k), linear ones apply themselves to the tangents,
 * others state their own rule; an operation without one derives it from its own
 * vector-Jacobian product, which is linear in the output gradient u: J·ṫ = ∂⟨Jᵀu, ṫ⟩/∂u.
 *
 * <p><b>Nesting.</b> Levels nest to any depth and never see each other's tangents (no
 * perturbation confusion): a tensor keeps one tangent per level, and while the tangent of
 * level L is computed, L and every level opened inside it are hidden, so the tangent carries
 * the tangents of the enclosing levels only (as JAX's trace levels do). Tangents are ordinary
 * tensors: computed while recording, they are recorded and can be differentiated backwards,
 * when a leaf marked before their level opened requires grad ({@link #mustRecord}); a reverse
 * transform begun inside the level cannot reach them, so for its sake alone they are not
 * recorded. Linear operations take their tangent from their own {@code redo}.
 */
final class Forward {
    private static final AtomicLong LEVELS = new AtomicLong();
    private static final ThreadLocal<State> STATE = ThreadLocal.withInitial(State::new);
    /** A tensor's tangent at a level carries no tangent itself ({@link #tangentKind}). */
    private static final int PLAIN = 1;
    /** A tensor's tangent at a level carries tangents of other levels. */
    private static final int NESTED = 2;

    private Forward() {
    }

    /** The open levels of a thread, outermost first, and how many of them are visible. */
    private static final class State {
        long[] levels = new long[4];
        int depth;
        int visible;
    }

    /** A tangent at one level, in a small list per tensor. */
    static final class Tangent {
        final long level;
        final Tensor value;
        final Tangent next;

        Tangent(long level, Tensor value, Tangent next) {
            this.level = level;
            this.value = value;
            this.next = next;
        }
    }

    /** The JVP of one operation: its output's tangent from its inputs' tangents (null = zero). */
    @FunctionalInterface
    interface Jvp {
        /** The tangent of {@code out}, or null when it is zero. */
        Tensor apply(Tensor out, Tensor[] tangents);
    }

    /** Opens a new innermost level on this thread; close it with {@link #close}. */
    static long open() {
        State s = STATE.get();
        if (s.visible != s.depth) {
            throw new IllegalStateException("jvp: a transform was started inside a derivative rule");
        }
        if (s.depth == s.levels.length) {
            s.levels = Arrays.copyOf(s.levels, s.depth * 2);
        }
        long level = LEVELS.incrementAndGet();
        s.levels[s.depth++] = level;
        s.visible = s.depth;
        return level;
    }

    /** Closes the innermost level, which must be {@code level}. */
    static void close(long level) {
        State s = STATE.get();
        if (s.depth == 0 || s.levels[s.depth - 1] != level) {
            throw new IllegalStateException("jvp: forward levels closed out of order");
        }
        s.depth--;
        s.visible = s.depth;
    }

    /** The tangent of {@code t} at {@code level}, or null. */
    static Tensor tangentOf(Tensor t, long level) {
        for (Tangent e = t.tangents; e != null; e = e.next) {
            if (e.level == level) {
                return e.value;
            }
        }
        return null;
    }

    /** Gives {@code t} the tangent {@code tangent} at {@code level}. */
    static void setTangent(Tensor t, long level, Tensor tangent) {
        t.tangents = new Tangent(level, tangent, t.tangents);
    }

    /** True when some tensor carries a tangent at a visible level. */
    static boolean anyTangent(Tensor... tensors) {
        boolean any = false;
        for (Tensor t : tensors) {
            any |= t != null && t.tangents != null;
        }
        if (!any) {
            return false;
        }
        State s = STATE.get();
        for (int i = 0; i < s.visible; i++) {
            for (Tensor t : tensors) {
                if (t != null && tangentOf(t, s.levels[i]) != null) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The one visible level at which {@code v}, {@code out} or an input carries a tangent, when
     * exactly one does and none of those tangents carries tangents itself; 0 otherwise. Then an
     * elementwise rule applied to these tensors may compute its result's tangent at that level
     * together with its value, in one pass over the doubles (what
     * {@link Elementwise#scaleByPartial} does in the unrecorded backward sweep of
     * forward-over-reverse); otherwise the rule's tensor operations propagate every level.
     */
    static long soleTangentLevel(Tensor v, Tensor out, Tensor[] inputs) {
        boolean any = v.tangents != null || out.tangents != null;
        for (Tensor input : inputs) {
            any |= input.tangents != null;
        }
        if (!any) {
            return 0;
        }
        State s = STATE.get();
        long found = 0;
        for (int i = 0; i < s.visible; i++) {
            long level = s.levels[i];
            int here = tangentKind(v, level) | tangentKind(out, level);
            for (Tensor input : inputs) {
                here |= tangentKind(input, level);
            }
            if ((here & NESTED) != 0 || here != 0 && found != 0) {
                return 0;
            }
            if (here != 0) {
                found = level;
            }
        }
        return found;
    }

    /** 0 when t has no tangent at level, {@link #PLAIN}, or {@link #NESTED} when that tangent carries tangents. */
    private static int tangentKind(Tensor t, long level) {
        Tensor tangent = tangentOf(t, level);
        return tangent == null ? 0 : tangent.tangents == null ? PLAIN : NESTED;
    }

    /**
     * Gives {@code out} its tangent at every visible level at which an input has one, outermost
     * level first, each computed by {@code jvp} with that level and those inside it hidden. A
     * null {@code jvp} derives the tangent from {@code rule}, the operation's VJP.
     */
    static Tensor withTangents(Tensor out, Tensor[] inputs, Jvp jvp, Tensor.Rule rule) {
        boolean any = false;
        for (Tensor input : inputs) {
            any |= input.tangents != null;
        }
        if (!any) {
            return out;
        }
        State s = STATE.get();
        int visible = s.visible;
        for (int i = 0; i < visible; i++) {
            long level = s.levels[i];
            Tensor[] tangents = new Tensor[inputs.length];
            boolean found = false;
            for (int k = 0; k < inputs.length; k++) {
                tangents[k] = tangentOf(inputs[k], level);
                found |= tangents[k] != null;
            }
            if (!found) {
                continue;
            }
            s.visible = i;
            Tensor tangent;
            try (Grad.Scope unrecorded = mustRecord(level, inputs, tangents) ? null : Grad.disabled()) {
                tangent = jvp != null ? jvp.apply(out, tangents) : fromVjp(out.op(), rule, out, inputs, tangents);
            } finally {
                s.visible = visible;
            }
            if (tangent != null) {
                if (!Arrays.equals(tangent.shape, out.shape)) {
                    tangent = tangent.broadcastTo(out.shape);
                }
                setTangent(out, level, tangent);
            }
        }
        return out;
    }

    /**
     * The JVP of an operation linear in its inputs: {@code redo} applied to the tangents, an
     * input without a tangent at the level contributing zeros.
     */
    static Jvp sameOperation(Tensor.Redo redo, Tensor[] inputs) {
        return (out, tangents) -> {
            Tensor[] args = tangents.clone();
            for (int k = 0; k < args.length; k++) {
                if (args[k] == null) {
                    args[k] = Tensor.zeros(inputs[k].shape);
                }
            }
            return redo.redo(args);
        };
    }

    /** How many levels have been opened so far, on any thread (level numbers are 1, 2, …). */
    static long levelsOpened() {
        return LEVELS.get();
    }

    /**
     * The {@link Tensor#gradOrigin} of a result of {@code inputs}: the oldest among the inputs
     * that require grad (0 for other kinds of node, which are not stamped).
     */
    static long oldestOrigin(Node[] inputs) {
        long oldest = Long.MAX_VALUE;
        for (Node input : inputs) {
            if (input.needsGrad()) {
                oldest = Math.min(oldest, input instanceof Tensor t ? t.gradOrigin : 0);
            }
        }
        return oldest == Long.MAX_VALUE ? 0 : oldest;
    }

    /**
     * Whether the tangent at {@code level} of an operation on {@code inputs} must be recorded:
     * only when recording and an input or tangent requires grad from a leaf marked before the
     * level was opened. A tangent at a level is read by nothing but that level's tangent rules
     * until the level closes and returns it; a reverse transform whose leaves were marked inside
     * the level (the inner grad of forward over reverse) starts from values, never from these
     * tangents, so recording them for its sake would only cost time (JAX's level discipline).
     * Leaves marked earlier (an outer grad, a closure over parameters) may differentiate the
     * returned tangent, so their tangent computations are recorded as before.
     */
    static boolean mustRecord(long level, Tensor[] inputs, Tensor[] tangents) {
        return GradMode.isEnabled() && (recordedBefore(level, inputs) || recordedBefore(level, tangents));
    }

    private static boolean recordedBefore(long level, Tensor[] tensors) {
        for (Tensor t : tensors) {
            if (t != null && t.needsGrad() && t.gradOrigin < level) {
                return true;
            }
        }
        return false;
    }

    /**
     * The JVP of an operation known only by its vector-Jacobian product: u ↦ Jᵀu is linear in
     * u, so J·ṫ = ∂⟨Jᵀu, ṫ⟩/∂u, one local reverse sweep through the rule's own (differentiable)
     * operations. Refuses, naming the operation, when the rule's result does not depend on u:
     * a VJP computed outside the graph cannot be transposed, and a silent zero would be wrong.
     */
    private static Tensor fromVjp(String op, Tensor.Rule rule, Tensor out, Tensor[] inputs, Tensor[] tangents) {
        {
            boolean recording = GradMode.isEnabled() && (out.needsGrad() || anyNeedsGrad(tangents));
            try (Grad.Scope on = Grad.enabled()) {
                long mark = Backward.recordingMark();
                Tensor u = Tensor.zeros(out.shape).requiresGrad();
                Tensor[] transposed = rule.apply(u, out);
                Tensor inner = null;
                for (int k = 0; k < inputs.length; k++) {
                    if (tangents[k] == null || transposed[k] == null) {
                        continue;
                    }
                    if (!transposed[k].needsGrad()) {
                        throw new IllegalStateException(op + ": forward mode derives this operation's JVP from its "
                                + "vjp, but the vjp's result for input " + k + " does not depend on the output "
                                + "gradient (is it computed outside the graph?); give the operation its own jvp rule");
                    }
                    Tensor term = ((Tensor) inputs[k].conformGradient(transposed[k])).mul(tangents[k]).sum();
                    inner = inner == null ? term : inner.add(term);
                }
                if (inner == null) {
                    return null;
                }
                Node[] found = Backward.gradients(new Node[] {inner}, null, new Node[] {u}, recording, mark);
                return (Tensor) found[0];
            }
        }
    }

    private static boolean anyNeedsGrad(Tensor[] tensors) {
        for (Tensor t : tensors) {
            if (t != null && t.needsGrad()) {
                return true;
            }
        }
        return false;
    }
}
