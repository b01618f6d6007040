package io.github.chainrule.autodiff.catalogue;

import static io.github.chainrule.autodiff.catalogue.Domain.REAL;

import io.github.chainrule.autodiff.Tensor;
import java.util.List;
import org.apache.commons.math3.random.RandomGenerator;

/** Catalogue entries for matrix products, over every rank combination matmul accepts. */
final class LinearAlgebraEntries {
    private LinearAlgebraEntries() {
    }

    static List<OpSpec> all() {
        return List.of(
                new OpSpec("matmul", 2, REAL, false, LinearAlgebraEntries::matmulCase),
                new OpSpec("matmulTransposed", 2, REAL, false, rng -> {
                    int batch = rng.nextBoolean() ? 0 : 1 + rng.nextInt(3);
                    int m = 1 + rng.nextInt(4);
                    int k = 1 + rng.nextInt(4);
                    int n = 1 + rng.nextInt(4);
                    int[] a = batch == 0 ? new int[] {m, k} : new int[] {batch, m, k};
                    int[] b = batch == 0 ? new int[] {n, k} : new int[] {batch, n, k};
                    return pair("matmulTransposed", rng, a, b, in -> in[0].matmulTransposed(in[1]));
                }),
                new OpSpec("linear", 3, REAL, false, rng -> {
                    int m = 1 + rng.nextInt(4);
                    int in = 1 + rng.nextInt(4);
                    int out = 1 + rng.nextInt(4);
                    int[] x = {m, in};
                    int[] w = {out, in};
                    int[] b = {out};
                    return new OpCase("linear", "x" + Samples.str(x) + " w" + Samples.str(w) + " b" + Samples.str(b),
                            new Tensor[] {Samples.tensor(rng, REAL, x), Samples.tensor(rng, REAL, w),
                                Samples.tensor(rng, REAL, b)}, in3 -> in3[0].linear(in3[1], in3[2]));
                }));
    }

    private static OpCase matmulCase(RandomGenerator rng) {
        int m = 1 + rng.nextInt(4);
        int k = 1 + rng.nextInt(4);
        int n = 1 + rng.nextInt(4);
        int batch = 1 + rng.nextInt(3);
        int[][][] forms = {
            {{k}, {k}}, {{m, k}, {k}}, {{k}, {k, n}}, {{m, k}, {k, n}},
            {{batch, m, k}, {batch, k, n}}, {{batch, m, k}, {k, n}}, {{m, k}, {batch, k, n}},
            {{1, m, k}, {batch, k, n}}, {{batch, m, k}, {k}}};
        int[][] form = forms[rng.nextInt(forms.length)];
        return pair("matmul", rng, form[0], form[1], in -> in[0].matmul(in[1]));
    }

    private static OpCase pair(String name, RandomGenerator rng, int[] a, int[] b,
                               java.util.function.Function<Tensor[], Tensor> f) {
        return new OpCase(name, "a" + Samples.str(a) + " b" + Samples.str(b),
                new Tensor[] {Samples.tensor(rng, REAL, a), Samples.tensor(rng, REAL, b)}, f);
    }
}
