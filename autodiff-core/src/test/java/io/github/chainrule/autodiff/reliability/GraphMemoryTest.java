package io.github.chainrule.autodiff.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.chainrule.autodiff.Tensor;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.lang.ref.WeakReference;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.apache.commons.math3.random.Well19937c;

/** A finished graph is garbage: nothing in the engine keeps it alive. */
class GraphMemoryTest {
    private static final long MB = 1024 * 1024;

    /** Builds and differentiates a graph from {@code w}; returns a weak handle on an intermediate. */
    private static WeakReference<Tensor> trainStep(Tensor w) {
        Tensor hidden = Tensor.ones(4, 3).matmul(w).tanh();
        Tensor loss = hidden.sum();
        loss.backward();
        return new WeakReference<>(hidden);
    }

    @Test
    void finishedGraphNodesAreCollectedWhileLeavesKeepTheirGradients() throws InterruptedException {
        Tensor w = Tensor.randn(new Well19937c(7L), 3, 2).requiresGrad();
        List<WeakReference<Tensor>> graphs = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            graphs.add(trainStep(w));
        }
        for (int attempt = 0; attempt < 20 && graphs.stream().anyMatch(r -> r.get() != null); attempt++) {
            System.gc();
            Thread.sleep(20);
        }
        for (WeakReference<Tensor> graph : graphs) {
            assertNull(graph.get(), "a finished graph's node is still reachable");
        }
        assertEquals(2, w.grad().rank());
    }

    @Test
    void tenThousandMlpStepsKeepAFlatHeapUnder256Mb() throws Exception {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        Process process = new ProcessBuilder(java, "-Xmx256m", "-XX:+UseSerialGC", "-cp", classpath,
                MlpHeapProbe.class.getName(), "10000", "1000", "10000").redirectErrorStream(true).start();
        List<Long> used = new ArrayList<>();
        StringBuilder output = new StringBuilder();
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                output.append(line).append('\n');
                if (line.startsWith("HEAP ")) {
                    used.add(Long.parseLong(line.split(" ")[2]));
                }
            }
        }
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "probe did not finish");
        assertEquals(0, process.exitValue(), output.toString());
        assertEquals(2, used.size(), output.toString());
        long growth = used.get(1) - used.get(0);
        System.out.printf("[heap] used after GC: step 1000 %.2f MB, step 10000 %.2f MB, growth %.2f MB%n",
                used.get(0) / (double) MB, used.get(1) / (double) MB, growth / (double) MB);
        assertTrue(growth < 4 * MB, "heap grew by " + growth / MB + " MB over 9000 steps:\n" + output);
    }
}
