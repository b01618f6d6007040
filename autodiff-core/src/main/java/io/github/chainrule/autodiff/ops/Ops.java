package io.github.chainrule.autodiff.ops;

import java.util.List;

/**
 * Every elementwise operation record, in a stable order: what the op catalogue, the
 * completeness test and the scalar/tensor agreement tests iterate over. Records with a
 * parameter appear with the parameters the catalogue samples them at.
 */
public final class Ops {
    private static final List<ElementwiseOp> PUBLIC = List.of(
            ArithmeticOps.ADD, ArithmeticOps.SUB, ArithmeticOps.MUL, ArithmeticOps.DIV, ArithmeticOps.NEG,
            ArithmeticOps.SQUARE, ArithmeticOps.POW,
            ArithmeticOps.addConstant(0.7), ArithmeticOps.scale(-1.3),
            ArithmeticOps.powConstant(-1.5), ArithmeticOps.powConstant(0.5), ArithmeticOps.powConstant(2),
            ArithmeticOps.powConstant(3),
            ExponentialOps.EXP, ExponentialOps.LOG, ExponentialOps.SQRT, ExponentialOps.LOG1P, ExponentialOps.EXPM1,
            ExponentialOps.ERF,
            TrigonometricOps.SIN, TrigonometricOps.COS, TrigonometricOps.ATAN,
            ActivationOps.TANH, ActivationOps.SIGMOID, ActivationOps.RELU, ActivationOps.SOFTPLUS,
            ActivationOps.leakyRelu(0.1),
            PiecewiseOps.ABS, PiecewiseOps.MAXIMUM, PiecewiseOps.MINIMUM, PiecewiseOps.clamp(-1, 1),
            ActivationOps.LOG_SIGMOID, ActivationOps.GELU, PiecewiseOps.SIGN);

    private Ops() {
    }

    /** The records behind public Scalar and Tensor methods. */
    public static List<ElementwiseOp> all() {
        return PUBLIC;
    }
}
