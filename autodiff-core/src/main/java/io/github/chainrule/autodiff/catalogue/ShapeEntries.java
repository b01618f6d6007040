package io.github.chainrule.autodiff.catalogue;

import static io.github.chainrule.autodiff.catalogue.Domain.REAL;

import io.github.chainrule.autodiff.Tensor;
import java.util.List;
import java.util.function.Function;
import org.apache.commons.math3.random.RandomGenerator;

/** Catalogue entries for operations that move elements: shape changes, slicing, indexing. */
final class ShapeEntries {
    private ShapeEntries() {
    }

    static List<OpSpec> all() {
        return List.of(
                spec("reshape", 0, (rng, x) -> new Param("to (" + x.size() + ",1)", t -> t.reshape(-1, 1))),
                spec("flatten", 0, (rng, x) -> new Param("", Tensor::flatten)),
                spec("permute", 2, (rng, x) -> {
                    int[] perm = x.rank() == 2 ? new int[] {1, 0} : new int[] {2, 0, 1};
                    return new Param("axes " + java.util.Arrays.toString(perm), t -> t.permute(perm));
                }),
                spec("transpose", 2, (rng, x) -> new Param("last two", Tensor::transpose)),
                spec("unsqueeze", 0, (rng, x) -> {
                    int axis = rng.nextInt(x.rank() + 1);
                    return new Param("axis " + axis, t -> t.unsqueeze(axis));
                }),
                spec("squeeze", 0, (rng, x) -> new Param("axis 0 of unsqueezed", t -> t.unsqueeze(0).squeeze(0))),
                spec("broadcastTo", 0, (rng, x) -> {
                    int[] target = new int[x.rank() + 1];
                    target[0] = 2;
                    System.arraycopy(x.shape(), 0, target, 1, x.rank());
                    return new Param("to " + Samples.str(target), t -> t.broadcastTo(target));
                }),
                spec("sumToShape", 1, (rng, x) -> {
                    int[] target = x.shape();
                    target[0] = 1;
                    return new Param("to " + Samples.str(target), t -> t.sumToShape(target));
                }),
                spec("slice", 1, (rng, x) -> {
                    int axis = rng.nextInt(x.rank());
                    int start = rng.nextInt(x.dim(axis));
                    int end = start + 1 + rng.nextInt(x.dim(axis) - start);
                    return new Param("axis " + axis + " [" + start + "," + end + ")", t -> t.slice(axis, start, end));
                }),
                spec("select", 1, (rng, x) -> {
                    int axis = rng.nextInt(x.rank());
                    int index = rng.nextInt(x.dim(axis));
                    return new Param("axis " + axis + " index " + index, t -> t.select(axis, index));
                }),
                spec("pad", 1, (rng, x) -> {
                    int axis = rng.nextInt(x.rank());
                    int before = rng.nextInt(3);
                    int after = rng.nextInt(3);
                    return new Param("axis " + axis + " " + before + "+" + after, t -> t.pad(axis, before, after));
                }),
                spec("indexSelect", 1, (rng, x) -> {
                    int axis = rng.nextInt(x.rank());
                    int[] idx = Samples.indices(rng, 1 + rng.nextInt(5), x.dim(axis));
                    return new Param("axis " + axis + " " + java.util.Arrays.toString(idx), t -> t.indexSelect(axis, idx));
                }),
                spec("indexAdd", 1, (rng, x) -> {
                    int axis = rng.nextInt(x.rank());
                    int length = 1 + rng.nextInt(4);
                    int[] idx = Samples.indices(rng, x.dim(axis), length);
                    return new Param("axis " + axis + " into " + length, t -> t.indexAdd(axis, idx, length));
                }),
                spec("gather", 1, (rng, x) -> {
                    int axis = rng.nextInt(x.rank());
                    int[] idx = Samples.indices(rng, x.size() / x.dim(axis), x.dim(axis));
                    return new Param("axis " + axis, t -> t.gather(axis, idx));
                }),
                spec("scatter", 0, (rng, x) -> {
                    int axis = rng.nextInt(x.rank() + 1);
                    int length = 1 + rng.nextInt(3);
                    int[] idx = Samples.indices(rng, x.size(), length);
                    return new Param("axis " + axis + " length " + length, t -> t.scatter(axis, idx, length));
                }),
                new OpSpec("concat", 2, REAL, false, rng -> joined("concat", rng, false)),
                new OpSpec("stack", 2, REAL, false, rng -> joined("stack", rng, true)));
    }

    /** The operation's parameters, chosen for a sampled input. */
    private record Param(String description, Function<Tensor, Tensor> op) {
    }

    /** Chooses parameters for an input. */
    private interface ParamChooser {
        Param choose(RandomGenerator rng, Tensor x);
    }

    private static OpSpec spec(String name, int minRank, ParamChooser chooser) {
        return new OpSpec(name, 1, REAL, false, rng -> {
            int[] shape = Samples.shape(rng, minRank, 3);
            Tensor x = Samples.tensor(rng, REAL, shape);
            Param param = chooser.choose(rng, x);
            return new OpCase(name, param.description() + " x" + Samples.str(shape), new Tensor[] {x},
                    in -> param.op().apply(in[0]));
        });
    }

    private static OpCase joined(String name, RandomGenerator rng, boolean stack) {
        int[] shape = Samples.shape(rng, 1, 3);
        int axis = rng.nextInt(shape.length);
        int[] other = shape.clone();
        if (!stack) {
            other[axis] = 1 + rng.nextInt(3);
        }
        Tensor a = Samples.tensor(rng, REAL, shape);
        Tensor b = Samples.tensor(rng, REAL, other);
        return new OpCase(name, "axis " + axis + " a" + Samples.str(shape) + " b" + Samples.str(other),
                new Tensor[] {a, b}, in -> stack ? Tensor.stack(axis, in[0], in[1]) : Tensor.concat(axis, in[0], in[1]));
    }
}
