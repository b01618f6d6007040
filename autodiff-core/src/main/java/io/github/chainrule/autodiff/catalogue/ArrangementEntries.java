package io.github.chainrule.autodiff.catalogue;

import static io.github.chainrule.autodiff.catalogue.Domain.AWAY_FROM_ZERO;
import static io.github.chainrule.autodiff.catalogue.Domain.REAL;
import static io.github.chainrule.autodiff.catalogue.StatisticsEntries.unary;

import io.github.chainrule.autodiff.Tensor;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * Catalogue entries for rearrangements (flip, tile, split, triangles), indexing along an axis,
 * einsum, products of rank above 3, and the selections and divisions by constants.
 */
final class ArrangementEntries {
    private ArrangementEntries() {
    }

    /** Chooses an operation's parameters for a sampled input. */
    private interface Chooser {
        OpCase choose(RandomGenerator rng, Tensor x, String shape);
    }

    static List<OpSpec> all() {
        return List.of(
                spec("flip", 1, (rng, x, shape) -> {
                    int[] axes = rng.nextBoolean() ? new int[] {rng.nextInt(x.rank())} : new int[] {0, -1};
                    if (x.rank() == 1) {
                        axes = new int[] {0};
                    }
                    int[] chosen = axes;
                    return unary("flip", "axes " + Arrays.toString(chosen) + " " + shape, x, t -> t.flip(chosen));
                }),
                spec("tile", 0, (rng, x, shape) -> {
                    int[] reps = counts(rng, rng.nextInt(x.rank() + 2));
                    return unary("tile", Arrays.toString(reps) + " " + shape, x, t -> t.tile(reps));
                }),
                spec("repeat", 0, (rng, x, shape) -> {
                    int[] reps = counts(rng, x.rank() + rng.nextInt(2));
                    return unary("repeat", Arrays.toString(reps) + " " + shape, x, t -> t.repeat(reps));
                }),
                spec("split", 1, (rng, x, shape) -> {
                    int axis = rng.nextInt(x.rank());
                    int size = 1 + rng.nextInt(x.dim(axis));
                    return unary("split", "size " + size + " axis " + axis + " " + shape, x,
                            t -> weighted(axis, t.split(size, axis)));
                }),
                spec("chunk", 1, (rng, x, shape) -> {
                    int axis = rng.nextInt(x.rank());
                    int chunks = 1 + rng.nextInt(4);
                    return unary("chunk", chunks + " axis " + axis + " " + shape, x,
                            t -> weighted(axis, t.chunk(chunks, axis)));
                }),
                spec("clone", 0, (rng, x, shape) -> unary("clone", shape, x, Tensor::clone)),
                spec("tril", 2, (rng, x, shape) -> {
                    int k = rng.nextInt(5) - 2;
                    return unary("tril", "k " + k + " " + shape, x, t -> t.tril(k));
                }),
                spec("triu", 2, (rng, x, shape) -> {
                    int k = rng.nextInt(5) - 2;
                    return unary("triu", "k " + k + " " + shape, x, t -> t.triu(k));
                }),
                spec("takeAlongAxis", 1, (rng, x, shape) -> {
                    int axis = rng.nextInt(x.rank());
                    int[] indexShape = x.shape();
                    indexShape[axis] = 1 + rng.nextInt(4);
                    for (int d = 0; d < indexShape.length; d++) {
                        indexShape[d] = d == axis ? indexShape[d] : 1 + rng.nextInt(indexShape[d]);
                    }
                    int[] idx = Samples.indices(rng, size(indexShape), x.dim(axis));
                    return unary("takeAlongAxis", "axis " + axis + " index" + Samples.str(indexShape) + " " + shape,
                            x, t -> t.takeAlongAxis(axis, idx, indexShape));
                }),
                spec("scatterAdd", 1, (rng, x, shape) -> {
                    int axis = rng.nextInt(x.rank());
                    int[] target = x.shape();
                    target[axis] = 1 + rng.nextInt(3);
                    int[] idx = Samples.indices(rng, x.size(), target[axis]);
                    return unary("scatterAdd", "axis " + axis + " into " + Samples.str(target) + " " + shape, x,
                            t -> t.scatterAdd(axis, idx, target));
                }),
                new OpSpec("einsum", 2, REAL, false, ArrangementEntries::einsumCase),
                new OpSpec("matmul", 2, REAL, false, ArrangementEntries::batchedMatmulCase),
                new OpSpec("maskedFill", 1, REAL, false, rng -> {
                    int[] s = Samples.shape(rng, 0, 3);
                    Tensor mask = Samples.tensor(rng, REAL, Samples.broadcastPartner(rng, s)).gt(0);
                    return unary("maskedFill", "mask" + Samples.str(mask.shape()) + " x" + Samples.str(s),
                            Samples.tensor(rng, REAL, s), t -> t.maskedFill(mask, -7.5));
                }),
                new OpSpec("rdiv", 1, AWAY_FROM_ZERO, false, rng -> {
                    int[] s = Samples.shape(rng, 0, 3);
                    return unary("rdiv", "2.5 / x" + Samples.str(s), Samples.tensor(rng, AWAY_FROM_ZERO, s),
                            t -> t.rdiv(2.5));
                }));
    }

    /** The pieces joined again, each scaled by its position + 1, so a piece sent to the wrong place shows. */
    private static Tensor weighted(int axis, Tensor[] pieces) {
        Tensor[] scaled = new Tensor[pieces.length];
        for (int p = 0; p < pieces.length; p++) {
            scaled[p] = pieces[p].mul(p + 1);
        }
        return Tensor.concat(axis, scaled);
    }

    private static int[] counts(RandomGenerator rng, int length) {
        int[] reps = new int[length];
        for (int d = 0; d < length; d++) {
            reps[d] = 1 + rng.nextInt(3);
        }
        return reps;
    }

    private static int size(int[] shape) {
        return Arrays.stream(shape).reduce(1, (p, q) -> p * q);
    }

    private static OpSpec spec(String name, int minRank, Chooser chooser) {
        return new OpSpec(name, 1, REAL, false, rng -> {
            int[] s = Samples.shape(rng, minRank, 3);
            return chooser.choose(rng, Samples.tensor(rng, REAL, s), "x" + Samples.str(s));
        });
    }

    /** A contraction of the kinds einsum is used for, with its operands' shapes. */
    private record Form(String subscripts, int[][] shapes) {
    }

    private static OpCase einsumCase(RandomGenerator rng) {
        int i = 1 + rng.nextInt(3);
        int j = 1 + rng.nextInt(3);
        int k = 1 + rng.nextInt(3);
        int b = 1 + rng.nextInt(3);
        Form[] forms = {
            new Form("ij,jk->ik", new int[][] {{i, j}, {j, k}}),
            new Form("bij,bjk->bik", new int[][] {{b, i, j}, {b, j, k}}),
            new Form("i,j->ij", new int[][] {{i}, {j}}),
            new Form("ii->", new int[][] {{i, i}}),
            new Form("ii->i", new int[][] {{i, i}}),
            new Form("i,ij,j->", new int[][] {{i}, {i, j}, {j}}),
            new Form("bi,bij,bj->b", new int[][] {{b, i}, {b, i, j}, {b, j}}),
            new Form("ij->ji", new int[][] {{i, j}}),
            new Form("ijk->", new int[][] {{i, j, k}}),
            new Form("ij,kj", new int[][] {{i, j}, {k, j}}),
            new Form("bhij,bhjk->bhik", new int[][] {{b, 2, i, j}, {b, 2, j, k}}),
            new Form("ij,ij->i", new int[][] {{i, j}, {i, j}})};
        Form form = forms[rng.nextInt(forms.length)];
        Tensor[] inputs = new Tensor[form.shapes().length];
        StringBuilder shapes = new StringBuilder();
        for (int t = 0; t < inputs.length; t++) {
            inputs[t] = Samples.tensor(rng, REAL, form.shapes()[t]);
            shapes.append(' ').append(Samples.str(form.shapes()[t]));
        }
        return new OpCase("einsum", form.subscripts() + shapes, inputs, in -> Tensor.einsum(form.subscripts(), in));
    }

    private static OpCase batchedMatmulCase(RandomGenerator rng) {
        int b = 1 + rng.nextInt(2);
        int h = 1 + rng.nextInt(3);
        int t = 1 + rng.nextInt(3);
        int d = 1 + rng.nextInt(3);
        int u = 1 + rng.nextInt(3);
        int[][][] forms = {
            {{b, h, t, d}, {b, h, d, u}}, {{1, h, t, d}, {b, 1, d, u}}, {{b, h, t, d}, {d, u}},
            {{t, d}, {b, h, d, u}}, {{d}, {b, h, d, u}}, {{b, h, t, d}, {d}}, {{2, b, h, t, d}, {h, d, u}}};
        int[][] form = forms[rng.nextInt(forms.length)];
        Function<Tensor[], Tensor> f = in -> in[0].matmul(in[1]);
        return new OpCase("matmul", "rank > 3: a" + Samples.str(form[0]) + " b" + Samples.str(form[1]),
                new Tensor[] {Samples.tensor(rng, REAL, form[0]), Samples.tensor(rng, REAL, form[1])}, f);
    }
}
