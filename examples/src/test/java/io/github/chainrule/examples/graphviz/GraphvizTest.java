package io.github.chainrule.examples.graphviz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GraphvizTest {

    @TempDir
    Path dir;

    private static final String DOT = "digraph g { rankdir=LR; a [label=\"a = 2.0\"]; b; c [label=\"*\"]; a -> c; b -> c; }\n";

    @Test
    void writesTheDotFileAndTheSvgWhenDotIsInstalled() throws IOException {
        Graphviz.Result result = Graphviz.render(DOT, dir.resolve("graphs/expr.dot"));
        assertEquals(DOT, Files.readString(result.dot()));
        if (Graphviz.findDot().isPresent()) {
            assertTrue(result.svgWritten(), result.message());
            Path svg = result.svg().orElseThrow();
            assertEquals(dir.resolve("graphs/expr.svg"), svg);
            assertTrue(Files.readString(svg).contains("<svg"), "not an SVG");
        } else {
            assertFalse(result.svgWritten());
            assertTrue(result.message().contains("graphviz"), result.message());
        }
    }

    @Test
    void reportsBrokenDotTextWithoutThrowing() throws IOException {
        Graphviz.Result result = Graphviz.render("digraph { a -> ", dir.resolve("broken.dot"));
        assertTrue(Files.exists(result.dot()));
        assertFalse(result.svgWritten());
        assertFalse(Files.exists(dir.resolve("broken.svg")));
    }

    @Test
    void svgPathReplacesTheExtension() {
        assertEquals(Path.of("out/g.svg"), Graphviz.svgPath(Path.of("out/g.dot")));
        assertEquals(Path.of("out/g.svg"), Graphviz.svgPath(Path.of("out/g")));
    }
}
