package io.github.chainrule.autodiff;

import io.github.chainrule.autodiff.engine.Backward;
import io.github.chainrule.autodiff.engine.BackwardRule;
import io.github.chainrule.autodiff.engine.GradMode;
import io.github.chainrule.autodiff.engine.LocalRule;
import io.github.chainrule.autodiff.engine.Node;

/**
 * A single double in the computation graph, in the style of micrograd's {@code Value}.
 *
 * <pre>{@code
 * Scalar a = Scalar.of(2.0), b = Scalar.of(-3.0);
 * Scalar c = a.mul(b).add(a.tanh()).pow(2);
 * c.backward();            // a.grad(), b.grad()
 * }</pre>
 *
 * <p>Each operation states its derivative once, next to its forward computation, as an
 * expression in Scalar operations: so gradients of gradients come from
 * {@link #backward(boolean) backward(true)}.
 *
 * <p><b>Gradients accumulate</b> over repeated {@code backward()} calls, as in PyTorch; call
 * {@link #zeroGrad()} to reset. Values are immutable.
 */
public final class Scalar extends Node {
    private final double value;

    private Scalar(double value) {
        this.value = value;
    }

    private Scalar(double value, String op, Node[] inputs, BackwardRule rule) {
        super(op, inputs, rule);
        this.value = value;
        checkForward();
    }

    /** A leaf that requires grad: the usual way to make a variable, as micrograd does. */
    public static Scalar of(double value) {
        Scalar leaf = new Scalar(value);
        leaf.markRequiresGrad("Scalar.of");
        return leaf;
    }

    /** A leaf that does not require grad: a constant in the graph. */
    public static Scalar constant(double value) {
        return new Scalar(value);
    }

    /**
     * A derivative rule typed for the scalar graph: (∂L/∂out, out) ↦ ∂L/∂inputs. It is itself
     * the engine's rule (the casts live in the default method), so a node costs one rule
     * object, not a typed rule plus an adapter.
     */
    @FunctionalInterface
    private interface Rule extends BackwardRule {
        Scalar[] applyTyped(Scalar gradOutput, Scalar output);

        @Override
        default Node[] apply(Node gradOutput, Node output) {
            return applyTyped((Scalar) gradOutput, (Scalar) output);
        }
    }

    /**
     * A derivative stated by local partials ∂out/∂in_k, as Scalar expressions: the engine
     * derives the recorded VJP g·∂out/∂in_k from it for {@code createGraph}, and runs
     * first-order sweeps on the partials' values in plain doubles (see {@link LocalRule}).
     * The constants {@link #ONE}, {@link #ZERO} and {@link #MINUS_ONE} mark exact partials.
     */
    @FunctionalInterface
    private interface Local extends LocalRule {
        Scalar partialOf(int k, Scalar output);

        @Override
        default Node partial(int k, Node output) {
            return partialOf(k, (Scalar) output);
        }

        @Override
        default double valueOf(Node node) {
            return ((Scalar) node).value;
        }

        @Override
        default Node one() {
            return ONE;
        }

        @Override
        default Node zero() {
            return ZERO;
        }

        @Override
        default Node times(Node gradOutput, Node partial) {
            Scalar g = (Scalar) gradOutput;
            return partial == MINUS_ONE ? g.neg() : g.mul((Scalar) partial);
        }
    }

    // Shared constant leaves: they never require grad, so no sweep writes to them.
    private static final Scalar ONE = new Scalar(1);
    private static final Scalar ZERO = new Scalar(0);
    private static final Scalar MINUS_ONE = new Scalar(-1);

    private static final Node[] NO_INPUTS = {};

    // Rules that read what they need from the output node, so that one instance serves every
    // node (a capturing lambda is an object per node): ∂(a·b)/∂a = b, ∂(a·b)/∂b = a, and
    // relu's 1 where its output is positive (exactly where its input is), else 0.
    private static final Local MUL = (k, out) -> (Scalar) out.input(1 - k);
    private static final Local RELU = (k, out) -> out.value > 0 ? ONE : ZERO;

    private static Scalar local(double value, String op, Node[] inputs, Local rule) {
        return new Scalar(value, op, inputs, rule);
    }

    private static Scalar result(double value, String op, Node[] inputs, Rule rule) {
        return new Scalar(value, op, inputs, rule);
    }

    /**
     * Whether an operation on these inputs is recorded. The hot operations test this first and
     * skip building their input array and rule when not: a backward sweep computes every
     * gradient with such unrecorded operations, and the garbage is most of its cost.
     */
    private static boolean records(Scalar a) {
        return a.needsGrad() && GradMode.isEnabled();
    }

    private static boolean records(Scalar a, Scalar b) {
        return (a.needsGrad() || b.needsGrad()) && GradMode.isEnabled();
    }

    /** The result of an operation that is not recorded: a constant, as the engine would make it. */
    private static Scalar unrecorded(double value, String op) {
        return new Scalar(value, op, NO_INPUTS, null);
    }

    private static Scalar[] grads(Scalar... gradients) {
        return gradients;
    }

    /** The value. */
    public double value() {
        return value;
    }

    /** The accumulated gradient ∂root/∂this, or 0 when backward has not reached this node. */
    public double grad() {
        Node g = gradNode();
        return g == null ? 0.0 : ((Scalar) g).value;
    }

    /**
     * The accumulated gradient as a graph node (after {@code backward(true)} it can be
     * differentiated again), or null when backward has not reached this node.
     */
    public Scalar gradScalar() {
        return (Scalar) gradNode();
    }

    /** A constant leaf with this value: gradients stop here. */
    public Scalar detach() {
        return new Scalar(value);
    }

    /** Accumulates ∂this/∂leaf into every leaf's {@code grad()}; this node's own seed is 1. */
    public void backward() {
        Backward.accumulate(this, null, false);
    }

    /**
     * As {@link #backward()}; with {@code createGraph} the gradients are recorded graph nodes,
     * read with {@link #gradScalar()}, that can be differentiated again.
     */
    public void backward(boolean createGraph) {
        Backward.accumulate(this, null, createGraph);
    }

    // ---- arithmetic -------------------------------------------------------------------------

    /** {@code this + other}; ∂/∂this = ∂/∂other = 1. */
    public Scalar add(Scalar other) {
        if (!records(this, other)) {
            return unrecorded(value + other.value, "add");
        }
        return local(value + other.value, "add", new Node[] {this, other}, (k, out) -> ONE);
    }

    /** {@code this + c}. */
    public Scalar add(double c) {
        if (!records(this)) {
            return unrecorded(value + c, "add");
        }
        return local(value + c, "add", new Node[] {this}, (k, out) -> ONE);
    }

    /** {@code this − other}; ∂/∂this = 1, ∂/∂other = −1. */
    public Scalar sub(Scalar other) {
        return local(value - other.value, "sub", new Node[] {this, other},
                (k, out) -> k == 0 ? ONE : MINUS_ONE);
    }

    /** {@code this − c}. */
    public Scalar sub(double c) {
        return add(-c);
    }

    /** {@code c − this}. */
    public Scalar rsub(double c) {
        return neg().add(c);
    }

    /** {@code this · other}; ∂/∂this = other, ∂/∂other = this. */
    public Scalar mul(Scalar other) {
        if (!records(this, other)) {
            return unrecorded(value * other.value, "mul");
        }
        return local(value * other.value, "mul", new Node[] {this, other}, MUL);
    }

    /** {@code this · c}. */
    public Scalar mul(double c) {
        if (!records(this)) {
            return unrecorded(value * c, "mul");
        }
        return local(value * c, "mul", new Node[] {this}, (k, out) -> constant(c));
    }

    /** {@code this / other}; ∂/∂this = 1/other, ∂/∂other = −this/other². */
    public Scalar div(Scalar other) {
        return result(value / other.value, "div", new Node[] {this, other},
                (g, out) -> grads(g.div(other), g.mul(out).div(other).neg()));
    }

    /** {@code this / c}. */
    public Scalar div(double c) {
        return mul(1.0 / c);
    }

    /** {@code c / this}. */
    public Scalar rdiv(double c) {
        return pow(-1).mul(c);
    }

    /** {@code −this}. */
    public Scalar neg() {
        if (!records(this)) {
            return unrecorded(-value, "neg");
        }
        return local(-value, "neg", new Node[] {this}, (k, out) -> MINUS_ONE);
    }

    /**
     * {@code this^k} for a constant exponent; ∂/∂this = k·this^(k−1). At this = 0 with
     * {@code k < 1} the derivative is infinite, as it is mathematically.
     */
    public Scalar pow(double k) {
        return result(Math.pow(value, k), "pow", new Node[] {this},
                (g, out) -> grads(k == 0 ? constant(0) : g.mul(pow(k - 1).mul(k))));
    }

    /**
     * {@code this^e}; ∂/∂this = e·this^(e−1), ∂/∂e = this^e·ln(this). The exponent's
     * derivative is defined for a positive base only; for base 0 it is taken as 0 (the limit
     * of {@code x^e ln x} as x → 0⁺ for e > 0).
     */
    public Scalar pow(Scalar exponent) {
        return result(Math.pow(value, exponent.value), "pow", new Node[] {this, exponent}, (g, out) -> {
                        Scalar dBase = g.mul(exponent).mul(pow(exponent.sub(1)));
            Scalar dExponent = !exponent.needsGrad() ? null
                    : value == 0 ? constant(0) : g.mul(out).mul(log());
            return grads(dBase, dExponent);
        });
    }

    /** {@code this²}; ∂/∂this = 2·this. */
    public Scalar square() {
        return local(value * value, "square", new Node[] {this}, (k, out) -> mul(2));
    }

    // ---- elementary functions ---------------------------------------------------------------

    /** {@code eˣ}; derivative eˣ. */
    public Scalar exp() {
        return local(Math.exp(value), "exp", new Node[] {this}, (k, out) -> out);
    }

    /** Natural logarithm; derivative 1/x. log(0) = −∞ with derivative +∞. */
    public Scalar log() {
        return result(Math.log(value), "log", new Node[] {this}, (g, out) -> grads(g.div(this)));
    }

    /** Square root; derivative 1/(2√x), infinite at 0. */
    public Scalar sqrt() {
        return result(Math.sqrt(value), "sqrt", new Node[] {this}, (g, out) -> grads(g.div(out.mul(2))));
    }

    /** |x|; derivative sign(x), taken as 0 at x = 0 (a subgradient, as PyTorch does). */
    public Scalar abs() {
        return result(Math.abs(value), "abs", new Node[] {this}, (g, out) -> grads(g.mul(Math.signum(value))));
    }

    /** Hyperbolic tangent; derivative 1 − tanh²(x). */
    public Scalar tanh() {
        return local(Math.tanh(value), "tanh", new Node[] {this}, (k, out) -> out.square().rsub(1));
    }

    /** Logistic sigmoid σ(x) = 1/(1+e^(−x)); derivative σ(x)(1 − σ(x)). */
    public Scalar sigmoid() {
        return local(Functions.sigmoid(value), "sigmoid", new Node[] {this}, (k, out) -> out.mul(out.rsub(1)));
    }

    /** max(x, 0); derivative 1 for x > 0 and 0 otherwise (0 at the kink, as PyTorch). */
    public Scalar relu() {
        if (!records(this)) {
            return unrecorded(Math.max(value, 0), "relu");
        }
        return local(Math.max(value, 0), "relu", new Node[] {this}, RELU);
    }

    /** Sine; derivative cos x. */
    public Scalar sin() {
        return result(Math.sin(value), "sin", new Node[] {this}, (g, out) -> grads(g.mul(cos())));
    }

    /** Cosine; derivative −sin x. */
    public Scalar cos() {
        return result(Math.cos(value), "cos", new Node[] {this}, (g, out) -> grads(g.mul(sin()).neg()));
    }

    /**
     * The larger of two values; the gradient goes to the larger, and is split in half between
     * them on a tie (the average of the two one-sided derivatives, as PyTorch's maximum).
     */
    public Scalar max(Scalar other) {
        double share = value > other.value ? 1 : value < other.value ? 0 : 0.5;
        return result(Math.max(value, other.value), "max", new Node[] {this, other},
                (g, out) -> grads(g.mul(share), g.mul(1 - share)));
    }

    /** {@code max(this, c)}; on a tie half the gradient reaches this. */
    public Scalar max(double c) {
        return max(constant(c));
    }

    /** The smaller of two values; on a tie the gradient is split in half. */
    public Scalar min(Scalar other) {
        double share = value < other.value ? 1 : value > other.value ? 0 : 0.5;
        return result(Math.min(value, other.value), "min", new Node[] {this, other},
                (g, out) -> grads(g.mul(share), g.mul(1 - share)));
    }

    /** {@code min(this, c)}; on a tie half the gradient reaches this. */
    public Scalar min(double c) {
        return min(constant(c));
    }

    /**
     * This value lifted into the tensor graph as a 0-d tensor; gradients flow back into the
     * scalar graph. See {@link Tensor#toScalar()} for the way back.
     */
    public Tensor toTensor() {
        return Tensor.fromScalar(this);
    }

    /** The single value of {@code t} in the scalar graph; see {@link Tensor#toScalar()}. */
    static Scalar fromTensor(Tensor t) {
        int[] shape = t.shape();
        return new Scalar(t.item(), "toScalar", new Node[] {t},
                (g, out) -> new Node[] {((Scalar) g).toTensor().reshape(shape)});
    }

    // ---- engine hooks -----------------------------------------------------------------------

    @Override
    protected boolean taped() {
        return true;
    }

    @Override
    protected Node seedGradient() {
        return constant(1.0);
    }

    @Override
    protected Node gradientOfValue(double gradient) {
        return constant(gradient);
    }

    @Override
    protected Node addGradients(Node a, Node b) {
        return ((Scalar) a).add((Scalar) b);
    }

    @Override
    protected void checkOutputGradient(Node gradient) {
        if (!(gradient instanceof Scalar)) {
            throw new IllegalArgumentException("backward: the output gradient of a Scalar must be a Scalar, got "
                    + gradient.getClass().getSimpleName() + " " + gradient.shapeString());
        }
    }

    @Override
    protected boolean hasNonFinite() {
        return !Double.isFinite(value);
    }

    @Override
    protected boolean hasNaN() {
        return Double.isNaN(value);
    }

    @Override
    public String shapeString() {
        return "()";
    }

    @Override
    public String describeValues() {
        return "scalar " + value;
    }

    /** {@code Scalar(value=…, grad=…)} as micrograd prints it. */
    @Override
    public String toString() {
        return "Scalar(value=" + value + ", grad=" + grad() + ")";
    }

    // ---- Kotlin operator names: thin aliases so that a + b, a - b, a * b, a / b and -a read
    // naturally in Kotlin (which maps those operators to these names); Java callers use
    // add/sub/mul/div/neg. ------------------------------------------------------------------

    /**
     * Kotlin's {@code this + other}: the same as {@link #add(Scalar)}.
     *
     * @param other the addend
     * @return {@code this + other}, recorded like {@link #add(Scalar)}
     */
    public Scalar plus(Scalar other) {
        return add(other);
    }

    /**
     * Kotlin's {@code this + c}: the same as {@link #add(double)}.
     *
     * @param c the constant addend
     * @return {@code this + c}
     */
    public Scalar plus(double c) {
        return add(c);
    }

    /**
     * Kotlin's {@code this - other}: the same as {@link #sub(Scalar)}.
     *
     * @param other the subtrahend
     * @return {@code this − other}
     */
    public Scalar minus(Scalar other) {
        return sub(other);
    }

    /**
     * Kotlin's {@code this - c}: the same as {@link #sub(double)}.
     *
     * @param c the constant subtrahend
     * @return {@code this − c}
     */
    public Scalar minus(double c) {
        return sub(c);
    }

    /**
     * Kotlin's {@code this * other}: the same as {@link #mul(Scalar)}.
     *
     * @param other the factor
     * @return {@code this · other}
     */
    public Scalar times(Scalar other) {
        return mul(other);
    }

    /**
     * Kotlin's {@code this * c}: the same as {@link #mul(double)}.
     *
     * @param c the constant factor
     * @return {@code this · c}
     */
    public Scalar times(double c) {
        return mul(c);
    }

    /**
     * Kotlin's {@code -this}: the same as {@link #neg()}. ({@code div} needs no alias:
     * Kotlin's {@code /} already maps to it.)
     *
     * @return {@code −this}
     */
    public Scalar unaryMinus() {
        return neg();
    }
}
