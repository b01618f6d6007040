package io.github.chainrule.nn.init;

import io.github.chainrule.autodiff.Tensor;

/**
 * The usual initialisers. With fan-in n_in and fan-out n_out (see {@link Fans}):
 * <ul>
 *   <li>Xavier/Glorot uniform: U(−a, a), a = gain·√(6/(n_in+n_out));
 *   <li>Xavier/Glorot normal: N(0, s²), s = gain·√(2/(n_in+n_out));
 *   <li>He/Kaiming uniform: U(−a, a), a = √(6/n_in) (for ReLU);
 *   <li>He/Kaiming normal: N(0, s²), s = √(2/n_in).
 * </ul>
 * Glorot keeps activations' and gradients' variances equal across layers for tanh/sigmoid-like
 * units; He doubles the variance to make up for ReLU zeroing half its inputs.
 */
public final class Initializers {
    private Initializers() {
    }

    /** Every value 0 (the usual bias initialiser). */
    public static Initializer zeros() {
        return (rng, shape) -> Tensor.zeros(shape);
    }

    /** Every value {@code c}. */
    public static Initializer constant(double c) {
        return (rng, shape) -> Tensor.full(c, shape);
    }

    /** U(lo, hi). */
    public static Initializer uniform(double lo, double hi) {
        if (!(lo < hi) || !Double.isFinite(lo) || !Double.isFinite(hi)) {
            throw new IllegalArgumentException("Initializers.uniform: need finite lo < hi, got [" + lo + ", " + hi + ")");
        }
        return (rng, shape) -> {
            Tensor u = Tensor.rand(rng, shape);
            double[] v = u.toArray();
            for (int i = 0; i < v.length; i++) {
                v[i] = lo + (hi - lo) * v[i];
            }
            return Tensor.of(v, shape);
        };
    }

    /** N(0, std²). */
    public static Initializer normal(double std) {
        if (!(std >= 0) || !Double.isFinite(std)) {
            throw new IllegalArgumentException("Initializers.normal: std must be finite and >= 0, got " + std);
        }
        return (rng, shape) -> Tensor.randn(rng, shape).mul(std).detach();
    }

    /** Xavier/Glorot uniform with gain 1: U(−a, a), a = √(6/(n_in+n_out)). */
    public static Initializer xavierUniform() {
        return xavierUniform(1.0);
    }

    /** Xavier/Glorot uniform: U(−a, a), a = gain·√(6/(n_in+n_out)). */
    public static Initializer xavierUniform(double gain) {
        return (rng, shape) -> {
            Fans f = Fans.of(shape);
            double a = gain * Math.sqrt(6.0 / (f.in() + f.out()));
            return uniform(-a, a).initialize(rng, shape);
        };
    }

    /** Xavier/Glorot normal with gain 1: N(0, 2/(n_in+n_out)). */
    public static Initializer xavierNormal() {
        return xavierNormal(1.0);
    }

    /** Xavier/Glorot normal: N(0, s²), s = gain·√(2/(n_in+n_out)). */
    public static Initializer xavierNormal(double gain) {
        return (rng, shape) -> {
            Fans f = Fans.of(shape);
            return normal(gain * Math.sqrt(2.0 / (f.in() + f.out()))).initialize(rng, shape);
        };
    }

    /** He/Kaiming uniform for ReLU: U(−a, a), a = √(6/n_in). */
    public static Initializer heUniform() {
        return (rng, shape) -> {
            double a = Math.sqrt(6.0 / Fans.of(shape).in());
            return uniform(-a, a).initialize(rng, shape);
        };
    }

    /** He/Kaiming normal for ReLU: N(0, 2/n_in). */
    public static Initializer heNormal() {
        return (rng, shape) -> normal(Math.sqrt(2.0 / Fans.of(shape).in())).initialize(rng, shape);
    }

    /**
     * PyTorch's default for {@code nn.Linear}: U(−1/√n_in, 1/√n_in), used for both weight and
     * bias (the bias with the weight's fan-in, so pass the weight's n_in).
     */
    public static Initializer lecunUniform(int fanIn) {
        double a = 1.0 / Math.sqrt(fanIn);
        return uniform(-a, a);
    }
}
