package io.github.chainrule.examples.newton;

import io.github.chainrule.autodiff.Autodiff;
import io.github.chainrule.autodiff.Tensor;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealVector;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code chainrule newton}: second-order optimisation with the engine's higher derivatives.
 * <ol>
 *   <li>Hessian-free Newton ({@link HessianFreeNewton}) on the 10-d extended Rosenbrock
 *       function from (−1.2, 1, −1.2, 1, …): only Hessian-vector products, never the Hessian;
 *   <li>exact Newton on the 2-d Rosenbrock function from (−1.2, 1): x ← x − H⁻¹∇f with the full
 *       Hessian from {@link Autodiff#hessian}, until ‖∇f‖ &lt; 10⁻¹⁰.
 * </ol>
 */
@Command(name = "newton", mixinStandardHelpOptions = true,
        description = "Newton's method with autodiff Hessians: Hessian-free on 10-d Rosenbrock, exact on 2-d.")
public final class NewtonCommand implements Callable<Integer> {

    /** Stop when the gradient norm falls below this. */
    public static final double TOLERANCE = 1e-10;

    @Spec
    private CommandSpec spec;

    /** Creates the command. */
    public NewtonCommand() {
    }

    /**
     * The exact-Newton run.
     *
     * @param x            the final point
     * @param gradientNorm ‖∇f‖ there
     * @param steps        Newton steps taken
     */
    public record Exact(double[] x, double gradientNorm, int steps) {
    }

    /**
     * Both runs.
     *
     * @param hessianFree the Hessian-free run on 10-d Rosenbrock
     * @param exact       the exact-Newton run on 2-d Rosenbrock
     */
    public record Report(HessianFreeNewton.Result hessianFree, Exact exact) {
    }

    @Override
    public Integer call() {
        run(spec.commandLine().getOut());
        return 0;
    }

    /**
     * Runs both minimisations and prints their progress.
     *
     * @param out where the account goes
     * @return both results
     */
    public static Report run(PrintWriter out) {
        double[] start = new double[10];
        for (int i = 0; i < start.length; i++) {
            start[i] = i % 2 == 0 ? -1.2 : 1.0;
        }
        long t0 = System.nanoTime();
        HessianFreeNewton.Result hf = new HessianFreeNewton(200, 50, TOLERANCE)
                .minimise(HessianFreeNewton::rosenbrock, Tensor.vector(start));
        out.printf(Locale.ROOT, "Hessian-free Newton, 10-d extended Rosenbrock from %s:%n", Arrays.toString(start));
        out.printf(Locale.ROOT, "  %d Newton steps, %d Hessian-vector products (no Hessian formed), %.2f s%n",
                hf.steps(), hf.hessianVectorProducts(), (System.nanoTime() - t0) / 1e9);
        out.printf(Locale.ROOT, "  x = %s%n  f(x) = %.3e, |grad f| = %.3e%n", format(hf.x().toArray()), hf.value(),
                hf.gradientNorm());

        out.println("Exact Newton with Autodiff.hessian, 2-d Rosenbrock from (-1.2, 1):");
        Exact exact = exactNewton(new double[] {-1.2, 1.0}, 100, out);
        out.printf(Locale.ROOT, "  converged in %d steps to x = %s, |grad f| = %.3e%n", exact.steps(),
                format(exact.x()), exact.gradientNorm());
        out.flush();
        return new Report(hf, exact);
    }

    /**
     * Pure Newton steps x ← x − H(x)⁻¹ ∇f(x) on the Rosenbrock function, the gradient and the
     * Hessian both from the graph.
     *
     * @param start    the starting point
     * @param maxSteps the most steps
     * @param out      where each iterate is printed
     * @return the final point, its gradient norm and the step count
     */
    public static Exact exactNewton(double[] start, int maxSteps, PrintWriter out) {
        Tensor x = Tensor.vector(start);
        Tensor g = Autodiff.grad(HessianFreeNewton::rosenbrock, x);
        int steps = 0;
        while (norm(g) >= TOLERANCE && steps < maxSteps) {
            int n = x.size();
            double[] h = Autodiff.hessian(HessianFreeNewton::rosenbrock, x).toArray();
            double[][] rows = new double[n][n];
            for (int i = 0; i < n; i++) {
                rows[i] = Arrays.copyOfRange(h, i * n, (i + 1) * n);
            }
            RealVector p = new LUDecomposition(new Array2DRowRealMatrix(rows, false)).getSolver()
                    .solve(new ArrayRealVector(g.toArray())).mapMultiply(-1);
            x = Tensor.vector(new ArrayRealVector(x.toArray()).add(p).toArray());
            g = Autodiff.grad(HessianFreeNewton::rosenbrock, x);
            steps++;
            out.printf(Locale.ROOT, "  step %2d: x = %s, f = %.3e, |grad f| = %.3e%n", steps, format(x.toArray()),
                    HessianFreeNewton.rosenbrock(x).item(), norm(g));
        }
        return new Exact(x.toArray(), norm(g), steps);
    }

    private static double norm(Tensor t) {
        double s = 0;
        for (double v : t.toArray()) {
            s += v * v;
        }
        return Math.sqrt(s);
    }

    private static String format(double[] v) {
        StringBuilder s = new StringBuilder("(");
        for (int i = 0; i < v.length; i++) {
            s.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.10f", v[i]));
        }
        return s.append(')').toString();
    }
}
