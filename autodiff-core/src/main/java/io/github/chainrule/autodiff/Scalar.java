package io.github.chainrule.autodiff;

import io.github.chainrule.autodiff.engine.Backward;
import io.github.chainrule.autodiff.engine.BackwardRule;
import io.github.chainrule.autodiff.engine.GradMode;
import io.github.chainrule.autodiff.engine.LocalRule;
import io.github.chainrule.autodiff.engine.Node;
import io.github.chainrule.autodiff.ops.ActivationOps;
import io.github.chainrule.autodiff.ops.ArithmeticOps;
import io.github.chainrule.autodiff.ops.ElementwiseOp;
import io.github.chainrule.autodiff.ops.ExponentialOps;
import io.github.chainrule.autodiff.ops.Expr;
import io.github.chainrule.autodiff.ops.PiecewiseOps;
import io.github.chainrule.autodiff.ops.TrigonometricOps;

/**
 * A single double in the computation graph, in the style of micrograd's {@code Value}.
 *
 * <pre>{@code
 * Scalar a = Scalar.of(2.0), b = Scalar.of(-3.0);
 * Scalar c = a.mul(b).add(a.tanh()).pow(2);
 * c.backward();            // a.grad(), b.grad()
 * }</pre>
 *
 * <p>Each operation dispatches to its op record (package {@code ops}), which states the
 * forward and the derivative once for both graphs; the derivative is evaluated on doubles in
 * a first-order sweep and as Scalar operations under {@link #backward(boolean) backward(true)},
 * so gradients of gradients come for free.
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

    /** The result of {@code rule}'s operation on {@code x} and, for a binary one, {@code y}. */
    private Scalar(double value, RecordRule rule, Scalar x, Scalar y) {
        super(rule.op().name(), x, y, rule);
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
     * The scalar graph's rule for an elementwise op record: ∂out/∂in_k comes from the record's
     * partial. One instance per record is shared by every node of that operation (it reads the
     * operands from the node), so a node costs no rule object. Partials that are an operand, the
     * output or an exact constant cost nothing; others are evaluated on doubles in a first-order
     * sweep, and as recorded Scalar operations when the backward pass is recorded. A record
     * class, so that the JIT folds a shared rule's fields into the operations that use it.
     *
     * @param op the op record
     * @param kind0 how ∂out/∂in_0 is read (a constant, an operand, the output, or evaluated)
     * @param kind1 the same for ∂out/∂in_1
     */
    record RecordRule(ElementwiseOp op, int kind0, int kind1) implements LocalRule {
        // How each partial is read, decided once per operation rather than once per edge.
        private static final int ONE_PARTIAL = 0;
        private static final int ZERO_PARTIAL = 1;
        private static final int MINUS_ONE_PARTIAL = 2;
        private static final int X_PARTIAL = 3;
        private static final int Y_PARTIAL = 4;
        private static final int OUT_PARTIAL = 5;
        private static final int STEP_PARTIAL = 6;
        private static final int SMOOTH_PARTIAL = 7;

        /** The rule for {@code op}. */
        static RecordRule of(ElementwiseOp op) {
            return new RecordRule(op, kind(op.partial(0)), op.arity() > 1 ? kind(op.partial(1)) : ZERO_PARTIAL);
        }

        private static int kind(Expr partial) {
            double c = partial.constantValue();
            if (c == 1) {
                return ONE_PARTIAL;
            } else if (c == 0) {
                return ZERO_PARTIAL;
            } else if (c == -1) {
                return MINUS_ONE_PARTIAL;
            }
            int leaf = partial.leafIndex();
            if (leaf >= 0) {
                return X_PARTIAL + leaf;
            }
            return partial.isPiecewiseConstant() ? STEP_PARTIAL : SMOOTH_PARTIAL;
        }

        @Override
        public Node partial(int k, Node output) {
            Scalar out = (Scalar) output;
            switch (k == 0 ? kind0 : kind1) {
                case ONE_PARTIAL:
                    return ONE;
                case ZERO_PARTIAL:
                    return ZERO;
                case MINUS_ONE_PARTIAL:
                    return MINUS_ONE;
                case X_PARTIAL:
                    return out.input(0);
                case Y_PARTIAL:
                    return out.input(1);
                case OUT_PARTIAL:
                    return out;
                default:
                    break;
            }
            Expr partial = op.partial(k);
            Scalar x = (Scalar) out.input(0);
            Scalar y = op.arity() > 1 ? (Scalar) out.input(1) : null;
            if (partial.isPiecewiseConstant() || !GradMode.isEnabled()) {
                double v = partial.value(x.value, y == null ? 0 : y.value, out.value);
                return v == 1 ? ONE : v == 0 ? ZERO : constant(v);
            }
            return partial.eval(ScalarAlgebra.INSTANCE, x, y, out);
        }

        @Override
        public double valueOf(Node node) {
            return ((Scalar) node).value;
        }

        @Override
        public Node one() {
            return ONE;
        }

        @Override
        public Node zero() {
            return ZERO;
        }

        @Override
        public Node times(Node gradOutput, Node partial) {
            Scalar g = (Scalar) gradOutput;
            if (partial == MINUS_ONE) {
                return g.neg();
            }
            return op.nonFinitePartials() ? g.mulSafe((Scalar) partial) : g.mul((Scalar) partial);
        }
    }

    // Shared constant leaves: they never require grad, so no sweep writes to them.
    private static final Scalar ONE = new Scalar(1);
    private static final Scalar ZERO = new Scalar(0);
    private static final Scalar MINUS_ONE = new Scalar(-1);

    private static final Node[] NO_INPUTS = {};

    private static final RecordRule ADD = RecordRule.of(ArithmeticOps.ADD);
    private static final RecordRule SUB = RecordRule.of(ArithmeticOps.SUB);
    private static final RecordRule MUL = RecordRule.of(ArithmeticOps.MUL);
    private static final RecordRule DIV = RecordRule.of(ArithmeticOps.DIV);
    private static final RecordRule NEG = RecordRule.of(ArithmeticOps.NEG);
    private static final RecordRule SQUARE = RecordRule.of(ArithmeticOps.SQUARE);
    private static final RecordRule POW = RecordRule.of(ArithmeticOps.POW);
    private static final RecordRule MUL_SAFE = RecordRule.of(ArithmeticOps.MUL_SAFE);
    private static final RecordRule EXP = RecordRule.of(ExponentialOps.EXP);
    private static final RecordRule LOG = RecordRule.of(ExponentialOps.LOG);
    private static final RecordRule SQRT = RecordRule.of(ExponentialOps.SQRT);
    private static final RecordRule LOG1P = RecordRule.of(ExponentialOps.LOG1P);
    private static final RecordRule EXPM1 = RecordRule.of(ExponentialOps.EXPM1);
    private static final RecordRule ERF = RecordRule.of(ExponentialOps.ERF);
    private static final RecordRule SIN = RecordRule.of(TrigonometricOps.SIN);
    private static final RecordRule COS = RecordRule.of(TrigonometricOps.COS);
    private static final RecordRule ATAN = RecordRule.of(TrigonometricOps.ATAN);
    private static final RecordRule TANH = RecordRule.of(ActivationOps.TANH);
    private static final RecordRule SIGMOID = RecordRule.of(ActivationOps.SIGMOID);
    private static final RecordRule RELU = RecordRule.of(ActivationOps.RELU);
    private static final RecordRule SOFTPLUS = RecordRule.of(ActivationOps.SOFTPLUS);
    private static final RecordRule ABS = RecordRule.of(PiecewiseOps.ABS);
    private static final RecordRule MAXIMUM = RecordRule.of(PiecewiseOps.MAXIMUM);
    private static final RecordRule MINIMUM = RecordRule.of(PiecewiseOps.MINIMUM);
    private static final RecordRule LOG_SIGMOID = RecordRule.of(ActivationOps.LOG_SIGMOID);
    private static final RecordRule GELU = RecordRule.of(ActivationOps.GELU);
    private static final RecordRule SIGN = RecordRule.of(PiecewiseOps.SIGN);

    /**
     * {@code rule}'s operation on one operand. The hot operations reach here; the node keeps its
     * operands and rule only when it is recorded (see {@link Node}).
     */
    private static Scalar unary(RecordRule rule, Scalar x) {
        return new Scalar(rule.op().forward().apply(x.value, 0), rule, x, null);
    }

    /** {@code rule}'s operation on two operands. */
    private static Scalar binary(RecordRule rule, Scalar a, Scalar b) {
        return new Scalar(rule.op().forward().apply(a.value, b.value), rule, a, b);
    }

    /**
     * An elementwise op record applied to one or two scalars: how an operation defined by its
     * record alone is used (see {@link ElementwiseOp}).
     */
    public static Scalar apply(ElementwiseOp op, Scalar... operands) {
        if (operands.length != op.arity()) {
            throw new IllegalArgumentException(op.name() + ": takes " + op.arity() + " operand"
                    + (op.arity() == 1 ? "" : "s") + ", got " + operands.length);
        }
        RecordRule rule = RecordRule.of(op);
        return operands.length == 1 ? unary(rule, operands[0]) : binary(rule, operands[0], operands[1]);
    }

    /**
     * Whether an operation on {@code a} is recorded: the operations with a double operand test
     * this first and make no constant leaf for it when not.
     */
    private static boolean records(Scalar a) {
        return a.needsGrad() && GradMode.isEnabled();
    }

    /** The result of an operation that is not recorded: a constant, as the engine would make it. */
    private static Scalar unrecorded(double value, String op) {
        return new Scalar(value, op, NO_INPUTS, null);
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

    // ---- arithmetic (each derivative is stated once, in the op records of ops) --------------

    /** {@code this + other}; ∂/∂this = ∂/∂other = 1. */
    public Scalar add(Scalar other) {
        return binary(ADD, this, other);
    }

    /** {@code this + c}. */
    public Scalar add(double c) {
        if (!records(this)) {
            return unrecorded(value + c, "add");
        }
        return binary(ADD, this, constant(c));
    }

    /** {@code this − other}; ∂/∂this = 1, ∂/∂other = −1. */
    public Scalar sub(Scalar other) {
        return binary(SUB, this, other);
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
        return binary(MUL, this, other);
    }

    /** {@code this · c}. */
    public Scalar mul(double c) {
        if (!records(this)) {
            return unrecorded(value * c, "mul");
        }
        return binary(MUL, this, constant(c));
    }

    /** The zero-safe product: {@code this · d}, exactly 0 where this is 0 even if d is ±∞ or NaN. */
    Scalar mulSafe(Scalar d) {
        return binary(MUL_SAFE, this, d);
    }

    /** {@code this / other}; ∂/∂this = 1/other, ∂/∂other = −this/other². */
    public Scalar div(Scalar other) {
        return binary(DIV, this, other);
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
        return unary(NEG, this);
    }

    /**
     * {@code this^k} for a constant exponent; ∂/∂this = k·this^(k−1). At this = 0 with
     * {@code k < 1} the derivative is infinite, as it is mathematically.
     */
    public Scalar pow(double k) {
        return unary(RecordRule.of(ArithmeticOps.powConstant(k)), this);
    }

    /**
     * {@code this^e}; ∂/∂this = e·this^(e−1), ∂/∂e = this^e·ln(this). The exponent's
     * derivative is defined for a positive base only; for base 0 it is taken as 0 (the limit
     * of {@code x^e ln x} as x → 0⁺ for e > 0), and it is NaN for a negative base.
     */
    public Scalar pow(Scalar exponent) {
        return binary(POW, this, exponent);
    }

    /** {@code this²}; ∂/∂this = 2·this. */
    public Scalar square() {
        return unary(SQUARE, this);
    }

    // ---- elementary functions ---------------------------------------------------------------

    /** {@code eˣ}; derivative eˣ. */
    public Scalar exp() {
        return unary(EXP, this);
    }

    /** Natural logarithm; derivative 1/x. log(0) = −∞ with derivative +∞. */
    public Scalar log() {
        return unary(LOG, this);
    }

    /** Square root; derivative 1/(2√x), infinite at 0. */
    public Scalar sqrt() {
        return unary(SQRT, this);
    }

    /** ln(1 + x), accurate for tiny x; derivative 1/(1 + x). */
    public Scalar log1p() {
        return unary(LOG1P, this);
    }

    /** eˣ − 1, accurate for tiny x; derivative eˣ. */
    public Scalar expm1() {
        return unary(EXPM1, this);
    }

    /** erf x = 2/√π ∫₀ˣ e^(−t²) dt; derivative 2/√π·e^(−x²). */
    public Scalar erf() {
        return unary(ERF, this);
    }

    /** |x|; derivative sign(x), taken as 0 at x = 0 (a subgradient, as PyTorch does). */
    public Scalar abs() {
        return unary(ABS, this);
    }

    /** Hyperbolic tangent; derivative 1 − tanh²(x). */
    public Scalar tanh() {
        return unary(TANH, this);
    }

    /** Logistic sigmoid σ(x) = 1/(1+e^(−x)); derivative σ(x)(1 − σ(x)). */
    public Scalar sigmoid() {
        return unary(SIGMOID, this);
    }

    /**
     * max(x, 0); derivative 1 for x > 0 and 0 otherwise (0 at the kink, as PyTorch); at NaN the
     * gradient passes, as PyTorch.
     */
    public Scalar relu() {
        return unary(RELU, this);
    }

    /** x for x > 0, {@code slope}·x otherwise; derivative 1 or {@code slope} (slope at 0). */
    public Scalar leakyRelu(double slope) {
        return unary(RecordRule.of(ActivationOps.leakyRelu(slope)), this);
    }

    /** softplus(x) = ln(1+eˣ), computed without overflow; derivative σ(x). */
    public Scalar softplus() {
        return unary(SOFTPLUS, this);
    }

    /** x limited to [lo, hi]; derivative 1 inside the interval (bounds included), 0 outside. */
    public Scalar clamp(double lo, double hi) {
        return unary(RecordRule.of(PiecewiseOps.clamp(lo, hi)), this);
    }

    /** Sine; derivative cos x. */
    public Scalar sin() {
        return unary(SIN, this);
    }

    /** Cosine; derivative −sin x. */
    public Scalar cos() {
        return unary(COS, this);
    }

    /** atan x; derivative 1/(1 + x²). */
    public Scalar atan() {
        return unary(ATAN, this);
    }

    /** log σ(x) = −softplus(−x), without overflow; derivative σ(−x). */
    public Scalar logSigmoid() {
        return unary(LOG_SIGMOID, this);
    }

    /** gelu(x) = x·Φ(x) = ½x(1 + erf(x/√2)) (exact form); derivative Φ(x) + x·φ(x). */
    public Scalar gelu() {
        return unary(GELU, this);
    }

    /** sign(x) ∈ {−1, 0, 1}; derivative 0 everywhere (no gradient passes), as PyTorch. */
    public Scalar sign() {
        return unary(SIGN, this);
    }

    /**
     * The larger of two values; the gradient goes to the larger, and is split in half between
     * them on a tie (the average of the two one-sided derivatives, as PyTorch's maximum). With a
     * NaN operand the value is NaN and both operands receive the whole gradient, as PyTorch.
     */
    public Scalar maximum(Scalar other) {
        return binary(MAXIMUM, this, other);
    }

    /** The smaller of two values; the gradient as for {@link #maximum}. */
    public Scalar minimum(Scalar other) {
        return binary(MINIMUM, this, other);
    }

    /** {@link #maximum}, by its shorter name. */
    public Scalar max(Scalar other) {
        return maximum(other);
    }

    /** {@code max(this, c)}; on a tie half the gradient reaches this. */
    public Scalar max(double c) {
        return maximum(constant(c));
    }

    /** {@link #minimum}, by its shorter name. */
    public Scalar min(Scalar other) {
        return minimum(other);
    }

    /** {@code min(this, c)}; on a tie half the gradient reaches this. */
    public Scalar min(double c) {
        return minimum(constant(c));
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
