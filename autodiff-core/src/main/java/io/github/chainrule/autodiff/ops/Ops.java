package io.github.chainrule.autodiff.ops;

import java.util.List;

/**
 * Every elementwise operation record, in a stable order: what the op catalogue, the
 * completeness test and the scalar/tensor agreement tests iterate over. Records with a
 * parameter appear with the parameters the catalogue samples them at.
 */
public final class Ops {
    private static final List<ElementwiseOp> PUBLIC = List.of(
            ArithmeticOps.NEG, ExponentialOps.EXP, ExponentialOps.LOG, ExponentialOps.SQRT, PiecewiseOps.ABS,
            ActivationOps.TANH, ActivationOps.SIGMOID, ActivationOps.RELU, ActivationOps.leakyRelu(0.1),
            ActivationOps.SOFTPLUS, TrigonometricOps.SIN, TrigonometricOps.COS, ArithmeticOps.SQUARE,
            PiecewiseOps.clamp(-1, 1),
            ArithmeticOps.powConstant(-1.5), ArithmeticOps.powConstant(0.5), ArithmeticOps.powConstant(2),
            ArithmeticOps.powConstant(3), ArithmeticOps.addConstant(0.7), ArithmeticOps.scale(-1.3),
            ArithmeticOps.ADD, ArithmeticOps.SUB, ArithmeticOps.MUL, ArithmeticOps.DIV, ArithmeticOps.POW,
            PiecewiseOps.MAXIMUM, PiecewiseOps.MINIMUM,
            TrigonometricOps.ATAN, ExponentialOps.ERF, ExponentialOps.LOG1P, ExponentialOps.EXPM1,
            ActivationOps.LOG_SIGMOID, ActivationOps.GELU, PiecewiseOps.SIGN);

    private Ops() {
    }

    /** The records behind public Scalar and Tensor methods. */
    public static List<ElementwiseOp> all() {
        return PUBLIC;
    }
}
