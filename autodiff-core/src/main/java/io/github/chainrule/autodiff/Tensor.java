package io.github.chainrule.autodiff;

import io.github.chainrule.autodiff.engine.Backward;
import io.github.chainrule.autodiff.engine.BackwardRule;
import io.github.chainrule.autodiff.ops.ActivationOps;
import io.github.chainrule.autodiff.ops.ArithmeticOps;
import io.github.chainrule.autodiff.ops.ElementwiseOp;
import io.github.chainrule.autodiff.ops.ExponentialOps;
import io.github.chainrule.autodiff.ops.PiecewiseOps;
import io.github.chainrule.autodiff.ops.TrigonometricOps;
import io.github.chainrule.autodiff.engine.GradMode;
import io.github.chainrule.autodiff.engine.Node;
import io.github.chainrule.autodiff.engine.Replay;
import java.util.Arrays;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * An immutable n-dimensional array of doubles (row-major) in the computation graph.
 *
 * <pre>{@code
 * Tensor x = Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3);
 * Tensor w = Tensor.randn(new Well19937c(42), 3, 4).requiresGrad();
 * Tensor loss = x.matmul(w).relu().sum();
 * loss.backward();                 // w.grad() has shape (3,4)
 * }</pre>
 *
 * <p>Every binary operation broadcasts by NumPy's rules; the engine sums each gradient back
 * to its input's shape. Every operation records its inputs and its vector-Jacobian product,
 * itself written with tensor operations, so gradients of gradients work to any order. The
 * full list of operations, with their domains, is {@link io.github.chainrule.autodiff.catalogue.OpCatalogue}.
 *
 * <p><b>Gradients accumulate</b> over backward calls (as in PyTorch); use {@link #zeroGrad()}.
 * <b>Scalar and Tensor meet</b> through {@link #toScalar()} and {@link Scalar#toTensor()}, two
 * differentiable operations that carry gradients across in both directions. {@link #item()}
 * is a plain double and leaves the graph.
 */
public final class Tensor extends Node {
    final double[] data;
    final int[] shape;
    /** Forward mode's tangents, one per level ({@link Forward}); null for almost every tensor. */
    Forward.Tangent tangents;
    /**
     * For a tensor that requires grad, the forward levels opened on any thread before its
     * oldest requiring-grad leaf was marked (0, the most conservative, when unknown): a forward
     * level opened later cannot have its tangents differentiated on this tensor's account
     * ({@link Forward#mustRecord}).
     */
    long gradOrigin;
    /**
     * How many times {@link #updateInPlace} changed {@code data}; shared with the
     * {@link #detach()}ed aliases of the same values, and made on first need (null reads as 0).
     */
    private int[] versions;

    /** A derivative rule typed for the tensor graph: (∂L/∂out, out) ↦ ∂L/∂inputs. */
    @FunctionalInterface
    interface Rule {
        Tensor[] apply(Tensor gradOutput, Tensor output);
    }

    /** A leaf that owns {@code data} (not copied: callers pass fresh arrays). */
    Tensor(double[] data, int[] shape) {
        this.data = data;
        this.shape = shape;
    }

    private Tensor(double[] data, int[] shape, String op, Node[] inputs, BackwardRule rule, Replay replay) {
        super(op, inputs, rule, replay);
        this.data = data;
        this.shape = shape;
        this.gradOrigin = needsGrad() ? Forward.oldestOrigin(inputs) : 0;
        checkForward();
    }

    /**
     * An operation applied again to other tensor inputs: how a gradient checker re-runs one
     * recorded node on perturbed inputs to blame the operation whose derivative is wrong. A
     * non-capturing lambda here costs nothing per call; the node keeps it only while tracing.
     */
    @FunctionalInterface
    interface Redo extends Replay {
        /** The same operation, with the same parameters, on {@code inputs}. */
        Tensor redo(Tensor[] inputs);

        @Override
        default Node apply(Node[] inputs) {
            return redo(Arrays.copyOf(inputs, inputs.length, Tensor[].class));
        }
    }

    /**
     * The result of an operation on tensors; {@code data} is owned by the result, and
     * {@code redo} applies the same operation to other inputs (kept only while tracing; see
     * {@link io.github.chainrule.autodiff.engine.Tracing}).
     */
    static Tensor result(double[] data, int[] shape, String op, Tensor[] inputs, Rule rule, Redo redo) {
        return result(data, shape, op, inputs, rule, redo, null);
    }

    /**
     * As {@link #result(double[], int[], String, Tensor[], Rule, Redo)}, with the operation's
     * forward-mode rule; a null {@code jvp} derives tangents from {@code rule} (see {@link Forward}).
     */
    static Tensor result(double[] data, int[] shape, String op, Tensor[] inputs, Rule rule, Redo redo,
                         Forward.Jvp jvp) {
        Tensor out = new Tensor(data, shape, op, inputs, (g, o) -> rule.apply((Tensor) g, (Tensor) o), redo);
        return Forward.withTangents(out, inputs, jvp, rule);
    }

    /**
     * As {@link #result(double[], int[], String, Tensor[], Rule, Redo)}, for an operation linear
     * in its inputs (a reduction, a reshaping, a rearrangement): its tangent is the same
     * operation applied to the inputs' tangents, {@code redo} itself, with no reverse sweep.
     */
    static Tensor linearResult(double[] data, int[] shape, String op, Tensor[] inputs, Rule rule, Redo redo) {
        Tensor out = new Tensor(data, shape, op, inputs, (g, o) -> rule.apply((Tensor) g, (Tensor) o), redo);
        return Forward.anyTangent(inputs) ? Forward.withTangents(out, inputs, Forward.sameOperation(redo, inputs), rule)
                : out;
    }

    /** The result of an operation whose inputs may be of other node types. */
    static Tensor resultOfNodes(double[] data, int[] shape, String op, Node[] inputs, BackwardRule rule) {
        return new Tensor(data, shape, op, inputs, rule, null);
    }

    /** A constant result that never carries a gradient (comparisons, masks). */
    static Tensor constant(double[] data, int[] shape) {
        return new Tensor(data, shape);
    }

    // ---- creation ---------------------------------------------------------------------------

    /**
     * A tensor with the given row-major data and shape; the data is copied.
     *
     * @throws IllegalArgumentException when the data length is not the product of the shape
     */
    public static Tensor of(double[] data, int... shape) {
        int[] checked = Shapes.checkShape("Tensor.of", shape);
        if (Shapes.size(checked) != data.length) {
            throw new IllegalArgumentException("Tensor.of: " + data.length + " values do not fill shape "
                    + Shapes.str(checked) + " of " + Shapes.size(checked) + " elements");
        }
        return new Tensor(data.clone(), checked);
    }

    /** A 1-d tensor of the given values. */
    public static Tensor vector(double... values) {
        return new Tensor(values.clone(), new int[] {values.length});
    }

    /** A 2-d tensor from rows of equal length. */
    public static Tensor of(double[][] rows) {
        int cols = rows.length == 0 ? 0 : rows[0].length;
        double[] data = new double[rows.length * cols];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != cols) {
                throw new IllegalArgumentException("Tensor.of: row " + i + " has " + rows[i].length
                        + " values but row 0 has " + cols);
            }
            System.arraycopy(rows[i], 0, data, i * cols, cols);
        }
        return new Tensor(data, new int[] {rows.length, cols});
    }

    /** A 3-d tensor from nested arrays of equal lengths. */
    public static Tensor of(double[][][] blocks) {
        Tensor[] slices = new Tensor[blocks.length];
        for (int i = 0; i < blocks.length; i++) {
            slices[i] = of(blocks[i]);
        }
        try (Grad.Scope off = Grad.disabled()) {
            return stack(0, slices);
        }
    }

    /** A 0-d tensor holding one value. */
    public static Tensor scalar(double value) {
        return new Tensor(new double[] {value}, Shapes.SCALAR);
    }

    /** A tensor of zeros. */
    public static Tensor zeros(int... shape) {
        int[] checked = Shapes.checkShape("zeros", shape);
        return new Tensor(new double[Shapes.size(checked)], checked);
    }

    /** A tensor of ones. */
    public static Tensor ones(int... shape) {
        return full(1.0, shape);
    }

    /** A tensor with every element equal to {@code value}. */
    public static Tensor full(double value, int... shape) {
        int[] checked = Shapes.checkShape("full", shape);
        double[] data = new double[Shapes.size(checked)];
        Arrays.fill(data, value);
        return new Tensor(data, checked);
    }

    /** {@code [0, 1, …, n−1]} as a 1-d tensor. */
    public static Tensor arange(int n) {
        return arange(0, n, 1);
    }

    /** {@code start, start+step, …} while below {@code stop} (above, for a negative step). */
    public static Tensor arange(double start, double stop, double step) {
        if (step == 0 || !Double.isFinite(step)) {
            throw new IllegalArgumentException("arange: step must be finite and non-zero, got " + step);
        }
        int n = (int) Math.max(0, Math.ceil((stop - start) / step));
        double[] data = new double[n];
        for (int i = 0; i < n; i++) {
            data[i] = start + i * step;
        }
        return new Tensor(data, new int[] {n});
    }

    /** The n×n identity matrix. */
    public static Tensor eye(int n) {
        double[] data = new double[n * n];
        for (int i = 0; i < n; i++) {
            data[i * n + i] = 1.0;
        }
        return new Tensor(data, new int[] {n, n});
    }

    /**
     * Uniform values in [0, 1) drawn from {@code rng}, in row-major order. The generator comes
     * first and is an object, never a number, so that {@code rand(3, 4)} cannot quietly read 3
     * as a seed: it does not compile. For reproducible values seed the generator,
     * {@code Tensor.rand(new Well19937c(42), 3, 4)}.
     */
    public static Tensor rand(RandomGenerator rng, int... shape) {
        int[] checked = Shapes.checkShape("rand", shape);
        double[] data = new double[Shapes.size(checked)];
        for (int i = 0; i < data.length; i++) {
            data[i] = rng.nextDouble();
        }
        return new Tensor(data, checked);
    }

    /**
     * Standard normal values drawn from {@code rng}, in row-major order. As with
     * {@link #rand(RandomGenerator, int...)}, the shape is every int argument and the seed lives
     * in the generator: {@code Tensor.randn(new Well19937c(42), 3, 4)} has shape (3,4).
     */
    public static Tensor randn(RandomGenerator rng, int... shape) {
        int[] checked = Shapes.checkShape("randn", shape);
        double[] data = new double[Shapes.size(checked)];
        for (int i = 0; i < data.length; i++) {
            data[i] = rng.nextGaussian();
        }
        return new Tensor(data, checked);
    }

    /** Zeros of this tensor's shape. */
    public Tensor zerosLike() {
        return zeros(shape);
    }

    /** Ones of this tensor's shape. */
    public Tensor onesLike() {
        return ones(shape);
    }

    // ---- access -----------------------------------------------------------------------------

    /** The shape; a fresh array. */
    public int[] shape() {
        return shape.clone();
    }

    /** The length of one axis; negative axes count from the end. */
    public int dim(int axis) {
        return shape[Shapes.axis("dim", axis, shape.length)];
    }

    /** The number of axes. */
    public int rank() {
        return shape.length;
    }

    /** The number of elements. */
    public int size() {
        return data.length;
    }

    /** A copy of the row-major data. */
    public double[] toArray() {
        return data.clone();
    }

    /** The single value of a one-element tensor, as a plain double (it leaves the graph). */
    public double item() {
        if (data.length != 1) {
            throw new IllegalStateException("item: tensor of shape " + Shapes.str(shape) + " has " + data.length
                    + " elements, not 1");
        }
        return data[0];
    }

    /**
     * The element at the given index, one coordinate per axis; negative coordinates count from
     * the end ({@code get(-1, -1)} is the last element of a matrix).
     */
    public double get(int... index) {
        return Indexing.get(this, index);
    }

    /** The rows of a 2-d tensor as nested arrays. */
    public double[][] toRows() {
        if (shape.length != 2) {
            throw new IllegalStateException("toRows: needs a 2-d tensor, got shape " + Shapes.str(shape));
        }
        double[][] rows = new double[shape[0]][];
        for (int i = 0; i < shape[0]; i++) {
            rows[i] = Arrays.copyOfRange(data, i * shape[1], (i + 1) * shape[1]);
        }
        return rows;
    }

    // ---- gradients --------------------------------------------------------------------------

    /**
     * Marks this leaf as requiring grad (PyTorch's {@code requires_grad_()}) and returns it.
     *
     * @throws IllegalStateException when this tensor is the result of an operation
     */
    public Tensor requiresGrad() {
        markRequiresGrad("requiresGrad");
        gradOrigin = Forward.levelsOpened();
        return this;
    }

    /** The accumulated gradient ∂root/∂this, of this tensor's shape, or null when none. */
    public Tensor grad() {
        return (Tensor) gradNode();
    }

    /** Replaces the accumulated gradient; used by gradient clipping. */
    public void setGrad(Tensor gradient) {
        if (gradient != null && !Arrays.equals(gradient.shape, shape)) {
            throw new IllegalArgumentException("setGrad: gradient of shape " + Shapes.str(gradient.shape)
                    + " does not match tensor of shape " + Shapes.str(shape));
        }
        setGradNode(gradient);
    }

    /**
     * What an optimiser does to a parameter in place: reads the leaf's values and gradient and
     * may overwrite the values. See {@link #updateInPlace(InPlaceUpdate)}.
     */
    @FunctionalInterface
    public interface InPlaceUpdate {
        /**
         * @param values this leaf's own row-major values, to read and (to update) overwrite
         * @param gradient the row-major values of {@link #grad()}, or null when there is none;
         *     read-only (the array may be shared with other gradients of the same sweep)
         */
        void apply(double[] values, double[] gradient);
    }

    /**
     * The one mutation the design allows (docs/ARCHITECTURE.md, principle 5): an optimiser's
     * step changing a parameter's values where they are, instead of building {@code w − η·g} as a new tensor
     * and a new leaf (two fresh arrays per parameter per step, 3.7 MB for the benchmark MLP).
     * {@code update} receives this leaf's value array itself, not a copy, and the gradient's.
     *
     * <p>As in PyTorch, the change is visible to everything that shares this leaf's values
     * ({@link #detach()}ed aliases, reshaped views), and each update increments the leaf's
     * {@linkplain #version() version}, which its detached aliases share. A graph recorded before the update refuses backward,
     * naming the operation and the leaf: its derivative would mix the old activations with the
     * new values (an optimiser step between a forward pass and its backward, or stepping one
     * network and then differentiating through it a loss recorded before the step). Unlike
     * PyTorch, which checks only the inputs a derivative reads, every operation that took the
     * leaf as an input refuses, including those whose derivative does not depend on it.
     *
     * @throws IllegalStateException when this tensor is not a leaf that requires grad, or when
     *     grad mode is on (call inside {@code Grad.disabled()}, as an optimiser step does)
     */
    public void updateInPlace(InPlaceUpdate update) {
        if (!isLeaf() || !needsGrad()) {
            throw new IllegalStateException("updateInPlace: only a leaf that requires grad (a parameter) can be "
                    + "updated in place; this tensor of shape " + Shapes.str(shape) + " is "
                    + (isLeaf() ? "a constant leaf" : "the result of '" + op() + "'"));
        }
        if (GradMode.isEnabled()) {
            throw new IllegalStateException("updateInPlace: grad mode is on; update parameters inside "
                    + "Grad.disabled(), so that no graph records the mutation");
        }
        Tensor g = grad();
        try {
            update.apply(data, g == null ? null : g.data);
        } finally {
            sharedVersions()[0]++;
        }
    }

    /**
     * How many times these values were changed in place ({@link #updateInPlace}); 0 for values
     * never changed. Backward compares it with the version each recorded operation saw.
     */
    @Override
    public int version() {
        int[] v = versions;
        return v == null ? 0 : v[0];
    }

    private synchronized int[] sharedVersions() {
        if (versions == null) {
            versions = new int[1];
        }
        return versions;
    }

    /**
     * A new leaf with the same values that does not require grad: gradients stop here. It shares
     * the values, and their {@linkplain #version() version}, with this tensor.
     */
    public Tensor detach() {
        Tensor alias = new Tensor(data, shape);
        alias.versions = sharedVersions();
        return alias;
    }

    /**
     * Accumulates ∂this/∂leaf into {@code grad()} of every leaf that requires grad. This tensor
     * must hold a single value; otherwise use {@link #backward(Tensor)}.
     */
    public void backward() {
        Backward.accumulate(this, null, false);
    }

    /** Backward from a tensor of any shape, given ∂L/∂this of the same shape. */
    public void backward(Tensor outputGradient) {
        Backward.accumulate(this, outputGradient, false);
    }

    /**
     * Backward that records its own computation when {@code createGraph}: the gradients in
     * {@code grad()} are then graph nodes that can be differentiated again.
     *
     * @param outputGradient ∂L/∂this, or null for a single-valued tensor
     */
    public void backward(Tensor outputGradient, boolean createGraph) {
        Backward.accumulate(this, outputGradient, createGraph);
    }

    @Override
    protected Node seedGradient() {
        if (data.length != 1) {
            throw new IllegalStateException("backward: the output has shape " + Shapes.str(shape) + " ("
                    + data.length + " elements), so backward() needs an output gradient of that shape; "
                    + "call backward(outputGradient) or reduce the output to one value first (e.g. sum())");
        }
        return new Tensor(new double[] {1.0}, shape);
    }

    @Override
    protected Node addGradients(Node a, Node b) {
        return ((Tensor) a).add((Tensor) b);
    }

    @Override
    protected Node conformGradient(Node gradient) {
        Tensor g = (Tensor) gradient;
        return Arrays.equals(g.shape, shape) ? g : g.sumToShape(shape);
    }

    @Override
    protected void checkOutputGradient(Node gradient) {
        if (!(gradient instanceof Tensor) || !Arrays.equals(((Tensor) gradient).shape, shape)) {
            throw new IllegalArgumentException("backward: the output gradient must be a tensor of the output's shape "
                    + Shapes.str(shape) + ", got " + gradient.getClass().getSimpleName() + " "
                    + gradient.shapeString());
        }
    }

    @Override
    protected boolean hasNonFinite() {
        for (double v : data) {
            if (!Double.isFinite(v)) {
                return true;
            }
        }
        return false;
    }

    @Override
    protected boolean hasNaN() {
        for (double v : data) {
            if (Double.isNaN(v)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String shapeString() {
        return Shapes.str(shape);
    }

    @Override
    public String describeValues() {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        int nan = 0;
        for (double v : data) {
            if (Double.isNaN(v)) {
                nan++;
            } else {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        return "shape " + Shapes.str(shape) + " min " + min + " max " + max + " NaNs " + nan;
    }

    /** NumPy-style text, e.g. {@code tensor([[1., 2.], [3., 4.]], shape=(2,2))}. */
    @Override
    public String toString() {
        return TensorFormat.format(this);
    }

    // ---- Scalar bridge ----------------------------------------------------------------------

    /** A 0-d tensor whose gradient flows back into {@code s}'s scalar graph. */
    static Tensor fromScalar(Scalar s) {
        return resultOfNodes(new double[] {s.value()}, Shapes.SCALAR, "fromScalar", new Node[] {s},
                (g, out) -> new Node[] {((Tensor) g).toScalar()});
    }

    /**
     * This one-element tensor as a {@link Scalar} in the scalar graph; the gradient flows back
     * into the tensor graph (differentiably).
     */
    public Scalar toScalar() {
        if (data.length != 1) {
            throw new IllegalStateException("toScalar: tensor of shape " + Shapes.str(shape) + " has " + data.length
                    + " elements, not 1");
        }
        return Scalar.fromTensor(this);
    }

    // ---- elementwise ------------------------------------------------------------------------

    /** {@code −x}. */
    public Tensor neg() {
        return Elementwise.apply(ArithmeticOps.NEG, this);
    }

    /** {@code eˣ}; derivative eˣ. */
    public Tensor exp() {
        return Elementwise.apply(ExponentialOps.EXP, this);
    }

    /**
     * Natural logarithm; derivative 1/x. Domain x &gt; 0. At x = 0 the value is −∞ and the
     * derivative +∞ (both exact limits); for x &lt; 0 the value is NaN. A zero upstream
     * gradient gives a zero gradient even there (see {@link #where}).
     */
    public Tensor log() {
        return Elementwise.apply(ExponentialOps.LOG, this);
    }

    /**
     * Square root; derivative 1/(2√x). Domain x ≥ 0. At x = 0 the derivative is +∞, as it is
     * mathematically (no subgradient is substituted): sqrt(0) under a non-zero upstream gradient
     * gives an infinite gradient, and anomaly mode reports it. A zero upstream gradient gives 0.
     */
    public Tensor sqrt() {
        return Elementwise.apply(ExponentialOps.SQRT, this);
    }

    /** |x|; derivative sign(x), taken as 0 at x = 0 (a subgradient, as PyTorch and JAX). */
    public Tensor abs() {
        return Elementwise.apply(PiecewiseOps.ABS, this);
    }

    /** tanh x; derivative 1 − tanh²x. */
    public Tensor tanh() {
        return Elementwise.apply(ActivationOps.TANH, this);
    }

    /** σ(x) = 1/(1+e^(−x)); derivative σ(x)(1−σ(x)). */
    public Tensor sigmoid() {
        return Elementwise.apply(ActivationOps.SIGMOID, this);
    }

    /** max(x, 0); derivative 1 where x &gt; 0, else 0 (0 at the kink x = 0, as PyTorch). */
    public Tensor relu() {
        return Elementwise.apply(ActivationOps.RELU, this);
    }

    /** x for x > 0, {@code slope}·x otherwise; derivative 1 or {@code slope} (slope at 0). */
    public Tensor leakyRelu(double slope) {
        return Elementwise.apply(ActivationOps.leakyRelu(slope), this);
    }

    /** softplus(x) = ln(1+eˣ), computed without overflow; derivative σ(x). */
    public Tensor softplus() {
        return Elementwise.apply(ActivationOps.SOFTPLUS, this);
    }

    /** sin x; derivative cos x. */
    public Tensor sin() {
        return Elementwise.apply(TrigonometricOps.SIN, this);
    }

    /** cos x; derivative −sin x. */
    public Tensor cos() {
        return Elementwise.apply(TrigonometricOps.COS, this);
    }

    /** atan x; derivative 1/(1 + x²). */
    public Tensor atan() {
        return Elementwise.apply(TrigonometricOps.ATAN, this);
    }

    /** erf x = 2/√π ∫₀ˣ e^(−t²) dt; derivative 2/√π·e^(−x²). */
    public Tensor erf() {
        return Elementwise.apply(ExponentialOps.ERF, this);
    }

    /** ln(1 + x), accurate for tiny x; derivative 1/(1 + x). */
    public Tensor log1p() {
        return Elementwise.apply(ExponentialOps.LOG1P, this);
    }

    /** eˣ − 1, accurate for tiny x; derivative eˣ. */
    public Tensor expm1() {
        return Elementwise.apply(ExponentialOps.EXPM1, this);
    }

    /** log σ(x) = −softplus(−x), without overflow; derivative σ(−x). */
    public Tensor logSigmoid() {
        return Elementwise.apply(ActivationOps.LOG_SIGMOID, this);
    }

    /**
     * gelu(x) = x·Φ(x) = ½x(1 + erf(x/√2)), the exact form (PyTorch's default); derivative
     * Φ(x) + x·φ(x).
     */
    public Tensor gelu() {
        return Elementwise.apply(ActivationOps.GELU, this);
    }

    /** sign(x) ∈ {−1, 0, 1} (NaN at NaN); derivative 0 everywhere (no gradient passes), as PyTorch. */
    public Tensor sign() {
        return Elementwise.apply(PiecewiseOps.SIGN, this);
    }

    /**
     * An elementwise op record applied to one tensor, or two broadcast together: how an
     * operation defined by its record alone is used (see {@link ElementwiseOp}).
     */
    public static Tensor apply(ElementwiseOp op, Tensor... operands) {
        return Elementwise.applyAll(op, operands);
    }

    /** x²; derivative 2x. */
    public Tensor square() {
        return Elementwise.apply(ArithmeticOps.SQUARE, this);
    }

    /**
     * xᵖ for a constant p; derivative p·x^(p−1). Negative bases are fine for integer p (value
     * and derivative as in real arithmetic); for non-integer p they give NaN. At x = 0 the
     * derivative is 0 for p &gt; 1 and p = 0, 1 for p = 1, and +∞ (or NaN for negative
     * non-integer p) for p &lt; 1, as mathematically.
     */
    public Tensor pow(double p) {
        return Elementwise.apply(ArithmeticOps.powConstant(p), this);
    }

    /**
     * x limited to [lo, hi]; derivative 1 inside the interval (bounds included) and 0 outside.
     * Use ±∞ for a one-sided clamp.
     */
    public Tensor clamp(double lo, double hi) {
        return Elementwise.apply(PiecewiseOps.clamp(lo, hi), this);
    }

    /** {@code x + c}. */
    public Tensor add(double c) {
        return Elementwise.apply(ArithmeticOps.addConstant(c), this);
    }

    /** {@code x − c}. */
    public Tensor sub(double c) {
        return Elementwise.apply(ArithmeticOps.addConstant(-c), this);
    }

    /** {@code c − x}. */
    public Tensor rsub(double c) {
        return Elementwise.apply(ArithmeticOps.addConstant(c), neg());
    }

    /** {@code c · x}. */
    public Tensor mul(double c) {
        return Elementwise.apply(ArithmeticOps.scale(c), this);
    }

    /** {@code x / c}. */
    public Tensor div(double c) {
        return Elementwise.apply(ArithmeticOps.scale(1.0 / c), this);
    }

    // ---- broadcasting binary ----------------------------------------------------------------

    /** {@code a + b}, broadcast. */
    public Tensor add(Tensor other) {
        return Elementwise.apply(ArithmeticOps.ADD, this, other);
    }

    /** {@code a − b}, broadcast. */
    public Tensor sub(Tensor other) {
        return Elementwise.apply(ArithmeticOps.SUB, this, other);
    }

    /** {@code a · b} elementwise, broadcast. */
    public Tensor mul(Tensor other) {
        return Elementwise.apply(ArithmeticOps.MUL, this, other);
    }

    /** {@code a / b} elementwise, broadcast; ∂/∂b = −a/b². */
    public Tensor div(Tensor other) {
        return Elementwise.apply(ArithmeticOps.DIV, this, other);
    }

    /**
     * {@code aᵇ} elementwise, broadcast; ∂/∂a = b·a^(b−1) (0 where b = 0, also at a = 0),
     * ∂/∂b = aᵇ·ln a for a &gt; 0, taken as 0 where a = 0 (the limit for b &gt; 0), and NaN where
     * a &lt; 0, where aᵇ has no real derivative in b. That NaN appears only when the exponent
     * requires grad and receives a non-zero gradient at such an element: a constant exponent, or
     * an unused branch, never sees it.
     */
    public Tensor pow(Tensor exponent) {
        return Elementwise.apply(ArithmeticOps.POW, this, exponent);
    }

    /** Elementwise maximum, broadcast; on ties the gradient is split in half between a and b. */
    public Tensor maximum(Tensor other) {
        return Elementwise.apply(PiecewiseOps.MAXIMUM, this, other);
    }

    /** Elementwise minimum, broadcast; on ties the gradient is split in half between a and b. */
    public Tensor minimum(Tensor other) {
        return Elementwise.apply(PiecewiseOps.MINIMUM, this, other);
    }

    // ---- comparisons and selection (no gradient through the condition) ----------------------

    /** 1 where {@code this > other}, else 0; broadcast; never carries a gradient. */
    public Tensor gt(Tensor other) {
        return Comparisons.compare("gt", this, other, (a, b) -> a > b);
    }

    /** 1 where {@code this ≥ other}, else 0. */
    public Tensor ge(Tensor other) {
        return Comparisons.compare("ge", this, other, (a, b) -> a >= b);
    }

    /** 1 where {@code this < other}, else 0. */
    public Tensor lt(Tensor other) {
        return Comparisons.compare("lt", this, other, (a, b) -> a < b);
    }

    /** 1 where {@code this ≤ other}, else 0. */
    public Tensor le(Tensor other) {
        return Comparisons.compare("le", this, other, (a, b) -> a <= b);
    }

    /** 1 where {@code this == other}, else 0. */
    public Tensor eq(Tensor other) {
        return Comparisons.compare("eq", this, other, (a, b) -> a == b);
    }

    /** 1 where {@code this > c}, else 0. */
    public Tensor gt(double c) {
        return gt(scalar(c));
    }

    /** 1 where {@code this < c}, else 0. */
    public Tensor lt(double c) {
        return lt(scalar(c));
    }

    /**
     * {@code a} where {@code condition} is non-zero, {@code b} elsewhere; all three broadcast.
     * The gradient reaches each branch only where it was chosen, and is exactly 0 elsewhere.
     *
     * <p>A NaN or infinity in the branch not taken never leaks into the gradient: every
     * derivative rule whose local derivative can be infinite or NaN (exp, log, sqrt, pow, mul,
     * div) treats a zero upstream gradient as contributing exactly 0, instead of IEEE's
     * 0·∞ = NaN. So {@code where(x.gt(0), x.sqrt(), zeros)} has gradient 0 at x ≤ 0 without
     * PyTorch's and JAX's "double where" trick (which still works).
     */
    public static Tensor where(Tensor condition, Tensor a, Tensor b) {
        return Comparisons.where(condition, a, b);
    }

    // ---- shape ------------------------------------------------------------------------------

    /** The same data in a new shape; one dimension may be −1 (inferred). */
    public Tensor reshape(int... newShape) {
        return ShapeOps.reshape(this, newShape);
    }

    /** All elements as a 1-d tensor. */
    public Tensor flatten() {
        return reshape(data.length);
    }

    /** Axes reordered: axis i of the result is axis {@code axes[i]} of this tensor. */
    public Tensor permute(int... axes) {
        return ShapeOps.permute(this, axes);
    }

    /** Swaps two axes. */
    public Tensor transpose(int axis1, int axis2) {
        return ShapeOps.transpose(this, axis1, axis2);
    }

    /** Swaps the last two axes (the matrix transpose); a tensor of rank below 2 is returned as is. */
    public Tensor transpose() {
        return shape.length < 2 ? this : transpose(-2, -1);
    }

    /** Inserts an axis of length 1 at {@code axis}. */
    public Tensor unsqueeze(int axis) {
        return ShapeOps.unsqueeze(this, axis);
    }

    /** Removes an axis of length 1. */
    public Tensor squeeze(int axis) {
        return ShapeOps.squeeze(this, axis);
    }

    /** This tensor broadcast to {@code shape} by NumPy's rules; the gradient is summed back. */
    public Tensor broadcastTo(int... targetShape) {
        return ShapeOps.broadcastTo(this, targetShape);
    }

    /** Sums over broadcast axes down to {@code shape}: the adjoint of {@link #broadcastTo}. */
    public Tensor sumToShape(int... targetShape) {
        return ShapeOps.sumToShape(this, targetShape);
    }

    /**
     * Elements {@code start} (inclusive) to {@code end} (exclusive) along {@code axis}, as
     * Python's {@code x[start:end]}: negative bounds count from the end, bounds past either end
     * are clamped to the axis, and {@code end ≤ start} gives an empty slice.
     */
    public Tensor slice(int axis, int start, int end) {
        return ShapeOps.slice(this, axis, start, end);
    }

    /**
     * The sub-tensor at {@code index} along {@code axis}, that axis removed; a negative index
     * counts from the end ({@code select(-1, -1)} is the last column of a matrix).
     *
     * @throws IndexOutOfBoundsException when the index is outside {@code -n..n-1}
     */
    public Tensor select(int axis, int index) {
        return ShapeOps.select(this, axis, index);
    }

    /** Zeros added before and after along {@code axis}: the adjoint of {@link #slice}. */
    public Tensor pad(int axis, int before, int after) {
        return ShapeOps.pad(this, axis, before, after);
    }

    /** Tensors joined along an existing axis; all other dimensions must agree. */
    public static Tensor concat(int axis, Tensor... tensors) {
        return ShapeOps.concat(axis, tensors);
    }

    /** Tensors of equal shape joined along a new axis. */
    public static Tensor stack(int axis, Tensor... tensors) {
        if (tensors.length == 0) {
            throw new IllegalArgumentException("stack: needs at least one tensor");
        }
        Tensor[] expanded = new Tensor[tensors.length];
        for (int i = 0; i < tensors.length; i++) {
            if (!Arrays.equals(tensors[i].shape, tensors[0].shape)) {
                throw new IllegalArgumentException("stack: tensor " + i + " has shape " + Shapes.str(tensors[i].shape)
                        + " but tensor 0 has shape " + Shapes.str(tensors[0].shape));
            }
            expanded[i] = tensors[i].unsqueeze(axis < 0 ? axis + tensors[0].rank() + 1 : axis);
        }
        return concat(axis < 0 ? axis + tensors[0].rank() + 1 : axis, expanded);
    }

    // ---- indexing ---------------------------------------------------------------------------

    /**
     * The slices at {@code indices} along {@code axis} (repeats allowed, negative indices counted
     * from the end), as NumPy's take.
     */
    public Tensor indexSelect(int axis, int... indices) {
        return Indexing.indexSelect(this, axis, indices);
    }

    /**
     * Sums slices into a tensor of length {@code length} along {@code axis}: slice i is added at
     * position {@code indices[i]}. The adjoint of {@link #indexSelect}.
     */
    public Tensor indexAdd(int axis, int[] indices, int length) {
        return Indexing.indexAdd(this, axis, indices, length);
    }

    /**
     * One element per position along {@code axis}: {@code out[p] = this[p with axis = indices[p]]},
     * the axis removed; {@code indices} has one entry per output element, row-major, and a
     * negative index counts from the end. With class labels, {@code logProbs.gather(1, labels)}
     * picks each row's log-probability.
     */
    public Tensor gather(int axis, int... indices) {
        return Indexing.gather(this, axis, indices);
    }

    /**
     * Places each element into a tensor with a new axis of length {@code length} at
     * {@code axis}, at position {@code indices[p]}, zeros elsewhere: the adjoint of
     * {@link #gather}.
     */
    public Tensor scatter(int axis, int[] indices, int length) {
        return Indexing.scatter(this, axis, indices, length);
    }

    // ---- reductions -------------------------------------------------------------------------

    /** Sum of all elements, as a 0-d tensor. */
    public Tensor sum() {
        return Reductions.sumAll(this);
    }

    /** Sum along {@code axis}; with {@code keepDim} the axis stays with length 1. */
    public Tensor sum(int axis, boolean keepDim) {
        return Reductions.sum(this, axis, keepDim);
    }

    /** Mean of all elements, as a 0-d tensor. */
    public Tensor mean() {
        return sum().mul(1.0 / data.length);
    }

    /** Mean along {@code axis}. */
    public Tensor mean(int axis, boolean keepDim) {
        int a = Shapes.axis("mean", axis, shape.length);
        return sum(a, keepDim).mul(1.0 / shape[a]);
    }

    /**
     * Largest element, as a 0-d tensor; on ties the gradient is shared equally among all the
     * elements that attain it (each of k gets 1/k), as PyTorch's {@code max()}. NaN propagates:
     * with any NaN element the result is NaN and the gradient is shared among the NaN elements.
     */
    public Tensor max() {
        return flatten().max(0, false);
    }

    /**
     * Largest element along {@code axis}; on ties the gradient is shared equally. A slice
     * holding a NaN has maximum NaN, its gradient shared among its NaN elements.
     *
     * @throws IllegalArgumentException when the axis is empty
     */
    public Tensor max(int axis, boolean keepDim) {
        return Reductions.extreme(this, axis, keepDim, true);
    }

    /** Smallest element, as a 0-d tensor; ties and NaN as in {@link #max()}. */
    public Tensor min() {
        return flatten().min(0, false);
    }

    /** Smallest element along {@code axis}; ties and NaN as in {@link #max(int, boolean)}. */
    public Tensor min(int axis, boolean keepDim) {
        return Reductions.extreme(this, axis, keepDim, false);
    }

    /**
     * The index of the largest element along {@code axis} of each position (no gradient): the
     * first one on ties, the first NaN when there is one (NaN counts as the largest, as in
     * PyTorch).
     *
     * @throws IllegalArgumentException when the axis is empty (there is no index to return)
     */
    public int[] argmax(int axis) {
        return Reductions.argExtreme(this, axis, true);
    }

    /** The index of the smallest element along {@code axis}; ties, NaN and errors as {@link #argmax}. */
    public int[] argmin(int axis) {
        return Reductions.argExtreme(this, axis, false);
    }

    // ---- softmax family ---------------------------------------------------------------------

    /**
     * log Σ eˣ along {@code axis}, computed as m + log Σ e^(x−m) with m the maximum, so it stays
     * finite for inputs of any magnitude; derivative softmax(x). A row of all −∞ gives −∞ (exact:
     * log 0) with gradient 0, not NaN.
     */
    public Tensor logSumExp(int axis, boolean keepDim) {
        return Softmax.logSumExp(this, axis, keepDim);
    }

    /**
     * log softmax(x) = x − logSumExp(x) along {@code axis}, computed as (x − m) − log Σ e^(x−m)
     * with m the maximum, which keeps the full relative accuracy of a double at every scale of
     * the logits (1 or 1e300). A row of all −∞ (fully masked) gives all −∞, not NaN, and finite
     * gradients.
     */
    public Tensor logSoftmax(int axis) {
        return Softmax.logSoftmax(this, axis);
    }

    /**
     * softmax(x)_i = e^(x_i) / Σ_j e^(x_j) along {@code axis}, computed stably. A row of all −∞
     * (every position masked out) is all zeros, an empty distribution, rather than NaN (as
     * PyTorch's masked attention and JAX's {@code softmax(where=…)} give); its gradient is 0.
     * Rows with some finite entry are unaffected: masked positions get probability 0.
     */
    public Tensor softmax(int axis) {
        return Softmax.softmax(this, axis);
    }

    // ---- linear algebra ---------------------------------------------------------------------

    /**
     * Matrix product with NumPy's {@code matmul} rules: 1-d·1-d is a dot product; 2-d·1-d and
     * 1-d·2-d are matrix–vector products; 2-d·2-d is the matrix product; operands of rank 3
     * or more are batches of matrices over their leading axes, which broadcast (a 2-d operand is
     * shared across the batch; (B, H, T, d)·(B, H, d, T′) is multi-head attention's product).
     * ∂/∂A = G·Bᵀ, ∂/∂B = Aᵀ·G, summed over broadcast batch axes.
     */
    public Tensor matmul(Tensor other) {
        return MatMul.matmul(this, other);
    }

    /**
     * {@code this · otherᵀ} for 2-d (or batched 3-d) operands without copying the transpose:
     * the product a linear layer {@code X Wᵀ} needs.
     */
    public Tensor matmulTransposed(Tensor other) {
        return MatMul.product(this, other, false, true);
    }

    /**
     * A fully connected layer's affine map {@code this · weightᵀ + bias} for this (m, in), weight
     * (out, in) and bias (out), giving (m, out): {@code y_rj = Σ_k x_rk w_jk + b_j}. The same
     * values as {@code matmulTransposed(weight).add(bias)} up to rounding, in one operation
     * (PyTorch's {@code F.linear}); ∂/∂x = G·W, ∂/∂W = Gᵀ·x, ∂/∂b = Σ_rows G.
     *
     * @throws IllegalArgumentException naming the three shapes when they do not fit together
     */
    public Tensor linear(Tensor weight, Tensor bias) {
        return Affine.linear(this, weight, bias);
    }

    // ---- reductions without keepDim, statistics, norms, products, scans, sorting ------------

    /** Sum along {@code axis}, the axis removed (PyTorch's default {@code keepdim=False}). */
    public Tensor sum(int axis) {
        return sum(axis, false);
    }

    /** Mean along {@code axis}, the axis removed. */
    public Tensor mean(int axis) {
        return mean(axis, false);
    }

    /** Largest element along {@code axis}, the axis removed; on ties the gradient is shared equally. */
    public Tensor max(int axis) {
        return max(axis, false);
    }

    /** Smallest element along {@code axis}, the axis removed; on ties the gradient is shared equally. */
    public Tensor min(int axis) {
        return min(axis, false);
    }

    /** log Σ eˣ along {@code axis}, the axis removed. */
    public Tensor logSumExp(int axis) {
        return logSumExp(axis, false);
    }

    /** The sample variance of all elements, Σ(x − x̄)²/(N − 1), as a 0-d tensor. */
    public Tensor var() {
        return flatten().var(0, 1, false);
    }

    /** The sample variance along {@code axis} (correction 1), the axis removed. */
    public Tensor var(int axis) {
        return var(axis, 1, false);
    }

    /**
     * Σ(x − x̄)²/(N − correction) along {@code axis}, as PyTorch's {@code var(dim, correction=…)}:
     * correction 1 is the unbiased sample variance, 0 the population variance. For all elements
     * with a correction, use {@code flatten().var(0, correction, false)}.
     *
     * @throws IllegalArgumentException when N − correction ≤ 0 (PyTorch gives NaN or ∞)
     */
    public Tensor var(int axis, int correction, boolean keepDim) {
        return Statistics.var(this, axis, correction, keepDim);
    }

    /** The sample standard deviation of all elements, √var (correction 1), as a 0-d tensor. */
    public Tensor std() {
        return flatten().std(0, 1, false);
    }

    /** The sample standard deviation along {@code axis} (correction 1), the axis removed. */
    public Tensor std(int axis) {
        return std(axis, 1, false);
    }

    /**
     * √(Σ(x − x̄)²/(N − correction)) along {@code axis}. Where every element of a slice is
     * equal the derivative is 0/0, NaN, as in PyTorch.
     */
    public Tensor std(int axis, int correction, boolean keepDim) {
        return Statistics.std(this, axis, correction, keepDim);
    }

    /** The Euclidean norm of all elements, √Σx², as a 0-d tensor; gradient x/‖x‖, 0 at x = 0. */
    public Tensor norm() {
        return norm(2);
    }

    /** The p-norm of all elements, (Σ|x|ᵖ)^(1/p) (p = +∞: max |x|), as a 0-d tensor. */
    public Tensor norm(double p) {
        return flatten().norm(p, 0, false);
    }

    /**
     * The p-norm along {@code axis}: (Σ|x|ᵖ)^(1/p); p = 1 is Σ|x| and p = +∞ is max|x| (ties
     * share the gradient). The gradient sign(x)·|x|^(p−1)/‖x‖^(p−1) (x/‖x‖ for p = 2) is taken
     * as 0 where the norm is 0, as PyTorch.
     */
    public Tensor norm(double p, int axis, boolean keepDim) {
        return Norms.norm(this, p, axis, keepDim);
    }

    /** The p-norm over several axes at once (e.g. the Frobenius norm over the last two with p = 2). */
    public Tensor norm(double p, int[] axes, boolean keepDim) {
        return Norms.norm(this, p, axes, keepDim);
    }

    /** The product of all elements, as a 0-d tensor; see {@link #prod(int, boolean)} for zeros. */
    public Tensor prod() {
        return flatten().prod(0, false);
    }

    /** The product along {@code axis}, the axis removed. */
    public Tensor prod(int axis) {
        return prod(axis, false);
    }

    /**
     * Π x along {@code axis}; ∂/∂x_i = Π_{j≠i} x_j, computed without division, so it is right
     * when elements are 0 (with one zero only that element receives a gradient).
     */
    public Tensor prod(int axis, boolean keepDim) {
        return Products.prod(this, axis, keepDim);
    }

    /** Running sums along {@code axis}: out_i = Σ_{j≤i} x_j; derivative the reversed running sum. */
    public Tensor cumsum(int axis) {
        return Scans.cumsum(this, axis);
    }

    /**
     * The elements sorted along {@code axis} (ascending, or descending), with the index each
     * came from; NaN sorts above +∞ and equal elements keep their order. The values are
     * differentiable: each gradient goes back to the element it came from.
     */
    public ValuesAndIndices sort(int axis, boolean descending) {
        return Sorting.sort(this, axis, descending);
    }

    /** The {@code k} largest elements along {@code axis}, largest first, with their indices. */
    public ValuesAndIndices topk(int k, int axis) {
        return topk(k, axis, true);
    }

    /**
     * The {@code k} largest (or smallest, in ascending order) elements along {@code axis}, with
     * their indices; the values are differentiable, as {@link #sort}'s.
     */
    public ValuesAndIndices topk(int k, int axis, boolean largest) {
        return Sorting.topk(this, k, axis, largest);
    }

    // ---- rearranging, triangles, one-hot, indexing along an axis, einsum ---------------------

    /** The order of elements reversed along each of {@code axes}; derivative the same flip. */
    public Tensor flip(int... axes) {
        return Arrangement.flip(this, axes);
    }

    /**
     * NumPy's tile: the tensor repeated {@code reps[d]} times along each axis d; fewer counts
     * than axes repeat the trailing axes, more add leading axes. The gradient sums the copies.
     */
    public Tensor tile(int... reps) {
        return Arrangement.tile(this, reps);
    }

    /** PyTorch's repeat: as {@link #tile}, but with at least one count per axis. */
    public Tensor repeat(int... reps) {
        return Arrangement.repeat(this, reps);
    }

    /** Consecutive pieces of {@code size} along {@code axis}, the last shorter when it does not divide. */
    public Tensor[] split(int size, int axis) {
        return Arrangement.split(this, size, axis);
    }

    /** Pieces of the given sizes along {@code axis}; the sizes add up to the axis length. */
    public Tensor[] split(int[] sizes, int axis) {
        return Arrangement.split(this, sizes, axis);
    }

    /** PyTorch's chunk: at most {@code chunks} pieces of ⌈n/chunks⌉ along {@code axis}. */
    public Tensor[] chunk(int chunks, int axis) {
        return Arrangement.chunk(this, chunks, axis);
    }

    /** A copy with its own values, in the graph (the gradient passes unchanged), as PyTorch's clone. */
    @Override
    public Tensor clone() {
        return Arrangement.clone(this);
    }

    /** The lower triangle of the last two axes (j ≤ i), zeros above; gradient only below. */
    public Tensor tril() {
        return tril(0);
    }

    /** Entries with j − i ≤ k of the last two axes kept, the others exactly 0 (even ±∞ or NaN). */
    public Tensor tril(int k) {
        return Arrangement.triangle(this, k, true);
    }

    /** The upper triangle of the last two axes (j ≥ i), zeros below. */
    public Tensor triu() {
        return triu(0);
    }

    /** Entries with j − i ≥ k of the last two axes kept, the others exactly 0. */
    public Tensor triu(int k) {
        return Arrangement.triangle(this, k, false);
    }

    /** One row per label, 1 in the label's column and 0 elsewhere: shape (labels, classes); a constant. */
    public static Tensor oneHot(int classes, int... labels) {
        return Arrangement.oneHot(labels, classes);
    }

    /**
     * PyTorch's {@code gather} (NumPy's {@code take_along_axis}), keeping the axis:
     * {@code out[…, j, …] = this[…, indices[…, j, …], …]} along {@code axis}, where
     * {@code indices} is row-major of {@code indexShape} (same rank, no longer on any other
     * axis). Compare {@link #gather}, which takes one index per position and removes the axis.
     */
    public Tensor takeAlongAxis(int axis, int[] indices, int... indexShape) {
        return AlongAxis.take(this, axis, indices, indexShape);
    }

    /**
     * PyTorch's {@code scatter_add} into zeros of {@code shape}: this tensor's element p is added
     * at position {@code indices[p]} along {@code axis}; the adjoint of {@link #takeAlongAxis}.
     */
    public Tensor scatterAdd(int axis, int[] indices, int... shape) {
        return AlongAxis.scatterAdd(this, axis, indices, shape);
    }

    /**
     * Einstein summation, as {@code torch.einsum}: {@code einsum("ij,jk->ik", a, b)} is a matrix
     * product, {@code "bij,bjk->bik"} a batched one, {@code "i,j->ij"} the outer product,
     * {@code "ii->"} the trace, {@code "i,ij,j->"} the bilinear form xᵀAy. A letter repeated in
     * one operand takes the diagonal; letters missing from the output are summed. Without
     * {@code ->} the output is the letters used once, in alphabetical order. No ellipsis.
     *
     * @throws IllegalArgumentException naming the subscripts and shapes when they do not fit
     */
    public static Tensor einsum(String subscripts, Tensor... operands) {
        return Einsum.einsum(subscripts, operands);
    }

    // ---- comparisons and selection with a constant, reciprocal scaling -----------------------

    /** 1 where {@code this ≤ c}, else 0; never carries a gradient. */
    public Tensor le(double c) {
        return le(scalar(c));
    }

    /** 1 where {@code this ≥ c}, else 0; never carries a gradient. */
    public Tensor ge(double c) {
        return ge(scalar(c));
    }

    /** 1 where {@code this == c}, else 0; never carries a gradient. */
    public Tensor eq(double c) {
        return eq(scalar(c));
    }

    /** {@code a} where {@code condition} is non-zero, the constant {@code b} elsewhere. */
    public static Tensor where(Tensor condition, Tensor a, double b) {
        return where(condition, a, scalar(b));
    }

    /** The constant {@code a} where {@code condition} is non-zero, {@code b} elsewhere. */
    public static Tensor where(Tensor condition, double a, Tensor b) {
        return where(condition, scalar(a), b);
    }

    /**
     * {@code value} where {@code mask} is non-zero, this tensor elsewhere (PyTorch's
     * {@code masked_fill}); the mask broadcasts; the gradient reaches only the unfilled elements.
     */
    public Tensor maskedFill(Tensor mask, double value) {
        return where(mask, scalar(value), this);
    }

    /** {@code c / x}; derivative −c/x². */
    public Tensor rdiv(double c) {
        return pow(-1).mul(c);
    }

    // ---- Kotlin operator names: thin aliases so that a + b, a - b, a * b, a / b and -a read
    // naturally in Kotlin (which maps those operators to these names); Java callers use
    // add/sub/mul/div/neg. ------------------------------------------------------------------

    /**
     * Kotlin's {@code this + other}: the same as {@link #add(Tensor)}.
     *
     * @param other the addend
     * @return {@code this + other}, recorded like {@link #add(Tensor)}
     */
    public Tensor plus(Tensor other) {
        return add(other);
    }

    /**
     * Kotlin's {@code this + c}: the same as {@link #add(double)}.
     *
     * @param c the constant addend
     * @return {@code this + c}
     */
    public Tensor plus(double c) {
        return add(c);
    }

    /**
     * Kotlin's {@code this - other}: the same as {@link #sub(Tensor)}.
     *
     * @param other the subtrahend
     * @return {@code this − other}
     */
    public Tensor minus(Tensor other) {
        return sub(other);
    }

    /**
     * Kotlin's {@code this - c}: the same as {@link #sub(double)}.
     *
     * @param c the constant subtrahend
     * @return {@code this − c}
     */
    public Tensor minus(double c) {
        return sub(c);
    }

    /**
     * Kotlin's {@code this * other}: the same as {@link #mul(Tensor)} (elementwise, broadcasting; not the matrix product).
     *
     * @param other the factor
     * @return {@code this · other}
     */
    public Tensor times(Tensor other) {
        return mul(other);
    }

    /**
     * Kotlin's {@code this * c}: the same as {@link #mul(double)}.
     *
     * @param c the constant factor
     * @return {@code this · c}
     */
    public Tensor times(double c) {
        return mul(c);
    }

    /**
     * Kotlin's {@code -this}: the same as {@link #neg()}. ({@code div} needs no alias:
     * Kotlin's {@code /} already maps to it.)
     *
     * @return {@code −this}
     */
    public Tensor unaryMinus() {
        return neg();
    }
}
