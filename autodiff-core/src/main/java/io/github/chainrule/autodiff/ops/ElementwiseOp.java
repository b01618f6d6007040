package io.github.chainrule.autodiff.ops;

import io.github.chainrule.autodiff.catalogue.Domain;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One differentiable elementwise operation, stated once for both graphs: its forward on
 * doubles, its local partials ∂out/∂in_k (from which the scalar graph's first-order sweep, the
 * tensor graph's vector-Jacobian product and the forward-mode tangent all derive), its
 * singular-point policy, and the samples the op catalogue tests it with.
 *
 * <p>{@code Scalar} and {@code Tensor} methods dispatch to these records; so does anything
 * applying a record directly ({@code Tensor.apply(op, …)}, {@code Scalar.apply(op, …)}).
 *
 * @param name the operation's name in graphs and messages (e.g. {@code "atan"})
 * @param method the {@code Scalar}/{@code Tensor} method that applies it (e.g. {@code "pow"}
 *     for the constant-exponent power, whose record is named {@code "powConstant"})
 * @param params the method's double parameters after the receiver and any other operand
 *     (pow's exponent, clamp's bounds), empty for most operations
 * @param arity the number of operands, 1 or 2
 * @param forward the value on doubles
 * @param partials ∂out/∂in_k, one per operand
 * @param nonFinitePartials whether a partial may be ±∞ or NaN at some input (log at 0, exp's
 *     overflow, 1/y at y = 0): the engine then scales the upstream gradient with the zero-safe
 *     product, so that a zero gradient (an unused branch) stays exactly zero
 * @param singularPolicy what the operation does at its singular points and kinks, in words
 * @param gate the operand wherever which is 0 the output is 0, whatever the other operand
 *     holds (the zero-safe product's gradient operand), or −1: the engine then keeps the other
 *     operand's gradient and tangent 0 there as well, even where they meet an infinite slope
 * @param samples where the catalogue samples inputs, and the singular points the scalar and
 *     tensor graphs must agree at
 */
public record ElementwiseOp(String name, String method, double[] params, int arity, Forward forward,
                            List<Expr> partials, boolean nonFinitePartials, String singularPolicy,
                            int gate, Samples samples) {

    /** The value of an elementwise operation on doubles; y is 0 for a one-input operation. */
    @FunctionalInterface
    public interface Forward {
        /** f(x, y). */
        double apply(double x, double y);
    }

    /**
     * Where the op catalogue samples an operation's inputs, and the points where its derivative
     * is singular or has a kink (at which the scalar and tensor graphs must agree, value and
     * gradient, including under a zero upstream gradient).
     *
     * @param domains one per operand
     * @param distinct whether two operands must differ (max/min jump at ties)
     * @param singularPoints operand tuples, one array of {@code arity} values each
     */
    public record Samples(List<Domain> domains, boolean distinct, List<double[]> singularPoints) {
    }

    /** Validates the record. */
    public ElementwiseOp {
        Objects.requireNonNull(name, "name");
        if (partials.size() != arity || samples.domains().size() != arity) {
            throw new IllegalArgumentException(name + ": " + arity + " operands need " + arity
                    + " partials and domains, got " + partials.size() + " and " + samples.domains().size());
        }
        for (double[] point : samples.singularPoints()) {
            if (point.length != arity) {
                throw new IllegalArgumentException(name + ": singular point " + Arrays.toString(point)
                        + " does not have " + arity + " values");
            }
        }
    }

    /** ∂out/∂in_k. */
    public Expr partial(int k) {
        return partials.get(k);
    }

    /** f(x) for a one-input operation. */
    public double apply(double x) {
        return forward.apply(x, 0);
    }

    /** f(x, y). */
    public double apply(double x, double y) {
        return forward.apply(x, y);
    }

    /** The builder of a one-input operation called {@code name}, applied by the method of the same name. */
    public static Builder unary(String name, Forward forward) {
        return new Builder(name, 1, forward);
    }

    /** The builder of a two-input operation called {@code name}, applied by the method of the same name. */
    public static Builder binary(String name, Forward forward) {
        return new Builder(name, 2, forward);
    }

    @Override
    public String toString() {
        return params.length == 0 ? name : name + Arrays.toString(params);
    }

    /** Builds a record step by step; every operation states its partials and catalogue domain. */
    public static final class Builder {
        private final String name;
        private final int arity;
        private final Forward forward;
        private String method;
        private double[] params = {};
        private Expr[] partials;
        private boolean nonFinite;
        private String policy = "smooth everywhere in its domain";
        private Domain[] domains;
        private boolean distinct;
        private double[][] singular = {};
        private int gate = -1;

        private Builder(String name, int arity, Forward forward) {
            this.name = name;
            this.method = name;
            this.arity = arity;
            this.forward = forward;
        }

        /** The Scalar/Tensor method applying the operation, when its name differs, and its parameters. */
        public Builder method(String method, double... params) {
            this.method = method;
            this.params = params.clone();
            return this;
        }

        /** ∂out/∂in_k for k = 0 … arity−1. */
        public Builder partials(Expr... partials) {
            this.partials = partials.clone();
            return this;
        }

        /** Marks that a partial can be ±∞ or NaN somewhere, and says where and what happens. */
        public Builder nonFinitePartials(String policy) {
            this.nonFinite = true;
            this.policy = policy;
            return this;
        }

        /** The output is 0 wherever operand {@code operand} is 0, whatever the other holds. */
        public Builder zeroWhereOperandIsZero(int operand) {
            this.gate = operand;
            return this;
        }

        /** Says what happens at the kinks of a partial that stays finite. */
        public Builder kinks(String policy) {
            this.policy = policy;
            return this;
        }

        /** Where the catalogue samples each operand. */
        public Builder domains(Domain... domains) {
            this.domains = domains.clone();
            return this;
        }

        /** The operands are sampled pairwise distinct (derivatives that jump at ties). */
        public Builder distinct() {
            this.distinct = true;
            return this;
        }

        /** Operand pairs where the derivative of a two-operand operation is singular or has a kink. */
        public Builder singularPairs(double[]... points) {
            this.singular = points.clone();
            return this;
        }

        /** Operands where the derivative is singular or has a kink, for a one-input operation. */
        public Builder singularAt(double... points) {
            double[][] tuples = new double[points.length][];
            for (int i = 0; i < points.length; i++) {
                tuples[i] = new double[] {points[i]};
            }
            this.singular = tuples;
            return this;
        }

        /** The record. */
        public ElementwiseOp build() {
            Objects.requireNonNull(partials, name + ": partials");
            Objects.requireNonNull(domains, name + ": domains");
            return new ElementwiseOp(name, method, params, arity, forward, List.of(partials), nonFinite, policy, gate,
                    new Samples(List.of(domains), distinct, List.of(singular)));
        }
    }
}
