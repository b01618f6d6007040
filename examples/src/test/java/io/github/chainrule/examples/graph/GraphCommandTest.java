package io.github.chainrule.examples.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.chainrule.examples.graphviz.Graphviz;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GraphCommandTest {

    @TempDir
    Path dir;

    @Test
    void writesDotWithValuesAndGradientsAndSvgWhenGraphvizIsInstalled() throws Exception {
        List<Graphviz.Result> results = GraphCommand.run(1, dir, new PrintWriter(new StringWriter()));
        assertEquals(2, results.size());
        for (Graphviz.Result r : results) {
            String dot = Files.readString(r.dot());
            assertTrue(dot.startsWith("digraph"), dot);
            assertTrue(dot.contains("grad"), dot);
            assertEquals(Graphviz.findDot().isPresent(), r.svgWritten(), r.message());
            if (r.svgWritten()) {
                assertTrue(Files.readString(r.svg().orElseThrow()).contains("<svg"));
            }
        }
        // micrograd's neuron: do/dn = 1 - tanh(n)^2 = 0.5, and x1's gradient is w1 * 0.5 = -1.5.
        String neuron = Files.readString(results.get(0).dot());
        assertTrue(neuron.contains("grad 0.5"), neuron);
        assertTrue(neuron.contains("grad -1.5"), neuron);
        assertTrue(!neuron.contains("grad none"), "every node should show a gradient:\n" + neuron);
    }
}
