package io.github.chainrule.nn.loss;

import io.github.chainrule.autodiff.Tensor;
import java.util.Arrays;

/** Shape checks shared by the losses, so that every message names the loss and both shapes. */
final class Targets {
    private Targets() {
    }

    /**
     * {@code target} in {@code output}'s shape: equal shapes pass; an output (m, 1) accepts a
     * target (m) (a column of single outputs against a vector of values).
     */
    static Tensor sameShape(String loss, Tensor output, Tensor target) {
        int[] o = output.shape();
        int[] t = target.shape();
        if (Arrays.equals(o, t)) {
            return target;
        }
        if (o.length == 2 && o[1] == 1 && t.length == 1 && t[0] == o[0]) {
            return target.reshape(o);
        }
        throw new IllegalArgumentException(loss + ": output of shape " + Arrays.toString(o) + " and target of shape "
                + Arrays.toString(t) + " do not match");
    }

    /** The number of samples m: the first axis of a batch, 1 for a single sample (rank ≤ 1). */
    static int batchSize(Tensor output) {
        return output.rank() >= 2 ? output.dim(0) : 1;
    }
}
