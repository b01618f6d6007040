package io.github.chainrule.autodiff.catalogue;

import static io.github.chainrule.autodiff.catalogue.Domain.REAL;

import io.github.chainrule.autodiff.Tensor;
import java.util.List;
import org.apache.commons.math3.random.RandomGenerator;

/** Catalogue entries for reductions and the softmax family, over all elements or one axis. */
final class ReductionEntries {
    private ReductionEntries() {
    }

    /** A reduction along an axis, with keepDim. */
    private interface AxisReduction {
        Tensor apply(Tensor x, int axis, boolean keepDim);
    }

    static List<OpSpec> all() {
        return List.of(
                reduction("sum", false, Tensor::sum, Tensor::sum),
                reduction("mean", false, Tensor::mean, Tensor::mean),
                reduction("max", true, Tensor::max, Tensor::max),
                reduction("min", true, Tensor::min, Tensor::min),
                axisOnly("logSumExp", (x, axis, keep) -> x.logSumExp(axis, keep)),
                axisOnly("logSoftmax", (x, axis, keep) -> x.logSoftmax(axis)),
                axisOnly("softmax", (x, axis, keep) -> x.softmax(axis)));
    }

    private static OpSpec reduction(String name, boolean distinct, java.util.function.UnaryOperator<Tensor> whole,
                                    AxisReduction alongAxis) {
        return new OpSpec(name, 1, REAL, false, rng -> {
            int[] shape = Samples.shape(rng, 0, 3);
            Tensor x = distinct ? Samples.distinct(rng, 0.1, shape) : Samples.tensor(rng, REAL, shape);
            if (shape.length == 0 || rng.nextInt(3) == 0) {
                return new OpCase(name, "all of x" + Samples.str(shape), new Tensor[] {x}, in -> whole.apply(in[0]));
            }
            return alongAxis(name, rng, x, shape, alongAxis);
        });
    }

    private static OpSpec axisOnly(String name, AxisReduction op) {
        return new OpSpec(name, 1, REAL, false, rng -> {
            int[] shape = Samples.shape(rng, 1, 3);
            return alongAxis(name, rng, Samples.tensor(rng, REAL, shape), shape, op);
        });
    }

    private static OpCase alongAxis(String name, RandomGenerator rng, Tensor x, int[] shape, AxisReduction op) {
        int axis = rng.nextInt(shape.length) - (rng.nextBoolean() ? shape.length : 0);
        boolean keep = rng.nextBoolean();
        return new OpCase(name, "axis " + axis + (keep ? " keepDim" : "") + " x" + Samples.str(shape),
                new Tensor[] {x}, in -> op.apply(in[0], axis, keep));
    }
}
