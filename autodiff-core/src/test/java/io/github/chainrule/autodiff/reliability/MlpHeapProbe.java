package io.github.chainrule.autodiff.reliability;

import io.github.chainrule.autodiff.Grad;
import io.github.chainrule.autodiff.Tensor;
import org.apache.commons.math3.random.Well19937c;

/**
 * Trains a 2-layer MLP (core tensor ops only, manual SGD in a no-grad scope) for a number of
 * steps and prints the heap in use after a full GC at chosen steps, one {@code HEAP step used}
 * line each. Run in its own JVM by {@link GraphMemoryTest} under a small -Xmx.
 */
public final class MlpHeapProbe {
    private MlpHeapProbe() {
    }

    /** Arguments: total steps, then the steps at which to report the heap. */
    public static void main(String[] args) {
        int steps = Integer.parseInt(args[0]);
        java.util.Set<Integer> report = new java.util.HashSet<>();
        for (int i = 1; i < args.length; i++) {
            report.add(Integer.parseInt(args[i]));
        }
        Tensor x = Tensor.randn(new Well19937c(1L), 16, 8);
        Tensor y = x.sum(1, true).tanh();
        Tensor w1 = Tensor.randn(new Well19937c(2L), 8, 32).mul(0.3).requiresGrad();
        Tensor b1 = Tensor.zeros(32).requiresGrad();
        Tensor w2 = Tensor.randn(new Well19937c(3L), 32, 1).mul(0.3).requiresGrad();
        Tensor b2 = Tensor.zeros(1).requiresGrad();
        double lr = 0.05;
        double loss = 0;
        for (int step = 1; step <= steps; step++) {
            Tensor out = x.matmul(w1).add(b1).tanh().matmul(w2).add(b2);
            Tensor l = out.sub(y).square().mean();
            l.backward();
            loss = l.item();
            try (Grad.Scope off = Grad.disabled()) {
                w1 = w1.sub(w1.grad().mul(lr)).requiresGrad();
                b1 = b1.sub(b1.grad().mul(lr)).requiresGrad();
                w2 = w2.sub(w2.grad().mul(lr)).requiresGrad();
                b2 = b2.sub(b2.grad().mul(lr)).requiresGrad();
            }
            if (report.contains(step)) {
                System.out.println("HEAP " + step + " " + usedAfterGc() + " loss " + loss);
            }
        }
    }

    private static long usedAfterGc() {
        Runtime rt = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            used = Math.min(used, rt.totalMemory() - rt.freeMemory());
        }
        return used;
    }
}
