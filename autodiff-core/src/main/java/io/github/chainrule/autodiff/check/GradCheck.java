package io.github.chainrule.autodiff.check;

import io.github.chainrule.autodiff.Autodiff;
import io.github.chainrule.autodiff.Grad;
import io.github.chainrule.autodiff.Tensor;
import io.github.chainrule.autodiff.TensorFunction;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;

/**
 * Compares backward with central finite differences for a function of one or several tensors.
 *
 * <pre>{@code
 * GradCheck.assertCorrect(in -> in[0].mul(in[1]).tanh().sum(), x, y);
 * GradCheckReport report = GradCheck.defaults().atol(1e-7).check(f, x);
 * }</pre>
 *
 * <p><b>Finite differences.</b> Element j of input i is moved by h = ∛ε · max(1, |x_j|)
 * (ε the double epsilon, about 6e-6 at |x| ≤ 1): the step that balances the O(h²) truncation
 * error of the central difference (f(x+h) − f(x−h)) / 2h against its O(ε/h) rounding error.
 * With {@link #richardson(boolean) Richardson extrapolation} the estimates at h and h/2 are
 * combined as (4·D(h/2) − D(h)) / 3, cancelling the h² term.
 *
 * <p><b>The step follows the point and the domain.</b> That fixed step is too coarse close to a
 * singularity: log at 1e-4 has a relative h² error of (h/x)²/3 ≈ 1e-3, and sqrt at 1e-6 is NaN
 * at x − h. So the step is halved while f is finite at x but not at x ± h (it crossed the edge
 * of the domain), and every entry that the plain estimate puts out of tolerance is estimated
 * again by Ridders' extrapolation from that step down (central differences at h, h/1.4, h/1.4²,
 * … extrapolated to a zero step), which follows the point's own scale. Only an entry that still
 * disagrees is reported: correct built-ins pass near their singular points (log at 1e-4, sqrt at
 * 1e-6), while a wrong derivative, or a kink such as relu at 0, still fails.
 *
 * <p><b>Tolerance.</b> An entry passes when |analytical − numerical| ≤ atol + rtol·|numerical|;
 * the defaults are atol = 1e-6 and rtol = 1e-5, which central differences meet comfortably in
 * double precision for well-scaled functions.
 *
 * <p><b>Modes.</b> {@link #check} compares the full Jacobian (one reverse sweep per output
 * element, two evaluations per input element). With {@link #projections(int)} it instead
 * compares uᵀJv for random u and v, which costs two evaluations and one sweep per projection
 * whatever the input size. {@link #checkSecondOrder} checks the gradient of the gradient. A
 * full Jacobian of more than {@value #FULL_JACOBIAN_LIMIT} input and output elements together
 * is refused with a message pointing to projections: it would run for minutes.
 *
 * <p><b>Blame.</b> When a first-order check fails, the function is traced once more and each
 * recorded tensor operation (built-in or {@link io.github.chainrule.autodiff.CustomOp}) is
 * checked on its own; the first that disagrees with finite differences of its own forward is
 * named in the report with its input shapes and the line of user code that created it: a
 * custom operation with a wrong VJP, or a built-in one evaluated at a kink (relu at 0).
 *
 * <p>Instances are immutable; each setter returns a new checker.
 */
public final class GradCheck {
    /** Default absolute tolerance. */
    public static final double DEFAULT_ATOL = 1e-6;
    /** Default relative tolerance. */
    public static final double DEFAULT_RTOL = 1e-5;
    /**
     * The most input plus output elements a full-Jacobian check accepts: beyond it, the 2n
     * evaluations of f and m backward sweeps take minutes, and projections do the job.
     */
    public static final int FULL_JACOBIAN_LIMIT = 10_000;
    private static final double CUBE_ROOT_EPSILON = Math.cbrt(Math.ulp(1.0));

    private final double atol;
    private final double rtol;
    private final boolean richardson;
    private final int projections;
    private final long seed;

    private GradCheck(double atol, double rtol, boolean richardson, int projections, long seed) {
        this.atol = atol;
        this.rtol = rtol;
        this.richardson = richardson;
        this.projections = projections;
        this.seed = seed;
    }

    /** A checker with the default tolerances, full-Jacobian mode, no extrapolation. */
    public static GradCheck defaults() {
        return new GradCheck(DEFAULT_ATOL, DEFAULT_RTOL, false, 0, 0x5eed);
    }

    /** The same checker with absolute tolerance {@code atol}. */
    public GradCheck atol(double value) {
        return new GradCheck(value, rtol, richardson, projections, seed);
    }

    /** The same checker with relative tolerance {@code rtol}. */
    public GradCheck rtol(double value) {
        return new GradCheck(atol, value, richardson, projections, seed);
    }

    /** The same checker with Richardson extrapolation of the finite differences on or off. */
    public GradCheck richardson(boolean on) {
        return new GradCheck(atol, rtol, on, projections, seed);
    }

    /**
     * The same checker in projection mode: {@code count} random products uᵀJv instead of the
     * full Jacobian (0 restores full-Jacobian mode). For large inputs.
     */
    public GradCheck projections(int count) {
        return new GradCheck(atol, rtol, richardson, count, seed);
    }

    /** The same checker drawing its random vectors from {@code value}. */
    public GradCheck seed(long value) {
        return new GradCheck(atol, rtol, richardson, projections, value);
    }

    /** Checks first derivatives with the default settings; throws AssertionError with the report. */
    public static void assertCorrect(TensorFunction f, Tensor... inputs) {
        GradCheckReport report = defaults().check(f, inputs);
        if (!report.passed()) {
            throw new AssertionError(report.toString());
        }
    }

    /** Checks first and second derivatives with the default settings; throws on failure. */
    public static void assertCorrectToSecondOrder(TensorFunction f, Tensor... inputs) {
        assertCorrect(f, inputs);
        GradCheckReport second = defaults().checkSecondOrder(f, inputs);
        if (!second.passed()) {
            throw new AssertionError(second.toString());
        }
    }

    /**
     * Compares backward with finite differences for f at {@code inputs}. When the check fails,
     * f is traced once more and the first recorded operation whose own VJP disagrees with
     * finite differences of its own forward is named in {@link GradCheckReport#blame()}, with
     * its input shapes and where it was created.
     */
    public GradCheckReport check(TensorFunction f, Tensor... inputs) {
        GradCheckReport report = compare("gradcheck", f, inputs);
        return report.passed() ? report : report.withBlame(Blame.find(this, f, inputs));
    }

    /** The comparison alone, without blame: what {@link Blame} runs on each single operation. */
    GradCheckReport compare(String what, TensorFunction f, Tensor[] inputs) {
        return projections > 0 ? checkProjections(what, f, inputs) : checkJacobian(what, f, inputs);
    }

    /**
     * Checks second derivatives (PyTorch's gradgradcheck): the function (x ↦ Jᵀv), with v a
     * fixed random cotangent, is checked to first order, its backward running through the
     * graph recorded by backward with {@code createGraph}.
     */
    public GradCheckReport checkSecondOrder(TensorFunction f, Tensor... inputs) {
        Tensor output;
        try (Grad.Scope off = Grad.disabled()) {
            output = f.apply(inputs);
        }
        Tensor cotangent = Tensor.randn(new Well19937c(seed), output.shape());
        TensorFunction vjp = in -> {
            Tensor[] gradients = Autodiff.gradients(f.apply(in), cotangent, in, true);
            Tensor[] flat = new Tensor[gradients.length];
            for (int i = 0; i < gradients.length; i++) {
                flat[i] = gradients[i].flatten();
            }
            return Tensor.concat(0, flat);
        };
        return compare("gradgradcheck", vjp, inputs);
    }

    private GradCheckReport checkJacobian(String what, TensorFunction f, Tensor[] inputs) {
        Tensor[] leaves = Autodiff.freshLeaves(inputs);
        Tensor output = Autodiff.recorded(f, leaves);
        int outputs = output.size();
        refuseLargeJacobian(what, inputs, outputs);
        double[] atPoint = output.toArray();
        List<double[]> analyticalRows = new ArrayList<>();
        for (int o = 0; o < outputs; o++) {
            double[] basis = new double[outputs];
            basis[o] = 1;
            Tensor[] row = Autodiff.gradients(output, Tensor.of(basis, output.shape()), leaves, false);
            analyticalRows.add(flatten(row));
        }
        List<Mismatch> mismatches = new ArrayList<>();
        double worst = 0;
        int compared = 0;
        int offset = 0;
        for (int i = 0; i < inputs.length; i++) {
            double[] x = inputs[i].toArray();
            for (int j = 0; j < x.length; j++) {
                int input = i;
                int element = j;
                FiniteDifferences.Line line = t -> evaluateShifted(f, inputs, input, element, t);
                double h = CUBE_ROOT_EPSILON * Math.max(1.0, Math.abs(x[j]));
                FiniteDifferences.Estimate estimate = FiniteDifferences.estimate(line, atPoint, h, richardson);
                double[] column = estimate.values();
                double[] refined = null;
                for (int o = 0; o < outputs; o++) {
                    double analytical = analyticalRows.get(o)[offset + j];
                    if (!within(analytical, column[o])) {
                        refined = refined != null ? refined : FiniteDifferences.refine(line, estimate.step(), Math.abs(x[j]));
                        column[o] = refined[o];
                    }
                    compared++;
                    double error = Math.abs(analytical - column[o]);
                    worst = Math.max(worst, error / Math.max(Math.abs(column[o]), 1e-12));
                    if (!within(analytical, column[o])) {
                        mismatches.add(new Mismatch(o, i, unravel(j, inputs[i].shape()), column[o], analytical));
                    }
                }
            }
            offset += x.length;
        }
        return report(what, mismatches, compared, worst);
    }

    private GradCheckReport checkProjections(String what, TensorFunction f, Tensor[] inputs) {
        RandomGenerator rng = new Well19937c(seed);
        Tensor[] leaves = Autodiff.freshLeaves(inputs);
        Tensor output = Autodiff.recorded(f, leaves);
        List<Mismatch> mismatches = new ArrayList<>();
        double worst = 0;
        for (int p = 0; p < projections; p++) {
            Tensor u = Tensor.randn(rng, output.shape());
            Tensor[] v = new Tensor[inputs.length];
            for (int i = 0; i < inputs.length; i++) {
                v[i] = Tensor.randn(rng, inputs[i].shape());
            }
            Tensor[] cotangents = Autodiff.gradients(output, u, leaves, false);
            double analytical = 0;
            for (int i = 0; i < inputs.length; i++) {
                analytical += dot(cotangents[i].toArray(), v[i].toArray());
            }
            double numerical = directional(f, inputs, v, u.toArray(), output, analytical);
            double error = Math.abs(analytical - numerical);
            worst = Math.max(worst, error / Math.max(Math.abs(numerical), 1e-12));
            if (!within(analytical, numerical)) {
                mismatches.add(new Mismatch(p, -1, new int[0], numerical, analytical));
            }
        }
        return report(what, mismatches, projections, worst);
    }

    private static GradCheckReport report(String what, List<Mismatch> mismatches, int compared, double worst) {
        mismatches.sort(Comparator.comparingDouble(Mismatch::relativeError).reversed());
        return new GradCheckReport(what, mismatches, compared, worst, null);
    }

    /** The tolerance test: |analytical − numerical| ≤ atol + rtol·|numerical|. */
    private boolean within(double analytical, double numerical) {
        return Math.abs(analytical - numerical) <= atol + rtol * Math.abs(numerical);
    }

    private static void refuseLargeJacobian(String what, Tensor[] inputs, int outputs) {
        long elements = 0;
        for (Tensor input : inputs) {
            elements += input.size();
        }
        if (elements + outputs > FULL_JACOBIAN_LIMIT) {
            throw new IllegalArgumentException(what + ": a full Jacobian of " + elements + " input elements and "
                    + outputs + " output elements needs " + 2 * elements + " evaluations of the function and "
                    + outputs + " backward sweeps, more than a check should take (limit: "
                    + FULL_JACOBIAN_LIMIT + " elements in all); compare k random products uᵀJv instead with "
                    + "GradCheck.defaults().projections(k), e.g. k = 16, which costs two evaluations and one "
                    + "sweep per product whatever the size, or check a smaller input");
        }
    }

    private static double[] evaluateShifted(TensorFunction f, Tensor[] inputs, int i, int j, double h) {
        Tensor[] shifted = Autodiff.freshLeaves(inputs);
        double[] values = inputs[i].toArray();
        values[j] += h;
        shifted[i] = Tensor.of(values, inputs[i].shape()).requiresGrad();
        return Autodiff.recorded(f, shifted).toArray();
    }

    /**
     * ⟨u, D_v f⟩ by central differences along the direction v (all inputs at once), estimated
     * again by Ridders' extrapolation when the plain estimate disagrees with {@code analytical}.
     */
    private double directional(TensorFunction f, Tensor[] inputs, Tensor[] v, double[] u, Tensor output,
            double analytical) {
        double scale = 1.0;
        for (Tensor input : inputs) {
            scale = Math.max(scale, maxAbs(input.toArray()));
        }
        FiniteDifferences.Line line = t -> new double[] {dot(u, evaluateAlong(f, inputs, v, t))};
        double[] atPoint = {dot(u, output.toArray())};
        FiniteDifferences.Estimate estimate =
                FiniteDifferences.estimate(line, atPoint, CUBE_ROOT_EPSILON * scale, richardson);
        double numerical = estimate.values()[0];
        return within(analytical, numerical) ? numerical
                : FiniteDifferences.refine(line, estimate.step(), distanceToZero(inputs, v))[0];
    }

    /** How far x can move along v before some element reaches 0: min |x_k / v_k| (0 if none can). */
    private static double distanceToZero(Tensor[] inputs, Tensor[] v) {
        double distance = Double.POSITIVE_INFINITY;
        for (int i = 0; i < inputs.length; i++) {
            double[] x = inputs[i].toArray();
            double[] d = v[i].toArray();
            for (int k = 0; k < x.length; k++) {
                if (x[k] != 0 && d[k] != 0) {
                    distance = Math.min(distance, Math.abs(x[k] / d[k]));
                }
            }
        }
        return Double.isFinite(distance) ? distance : 0;
    }

    private static double[] evaluateAlong(TensorFunction f, Tensor[] inputs, Tensor[] v, double h) {
        Tensor[] moved = new Tensor[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            double[] x = inputs[i].toArray();
            double[] d = v[i].toArray();
            for (int k = 0; k < x.length; k++) {
                x[k] += h * d[k];
            }
            moved[i] = Tensor.of(x, inputs[i].shape()).requiresGrad();
        }
        return Autodiff.recorded(f, moved).toArray();
    }

    private static double maxAbs(double[] x) {
        double m = 0;
        for (double v : x) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }


    private static double[] flatten(Tensor[] parts) {
        int total = 0;
        for (Tensor t : parts) {
            total += t.size();
        }
        double[] out = new double[total];
        int offset = 0;
        for (Tensor t : parts) {
            System.arraycopy(t.toArray(), 0, out, offset, t.size());
            offset += t.size();
        }
        return out;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static int[] unravel(int flat, int[] shape) {
        int[] index = new int[shape.length];
        for (int axis = shape.length - 1; axis >= 0; axis--) {
            index[axis] = flat % shape[axis];
            flat /= shape[axis];
        }
        return index;
    }
}
