package io.github.chainrule.examples.newton;

import io.github.chainrule.autodiff.Autodiff;
import io.github.chainrule.autodiff.Grad;
import io.github.chainrule.autodiff.Tensor;
import java.util.function.UnaryOperator;

/**
 * Hessian-free Newton (truncated Newton) minimisation: each step solves H p = −∇f for the
 * Newton direction p by conjugate gradients, touching the Hessian only through Hessian-vector
 * products {@link Autodiff#hvp} (two reverse sweeps each), never forming it; a backtracking
 * line search then keeps the step a descent step.
 *
 * <p>CG stops early at negative curvature (pᵀHp ≤ 0), falling back to the steepest-descent
 * direction on the first iteration, as in Nocedal &amp; Wright, Algorithm 7.1.
 */
public final class HessianFreeNewton {
    private final int maxSteps;
    private final int maxCgIterations;
    private final double tolerance;

    /** One finished run: where it stopped, how it got there. */
    public record Result(Tensor x, double value, double gradientNorm, int steps, int hessianVectorProducts) {
    }

    /**
     * @param maxSteps the most Newton steps
     * @param maxCgIterations the most CG iterations per step
     * @param tolerance stop when ‖∇f‖ falls below this
     */
    public HessianFreeNewton(int maxSteps, int maxCgIterations, double tolerance) {
        this.maxSteps = maxSteps;
        this.maxCgIterations = maxCgIterations;
        this.tolerance = tolerance;
    }

    /** Minimises a scalar-valued {@code f} from {@code start}. */
    public Result minimise(UnaryOperator<Tensor> f, Tensor start) {
        Tensor x = start.detach();
        int products = 0;
        int step = 0;
        Tensor gradient = Autodiff.grad(f, x);
        while (step < maxSteps && norm(gradient) > tolerance) {
            Direction direction = newtonDirection(f, x, gradient);
            products += direction.products();
            x = lineSearch(f, x, gradient, direction.p());
            gradient = Autodiff.grad(f, x);
            step++;
        }
        return new Result(x, value(f, x), norm(gradient), step, products);
    }

    private record Direction(Tensor p, int products) {
    }

    /** CG on H p = −g, with the forcing tolerance min(0.5, √‖g‖)·‖g‖ of inexact Newton. */
    private Direction newtonDirection(UnaryOperator<Tensor> f, Tensor x, Tensor g) {
        Tensor p = g.zerosLike();
        Tensor r = g.neg();
        Tensor d = r;
        double rr = dot(r, r);
        double stop = Math.min(0.5, Math.sqrt(norm(g))) * norm(g);
        int products = 0;
        for (int i = 0; i < maxCgIterations && Math.sqrt(rr) > stop; i++) {
            Tensor hd = Autodiff.hvp(f, x, d);
            products++;
            double curvature = dot(d, hd);
            if (curvature <= 0) {
                return new Direction(i == 0 ? g.neg() : p, products);
            }
            double alpha = rr / curvature;
            p = p.add(d.mul(alpha));
            r = r.sub(hd.mul(alpha));
            double next = dot(r, r);
            d = r.add(d.mul(next / rr));
            rr = next;
        }
        return new Direction(p, products);
    }

    /** Backtracking (Armijo) line search from the full Newton step. */
    private static Tensor lineSearch(UnaryOperator<Tensor> f, Tensor x, Tensor g, Tensor p) {
        double f0 = value(f, x);
        double slope = dot(g, p);
        double t = 1.0;
        for (int i = 0; i < 40; i++) {
            Tensor candidate = x.add(p.mul(t));
            if (value(f, candidate) <= f0 + 1e-4 * t * slope) {
                return candidate;
            }
            t *= 0.5;
        }
        return x;
    }

    private static double value(UnaryOperator<Tensor> f, Tensor x) {
        try (Grad.Scope off = Grad.disabled()) {
            return f.apply(x).item();
        }
    }

    private static double dot(Tensor a, Tensor b) {
        try (Grad.Scope off = Grad.disabled()) {
            return a.mul(b).sum().item();
        }
    }

    private static double norm(Tensor a) {
        return Math.sqrt(dot(a, a));
    }

    /**
     * The extended Rosenbrock function Σ_i 100 (x_{i+1} − x_i²)² + (1 − x_i)², minimal at
     * (1, …, 1): a standard test of Newton-type methods, ill-conditioned along its valley.
     */
    public static Tensor rosenbrock(Tensor x) {
        int n = x.dim(0);
        Tensor head = x.slice(0, 0, n - 1);
        Tensor tail = x.slice(0, 1, n);
        return tail.sub(head.square()).square().mul(100).add(head.rsub(1).square()).sum();
    }
}
