package io.github.chainrule.autodiff.ops;

/**
 * A local partial derivative ∂out/∂in_k of an elementwise operation, stated once as a small
 * expression in the operation's inputs {@link #x()}, {@link #y()} and output {@link #out()}.
 * From this one statement come all three uses:
 * <ul>
 *   <li>{@link #value} on plain doubles: the scalar graph's first-order sweep and the tensor
 *       graph's fused first-order loops (no node per gradient);</li>
 *   <li>{@link #eval} in an {@link Algebra} of recorded values: the vector-Jacobian product
 *       g·∂out/∂in_k as graph nodes, so gradients of gradients come for free;</li>
 *   <li>the same two for forward mode: the tangent Σ_k ∂out/∂in_k·ṫ_k;</li>
 *   <li>{@link #derivative}: the partial's own derivative, composed from the records of the
 *       operations it is made of, for the tangent of a vector-Jacobian product
 *       (forward over reverse) computed in one pass.</li>
 * </ul>
 * Expressions are immutable and built once per operation (a static field of its record), so
 * dispatching to them costs no allocation per node.
 */
public abstract class Expr {
    private static final Expr X = new Leaf(0);
    private static final Expr Y = new Leaf(1);
    private static final Expr OUT = new Leaf(2);
    /** The exact constant 1: the gradient passes unchanged. */
    public static final Expr ONE = new Constant(1);
    /** The exact constant 0: no gradient passes. */
    public static final Expr ZERO = new Constant(0);
    /** The exact constant −1: the gradient passes negated. */
    public static final Expr MINUS_ONE = new Constant(-1);

    /** ∂this/∂x, ∂this/∂y, ∂this/∂out, built on first use. */
    private volatile Expr[] derivatives;

    Expr() {
    }

    /** A piecewise-constant function of (x, y, out): a mask, a sign or a share. */
    @FunctionalInterface
    public interface Step {
        /** The value at (x, y, out); y is 0 for a one-input operation. */
        double at(double x, double y, double out);
    }

    /** The first input. */
    public static Expr x() {
        return X;
    }

    /** The second input. */
    public static Expr y() {
        return Y;
    }

    /** The operation's output, which many derivatives reuse (eˣ, tanh, σ). */
    public static Expr out() {
        return OUT;
    }

    /** The constant c (the shared instances for 0, 1 and −1). */
    public static Expr constant(double c) {
        return c == 1 ? ONE : c == 0 ? ZERO : c == -1 ? MINUS_ONE : new Constant(c);
    }

    /**
     * A piecewise-constant function of the inputs and the output (relu's mask, abs's sign,
     * maximum's share): its own derivative is 0, and a zero value passes no gradient at all,
     * not even an infinite one.
     */
    public static Expr step(Step step) {
        return new StepExpr(step);
    }

    /** The value on doubles; y is 0 for a one-input operation. */
    public abstract double value(double x, double y, double out);

    /** The expression evaluated in {@code algebra}; y is null for a one-input operation. */
    public abstract <T> T eval(Algebra<T> algebra, T x, T y, T out);

    /** True when the expression does not depend on the inputs smoothly (a constant or a step). */
    public boolean isPiecewiseConstant() {
        return false;
    }

    /** The constant value, when this is a {@link #constant}; NaN otherwise. */
    public double constantValue() {
        return Double.NaN;
    }

    /** The input (0, 1) or output (2) this expression is, or −1. */
    public int leafIndex() {
        return -1;
    }

    /**
     * ∂this/∂leaf for the leaf x (0), y (1) or out (2), the others held fixed, as an
     * expression in the same leaves. It is not written by hand: each operation in the
     * expression is an op record (square, exp, ÷, pow, …), and its partials, composed by the
     * chain rule, give the derivative, so every operation's derivative is still stated once.
     * A piecewise-constant part (a step, a constant) has derivative 0. Each chain-rule product
     * is zero-safe in the inner derivative: where it is 0, an infinite partial contributes 0.
     * Built once per expression and leaf.
     */
    public Expr derivative(int leaf) {
        if (leaf < 0 || leaf > 2) {
            throw new IllegalArgumentException("Expr.derivative: leaf " + leaf + " is not x (0), y (1) or out (2)");
        }
        Expr[] cached = derivatives;
        if (cached == null) {
            cached = new Expr[] {differentiate(0), differentiate(1), differentiate(2)};
            derivatives = cached;
        }
        return cached[leaf];
    }

    /** ∂this/∂leaf, built from the operations' records (see {@link #derivative}). */
    abstract Expr differentiate(int leaf);

    /**
     * This expression with its leaves x, y and out replaced by {@code x}, {@code y} and
     * {@code out}: an op record's partial applied to the operands of one of its uses. A null
     * {@code y} (a one-operand use) stands for 0.
     */
    public abstract Expr substitute(Expr x, Expr y, Expr out);

    /** d·∂f/∂in_k for the chain rule: 0 when either is structurally 0, zero-safe in d otherwise. */
    private static Expr chain(Expr inner, Expr partial) {
        if (inner == ZERO || partial == ZERO) {
            return ZERO;
        }
        if (inner == ONE) {
            return partial;
        }
        if (partial == ONE) {
            return inner;
        }
        return partial == MINUS_ONE ? inner.neg() : inner.timesSafe(partial);
    }

    /** a + b, leaving out a structural 0. */
    private static Expr sum(Expr a, Expr b) {
        return a == ZERO ? b : b == ZERO ? a : a.plus(b);
    }

    /** The derivative of {@code node} = op(a[, b]) with respect to a leaf, by op's own partials. */
    private static Expr chainRule(ElementwiseOp op, Expr node, Expr a, Expr b, int leaf) {
        Expr result = chain(a.derivative(leaf), op.partial(0).substitute(a, b, node));
        if (b != null) {
            result = sum(result, chain(b.derivative(leaf), op.partial(1).substitute(a, b, node)));
        }
        return result;
    }

    /** this + other. */
    public Expr plus(Expr other) {
        return new Binary('+', this, other);
    }

    /** this + c. */
    public Expr plus(double c) {
        return plus(constant(c));
    }

    /** this − other. */
    public Expr minus(Expr other) {
        return new Binary('-', this, other);
    }

    /** c − this. */
    public Expr rsub(double c) {
        return constant(c).minus(this);
    }

    /** this · other. */
    public Expr times(Expr other) {
        return new Binary('*', this, other);
    }

    /** this · c. */
    public Expr times(double c) {
        return times(constant(c));
    }

    /** this · other, exactly 0 where this is 0 even if other is ±∞ or NaN. */
    public Expr timesSafe(Expr other) {
        return new Binary('s', this, other);
    }

    /** this / other. */
    public Expr over(Expr other) {
        return new Binary('/', this, other);
    }

    /** 1 / this. */
    public Expr reciprocal() {
        return ONE.over(this);
    }

    /** −this. */
    public Expr neg() {
        return new Unary('n', this, 0);
    }

    /** this². */
    public Expr square() {
        return new Unary('q', this, 0);
    }

    /** e^this. */
    public Expr exp() {
        return new Unary('e', this, 0);
    }

    /** ln this. */
    public Expr log() {
        return new Unary('l', this, 0);
    }

    /** sin this. */
    public Expr sin() {
        return new Unary('s', this, 0);
    }

    /** cos this. */
    public Expr cos() {
        return new Unary('c', this, 0);
    }

    /** σ(this). */
    public Expr sigmoid() {
        return new Unary('g', this, 0);
    }

    /** this^p for a constant p. */
    public Expr pow(double p) {
        return new Unary('p', this, p);
    }

    /** this^other. */
    public Expr pow(Expr other) {
        return new Binary('^', this, other);
    }

    /**
     * The elementwise op record {@code op} (of one operand) applied to this expression: how a
     * partial uses a function that has its own record (erf in gelu's derivative), evaluated
     * with that record's forward on doubles and its own differentiable method in an algebra.
     */
    public Expr apply(ElementwiseOp op) {
        if (op.arity() != 1) {
            throw new IllegalArgumentException("Expr.apply: " + op + " takes " + op.arity() + " operands, not 1");
        }
        return new RecordApplication(op, this);
    }

    /** {@code ifTrue} where {@code condition} is non-zero, else {@code ifFalse}. */
    public static Expr where(Expr condition, Expr ifTrue, Expr ifFalse) {
        return new Where(condition, ifTrue, ifFalse);
    }

    private static final class Leaf extends Expr {
        private final int index;

        Leaf(int index) {
            this.index = index;
        }

        @Override
        public double value(double x, double y, double out) {
            return index == 0 ? x : index == 1 ? y : out;
        }

        @Override
        public <T> T eval(Algebra<T> algebra, T x, T y, T out) {
            return index == 0 ? x : index == 1 ? y : out;
        }

        @Override
        public int leafIndex() {
            return index;
        }

        @Override
        Expr differentiate(int leaf) {
            return leaf == index ? ONE : ZERO;
        }

        @Override
        public Expr substitute(Expr x, Expr y, Expr out) {
            Expr replacement = index == 0 ? x : index == 1 ? y : out;
            return replacement != null ? replacement : ZERO;
        }

        @Override
        public String toString() {
            return index == 0 ? "x" : index == 1 ? "y" : "out";
        }
    }

    private static final class Constant extends Expr {
        private final double c;

        Constant(double c) {
            this.c = c;
        }

        @Override
        public double value(double x, double y, double out) {
            return c;
        }

        @Override
        public <T> T eval(Algebra<T> algebra, T x, T y, T out) {
            return algebra.constant(c);
        }

        @Override
        public boolean isPiecewiseConstant() {
            return true;
        }

        @Override
        public double constantValue() {
            return c;
        }

        @Override
        Expr differentiate(int leaf) {
            return ZERO;
        }

        @Override
        public Expr substitute(Expr x, Expr y, Expr out) {
            return this;
        }

        @Override
        public String toString() {
            return Double.toString(c);
        }
    }

    private static final class StepExpr extends Expr {
        private final Step step;
        /** What the step is evaluated at: the leaves themselves, or the operands of a substituted use. */
        private final Expr x;
        private final Expr y;
        private final Expr out;

        StepExpr(Step step) {
            this(step, X, Y, OUT);
        }

        StepExpr(Step step, Expr x, Expr y, Expr out) {
            this.step = step;
            this.x = x;
            this.y = y;
            this.out = out;
        }

        @Override
        public double value(double xv, double yv, double outv) {
            if (x == X && y == Y && out == OUT) {
                return step.at(xv, yv, outv);
            }
            return step.at(x.value(xv, yv, outv), y.value(xv, yv, outv), out.value(xv, yv, outv));
        }

        @Override
        public <T> T eval(Algebra<T> algebra, T xv, T yv, T outv) {
            if (x == X && y == Y && out == OUT) {
                return algebra.step(step, xv, yv, outv);
            }
            return algebra.step(step, x.eval(algebra, xv, yv, outv), y.eval(algebra, xv, yv, outv),
                    out.eval(algebra, xv, yv, outv));
        }

        @Override
        public boolean isPiecewiseConstant() {
            return true;
        }

        @Override
        Expr differentiate(int leaf) {
            return ZERO;
        }

        @Override
        public Expr substitute(Expr xs, Expr ys, Expr outs) {
            return new StepExpr(step, x.substitute(xs, ys, outs), y.substitute(xs, ys, outs),
                    out.substitute(xs, ys, outs));
        }

        @Override
        public String toString() {
            return "step";
        }
    }

    private static final class Unary extends Expr {
        private final char op;
        private final Expr a;
        private final double p;

        Unary(char op, Expr a, double p) {
            this.op = op;
            this.a = a;
            this.p = p;
        }

        @Override
        public double value(double x, double y, double out) {
            double v = a.value(x, y, out);
            return switch (op) {
                case 'n' -> -v;
                case 'q' -> v * v;
                case 'e' -> Math.exp(v);
                case 'l' -> Math.log(v);
                case 's' -> Math.sin(v);
                case 'c' -> Math.cos(v);
                case 'g' -> Elementary.sigmoid(v);
                default -> Math.pow(v, p);
            };
        }

        @Override
        public <T> T eval(Algebra<T> algebra, T x, T y, T out) {
            T v = a.eval(algebra, x, y, out);
            return switch (op) {
                case 'n' -> algebra.neg(v);
                case 'q' -> algebra.square(v);
                case 'e' -> algebra.exp(v);
                case 'l' -> algebra.log(v);
                case 's' -> algebra.sin(v);
                case 'c' -> algebra.cos(v);
                case 'g' -> algebra.sigmoid(v);
                default -> algebra.pow(v, p);
            };
        }

        /** The op record this operation is. */
        private ElementwiseOp record() {
            return switch (op) {
                case 'n' -> ArithmeticOps.NEG;
                case 'q' -> ArithmeticOps.SQUARE;
                case 'e' -> ExponentialOps.EXP;
                case 'l' -> ExponentialOps.LOG;
                case 's' -> TrigonometricOps.SIN;
                case 'c' -> TrigonometricOps.COS;
                case 'g' -> ActivationOps.SIGMOID;
                default -> ArithmeticOps.powConstant(p);
            };
        }

        @Override
        Expr differentiate(int leaf) {
            return chainRule(record(), this, a, null, leaf);
        }

        @Override
        public Expr substitute(Expr x, Expr y, Expr out) {
            return new Unary(op, a.substitute(x, y, out), p);
        }

        @Override
        public String toString() {
            return op + "(" + a + (op == 'p' ? ", " + p : "") + ")";
        }
    }

    private static final class Binary extends Expr {
        private final char op;
        private final Expr a;
        private final Expr b;

        Binary(char op, Expr a, Expr b) {
            this.op = op;
            this.a = a;
            this.b = b;
        }

        @Override
        public double value(double x, double y, double out) {
            double u = a.value(x, y, out);
            double v = b.value(x, y, out);
            return switch (op) {
                case '+' -> u + v;
                case '-' -> u - v;
                case '*' -> u * v;
                case 's' -> Elementary.mulSafe(u, v);
                case '/' -> u / v;
                default -> Math.pow(u, v);
            };
        }

        @Override
        public <T> T eval(Algebra<T> algebra, T x, T y, T out) {
            T u = a.eval(algebra, x, y, out);
            T v = b.eval(algebra, x, y, out);
            return switch (op) {
                case '+' -> algebra.add(u, v);
                case '-' -> algebra.sub(u, v);
                case '*' -> algebra.mul(u, v);
                case 's' -> algebra.mulSafe(u, v);
                case '/' -> algebra.div(u, v);
                default -> algebra.pow(u, v);
            };
        }

        /** The op record this operation is. */
        private ElementwiseOp record() {
            return switch (op) {
                case '+' -> ArithmeticOps.ADD;
                case '-' -> ArithmeticOps.SUB;
                case '*' -> ArithmeticOps.MUL;
                case 's' -> ArithmeticOps.MUL_SAFE;
                case '/' -> ArithmeticOps.DIV;
                default -> ArithmeticOps.POW;
            };
        }

        @Override
        Expr differentiate(int leaf) {
            return chainRule(record(), this, a, b, leaf);
        }

        @Override
        public Expr substitute(Expr x, Expr y, Expr out) {
            return new Binary(op, a.substitute(x, y, out), b.substitute(x, y, out));
        }

        @Override
        public String toString() {
            return "(" + a + " " + op + " " + b + ")";
        }
    }

    private static final class Where extends Expr {
        private final Expr condition;
        private final Expr ifTrue;
        private final Expr ifFalse;

        Where(Expr condition, Expr ifTrue, Expr ifFalse) {
            this.condition = condition;
            this.ifTrue = ifTrue;
            this.ifFalse = ifFalse;
        }

        @Override
        public double value(double x, double y, double out) {
            return condition.value(x, y, out) != 0 ? ifTrue.value(x, y, out) : ifFalse.value(x, y, out);
        }

        @Override
        public <T> T eval(Algebra<T> algebra, T x, T y, T out) {
            return algebra.where(condition.eval(algebra, x, y, out), ifTrue.eval(algebra, x, y, out),
                    ifFalse.eval(algebra, x, y, out));
        }

        @Override
        Expr differentiate(int leaf) {
            Expr whenTrue = ifTrue.derivative(leaf);
            Expr whenFalse = ifFalse.derivative(leaf);
            return whenTrue == ZERO && whenFalse == ZERO ? ZERO : new Where(condition, whenTrue, whenFalse);
        }

        @Override
        public Expr substitute(Expr x, Expr y, Expr out) {
            return new Where(condition.substitute(x, y, out), ifTrue.substitute(x, y, out),
                    ifFalse.substitute(x, y, out));
        }

        @Override
        public String toString() {
            return "where(" + condition + ", " + ifTrue + ", " + ifFalse + ")";
        }
    }

    private static final class RecordApplication extends Expr {
        private final ElementwiseOp op;
        private final Expr a;

        RecordApplication(ElementwiseOp op, Expr a) {
            this.op = op;
            this.a = a;
        }

        @Override
        public double value(double x, double y, double out) {
            return op.apply(a.value(x, y, out));
        }

        @Override
        public <T> T eval(Algebra<T> algebra, T x, T y, T out) {
            return algebra.apply(op, a.eval(algebra, x, y, out));
        }

        @Override
        Expr differentiate(int leaf) {
            return chainRule(op, this, a, null, leaf);
        }

        @Override
        public Expr substitute(Expr x, Expr y, Expr out) {
            return new RecordApplication(op, a.substitute(x, y, out));
        }

        @Override
        public String toString() {
            return op.name() + "(" + a + ")";
        }
    }
}
