package io.github.chainrule.autodiff.ops;

/**
 * The operations a derivative {@link Expr} is evaluated with: the graph's own differentiable
 * operations (the scalar graph's and the tensor graph's each implement it), so that a partial
 * evaluated in an algebra of recorded values can be differentiated again.
 *
 * @param <T> the value type: a scalar node or a tensor
 */
public interface Algebra<T> {
    /** The constant {@code c}, broadcastable against any value. */
    T constant(double c);

    /**
     * A piecewise-constant function of the operation's inputs and output, evaluated elementwise:
     * a mask, a sign, a share. Its own derivative is zero, so it never records.
     *
     * @param y the second input, or null for a one-input operation
     */
    T step(Expr.Step step, T x, T y, T out);

    /** a + b. */
    T add(T a, T b);

    /** a − b. */
    T sub(T a, T b);

    /** a · b. */
    T mul(T a, T b);

    /** a · b, except exactly 0 where a = 0 and b is ±∞ or NaN (the zero-safe product). */
    T mulSafe(T a, T b);

    /** a / b. */
    T div(T a, T b);

    /** −a. */
    T neg(T a);

    /** a². */
    T square(T a);

    /** eᵃ. */
    T exp(T a);

    /** ln a. */
    T log(T a);

    /** sin a. */
    T sin(T a);

    /** cos a. */
    T cos(T a);

    /** σ(a). */
    T sigmoid(T a);

    /** aᵖ for a constant p. */
    T pow(T a, double p);

    /** aᵇ. */
    T pow(T a, T b);

    /** The one-operand op record {@code op} applied to a, with the graph's method for it. */
    T apply(ElementwiseOp op, T a);

    /** a where {@code mask} is non-zero, else b. */
    T where(T mask, T a, T b);
}
