package io.github.chainrule.nn.optim;

import org.apache.commons.math3.random.Well19937c;
import static io.github.chainrule.nn.optim.OptimizerTestSupport.named;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.chainrule.autodiff.Tensor;
import io.github.chainrule.nn.Parameter;
import java.util.Map;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

/** The fused step on parameters large enough to be split into chunks across threads. */
class ParallelStepTest {
    private static final int N = ParallelPasses.MIN_PARALLEL + 5 * ParallelPasses.CHUNK + 123;   // a ragged last chunk

    @Test
    void everyChunkIsVisitedOnceWhateverTheThreadCount() {
        for (int threads = 1; threads <= 4; threads++) {
            AtomicIntegerArray visits = new AtomicIntegerArray(ParallelPasses.chunks(N));
            ParallelPasses.forEachChunk(N, visits::incrementAndGet, threads);
            for (int c = 0; c < visits.length(); c++) {
                assertEquals(1, visits.get(c), threads + " threads, chunk " + c);
            }
        }
    }

    @Test
    void aFailureInAChunkOnAnotherThreadReachesTheCaller() {
        IllegalStateException boom = new IllegalStateException("chunk 5");
        AtomicIntegerArray visits = new AtomicIntegerArray(ParallelPasses.chunks(N));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> ParallelPasses.forEachChunk(N, c -> {
            visits.incrementAndGet(c);
            if (c == 5) {
                throw boom;
            }
        }, 3));
        assertSame(boom, e);
        // whichever thread ran chunk 5, every other chunk still ran, once
        for (int c = 0; c < visits.length(); c++) {
            assertEquals(1, visits.get(c), "chunk " + c);
        }
    }

    private static double[] values(long seed) {
        return Tensor.randn(new Well19937c(seed), N).toArray();
    }

    @Test
    void adamOnALargeParameterEqualsTheFormulaElementByElement() {
        double[] w0 = values(1);
        double[] g = values(2);
        Parameter p = Parameter.of(Tensor.vector(w0));
        Adam adam = new Adam(named("w", p), 0.01);
        for (int t = 1; t <= 2; t++) {
            p.setGrad(Tensor.vector(g));
            adam.step();
        }
        // two steps with the same g: m₂ = (0.9·0.1 + 0.1) g, v₂ = (0.999·0.001 + 0.001) g²
        double[] w = p.value().toArray();
        for (int i = 0; i < N; i += 997) {
            double m1 = 0.1 * g[i];
            double v1 = 0.001 * g[i] * g[i];
            double w1 = w0[i] - 0.01 * (m1 / 0.1) / (Math.sqrt(v1 / (1 - 0.999)) + 1e-8);
            double m2 = 0.9 * m1 + 0.1 * g[i];
            double v2 = 0.999 * v1 + 0.001 * g[i] * g[i];
            double w2 = w1 - 0.01 * (m2 / (1 - 0.81)) / (Math.sqrt(v2 / (1 - 0.999 * 0.999)) + 1e-8);
            assertEquals(w2, w[i], 1e-15, "element " + i);
        }
    }

    @Test
    void aNanInTheLastChunkLeavesTheWholeLargeParameterAndTheMomentumUnchanged() {
        double[] w0 = values(3);
        Parameter big = Parameter.of(Tensor.vector(w0));
        Parameter small = Parameter.of(Tensor.vector(1, 2));
        Map<String, Parameter> params = named("small", small);
        params.put("big", big);
        SGD sgd = new SGD(params, 0.1).momentum(0.9);
        small.setGrad(Tensor.vector(1, 1));
        big.setGrad(Tensor.vector(values(4)));
        sgd.step();
        Map<String, Tensor> stateBefore = sgd.stateDict();
        double[] wBefore = big.value().toArray();

        double[] g = values(5);
        g[N - 1] = Double.NaN;
        small.setGrad(Tensor.vector(1, 1));
        big.setGrad(Tensor.vector(g));
        IllegalStateException e = assertThrows(IllegalStateException.class, sgd::step);
        assertEquals("SGD.step: parameter 'big': gradient is NaN at index " + (N - 1) + "; no parameter was changed",
                e.getMessage());
        assertArrayEquals(wBefore, big.value().toArray(), 0);
        assertArrayEquals(new double[] {0.9, 1.9}, small.value().toArray(), 1e-15);
        for (Map.Entry<String, Tensor> s : stateBefore.entrySet()) {
            assertArrayEquals(s.getValue().toArray(), sgd.stateDict().get(s.getKey()).toArray(), 0, s.getKey());
        }
    }
}
