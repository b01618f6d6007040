package io.github.chainrule.autodiff.catalogue;

import static io.github.chainrule.autodiff.catalogue.Domain.AWAY_FROM_ZERO;
import static io.github.chainrule.autodiff.catalogue.Domain.REAL;

import io.github.chainrule.autodiff.Tensor;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.apache.commons.math3.random.RandomGenerator;

/** Catalogue entries for variance, norms, products, running sums and sorting. */
final class StatisticsEntries {
    private StatisticsEntries() {
    }

    /** Chooses an operation's parameters for a sampled input. */
    private interface Chooser {
        OpCase choose(RandomGenerator rng, Tensor x, String shape);
    }

    static List<OpSpec> all() {
        return List.of(
                spec("var", REAL, (rng, x, shape) -> {
                    if (rng.nextInt(4) == 0 && x.size() > 1) {
                        return unary("var", "all of " + shape, x, Tensor::var);
                    }
                    int axis = longAxis(rng, x);
                    int correction = rng.nextInt(Math.min(3, x.dim(axis)));
                    boolean keep = rng.nextBoolean();
                    return unary("var", "axis " + axis + " correction " + correction + (keep ? " keepDim " : " ")
                            + shape, x, t -> t.var(axis, correction, keep));
                }),
                spec("std", REAL, (rng, x, shape) -> {
                    int axis = longAxis(rng, x);
                    int correction = rng.nextInt(Math.min(3, x.dim(axis)));
                    boolean keep = rng.nextBoolean();
                    return unary("std", "axis " + axis + " correction " + correction + (keep ? " keepDim " : " ")
                            + shape, x, t -> t.std(axis, correction, keep));
                }),
                spec("norm", AWAY_FROM_ZERO, (rng, x, shape) -> {
                    double p = new double[] {1, 2, 3, 1.5, Double.POSITIVE_INFINITY}[rng.nextInt(5)];
                    int choice = rng.nextInt(3);
                    if (choice == 0) {
                        return unary("norm", "p " + p + " all of " + shape, x, t -> t.norm(p));
                    }
                    boolean keep = rng.nextBoolean();
                    if (choice == 1 || x.rank() < 2) {
                        int axis = rng.nextInt(x.rank());
                        return unary("norm", "p " + p + " axis " + axis + " " + shape, x, t -> t.norm(p, axis, keep));
                    }
                    int[] axes = {x.rank() - 1, 0};
                    return unary("norm", "p " + p + " axes " + Arrays.toString(axes) + " " + shape, x,
                            t -> t.norm(p, axes, keep));
                }),
                new OpSpec("prod", 1, REAL, false, rng -> {
                    int[] s = Samples.shape(rng, 1, 3);
                    double[] values = Samples.tensor(rng, REAL, s).toArray();
                    int zeros = rng.nextInt(3);
                    for (int z = 0; z < zeros; z++) {
                        values[rng.nextInt(values.length)] = 0;
                    }
                    Tensor x = Tensor.of(values, s);
                    String shape = zeros + " zeros x" + Samples.str(s);
                    if (rng.nextInt(4) == 0) {
                        return unary("prod", "all of " + shape, x, Tensor::prod);
                    }
                    int axis = rng.nextInt(s.length);
                    boolean keep = rng.nextBoolean();
                    return unary("prod", "axis " + axis + " " + shape, x, t -> t.prod(axis, keep));
                }),
                spec("cumsum", REAL, (rng, x, shape) -> {
                    int axis = rng.nextInt(x.rank()) - (rng.nextBoolean() ? x.rank() : 0);
                    return unary("cumsum", "axis " + axis + " " + shape, x, t -> t.cumsum(axis));
                }),
                distinct("sort", (rng, x, shape) -> {
                    int axis = rng.nextInt(x.rank());
                    boolean descending = rng.nextBoolean();
                    return unary("sort", "axis " + axis + (descending ? " descending " : " ") + shape, x,
                            t -> t.sort(axis, descending).values());
                }),
                distinct("topk", (rng, x, shape) -> {
                    int axis = rng.nextInt(x.rank());
                    int k = rng.nextInt(x.dim(axis) + 1);
                    boolean largest = rng.nextBoolean();
                    return unary("topk", "k " + k + " axis " + axis + (largest ? " largest " : " smallest ") + shape,
                            x, t -> t.topk(k, axis, largest).values());
                }));
    }

    /** An axis of length 2 or more when there is one (a variance needs N − correction > 0). */
    private static int longAxis(RandomGenerator rng, Tensor x) {
        int axis = rng.nextInt(x.rank());
        for (int d = 0; d < x.rank() && x.dim(axis) < 2; d++) {
            axis = d;
        }
        return axis;
    }

    private static OpSpec spec(String name, Domain domain, Chooser chooser) {
        return new OpSpec(name, 1, domain, false, rng -> {
            int[] s = Samples.shape(rng, 1, 3);
            if (name.equals("var") || name.equals("std")) {
                s[0] = Math.max(2, s[0]);
            }
            return chooser.choose(rng, Samples.tensor(rng, domain, s), "x" + Samples.str(s));
        });
    }

    private static OpSpec distinct(String name, Chooser chooser) {
        return new OpSpec(name, 1, REAL, false, rng -> {
            int[] s = Samples.shape(rng, 1, 3);
            return chooser.choose(rng, Samples.distinct(rng, 0.1, s), "x" + Samples.str(s));
        });
    }

    static OpCase unary(String name, String description, Tensor x, Function<Tensor, Tensor> op) {
        return new OpCase(name, description, new Tensor[] {x}, in -> op.apply(in[0]));
    }
}
