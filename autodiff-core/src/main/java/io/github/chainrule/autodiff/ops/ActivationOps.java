package io.github.chainrule.autodiff.ops;

import static io.github.chainrule.autodiff.catalogue.Domain.AWAY_FROM_ZERO;
import static io.github.chainrule.autodiff.catalogue.Domain.REAL;
import static io.github.chainrule.autodiff.ops.Expr.out;
import static io.github.chainrule.autodiff.ops.Expr.step;
import static io.github.chainrule.autodiff.ops.Expr.x;

/** The activation functions of neural networks. */
public final class ActivationOps {
    private ActivationOps() {
    }

    /** tanh x; derivative 1 − tanh²x. */
    public static final ElementwiseOp TANH = ElementwiseOp.unary("tanh", (x, y) -> Math.tanh(x))
            .partials(out().square().rsub(1)).domains(REAL).build();

    /** σ(x) = 1/(1+e^(−x)); derivative σ(x)(1 − σ(x)). */
    public static final ElementwiseOp SIGMOID = ElementwiseOp.unary("sigmoid", (x, y) -> Elementary.sigmoid(x))
            .partials(out().times(out().rsub(1))).domains(REAL).build();

    /**
     * max(x, 0); derivative 1 for x &gt; 0, 0 for x ≤ 0, and 1 at NaN: PyTorch's mask
     * {@code x <= 0 ? 0 : g} passes the gradient of a NaN input on (and the NaN value shows it).
     */
    public static final ElementwiseOp RELU = ElementwiseOp.unary("relu", (x, y) -> Math.max(x, 0))
            .partials(step((x, y, out) -> x <= 0 ? 0 : 1))
            .kinks("0 at the kink x = 0, as PyTorch; at NaN the gradient passes, as PyTorch")
            .domains(AWAY_FROM_ZERO).singularAt(0, Double.NaN).build();

    /** softplus(x) = ln(1 + eˣ), computed without overflow; derivative σ(x). */
    public static final ElementwiseOp SOFTPLUS = ElementwiseOp.unary("softplus", (x, y) -> Elementary.softplus(x))
            .partials(x().sigmoid()).domains(REAL).build();

    /** x for x &gt; 0, slope·x otherwise; derivative 1 or slope (slope at 0, as PyTorch). */
    public static ElementwiseOp leakyRelu(double slope) {
        return ElementwiseOp.unary("leakyRelu", (x, y) -> x > 0 ? x : slope * x).method("leakyRelu", slope)
                .partials(step((x, y, out) -> x > 0 ? 1 : slope))
                .kinks("slope at the kink x = 0, as PyTorch").domains(AWAY_FROM_ZERO).singularAt(0).build();
    }

    /** log σ(x) = −softplus(−x), computed without overflow; derivative σ(−x) = 1 − σ(x). */
    public static final ElementwiseOp LOG_SIGMOID = ElementwiseOp.unary("logSigmoid",
                    (x, y) -> -Elementary.softplus(-x))
            .partials(x().neg().sigmoid()).domains(REAL).build();

    /**
     * gelu(x) = x·Φ(x) = ½x(1 + erf(x/√2)), the exact form (PyTorch's default); derivative
     * Φ(x) + x·φ(x) with φ(x) = e^(−x²/2)/√(2π).
     */
    public static final ElementwiseOp GELU = ElementwiseOp.unary("gelu", (x, y) -> Elementary.gelu(x))
            .partials(x().times(Elementary.SQRT_HALF).apply(ExponentialOps.ERF).plus(1).times(0.5)
                    .plus(x().times(x().square().times(-0.5).exp()).times(Elementary.INV_SQRT_TWO_PI)))
            .domains(REAL).build();
}

