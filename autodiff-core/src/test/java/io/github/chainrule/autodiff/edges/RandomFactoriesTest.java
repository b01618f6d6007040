package io.github.chainrule.autodiff.edges;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.chainrule.autodiff.Tensor;
import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;

/**
 * The random factories take the generator first and every int as a dimension, so that a call
 * written the NumPy way, {@code randn(3, 4)}, cannot read 3 as a seed: it does not compile.
 */
class RandomFactoriesTest {

    @Test
    void everyIntArgumentIsADimension() {
        assertArrayEquals(new int[] {3, 4}, Tensor.randn(new Well19937c(42), 3, 4).shape());
        assertArrayEquals(new int[] {3, 4}, Tensor.rand(new Well19937c(42), 3, 4).shape());
        assertArrayEquals(new int[] {5}, Tensor.randn(new Well19937c(42), 5).shape());
    }

    @Test
    void aSeededGeneratorGivesTheSameValuesAsItsOwnDraws() {
        Well19937c reference = new Well19937c(7L);
        double[] expected = {reference.nextGaussian(), reference.nextGaussian(), reference.nextGaussian()};
        assertArrayEquals(expected, Tensor.randn(new Well19937c(7L), 3).toArray());
    }

    @Test
    void numbersInTheSeedPositionDoNotCompile() throws Exception {
        for (String call : List.of("Tensor.randn(3, 4)", "Tensor.rand(3, 4)", "Tensor.randn(42L, 3, 4)",
                "Tensor.rand(42L, 5)", "Tensor.randn(5)")) {
            String errors = compile(call);
            assertTrue(errors.contains("error"), call + " compiled, but a number before the shape must not");
        }
    }

    @Test
    void aGeneratorInTheSeedPositionCompiles() throws Exception {
        assertEquals("", compile("Tensor.randn(new org.apache.commons.math3.random.Well19937c(42), 3, 4)"));
    }

    /** javac's diagnostics for a class whose one statement is {@code call}; empty when it compiles. */
    private static String compile(String call) throws IOException, URISyntaxException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertNotNull(javac, "the tests run on a JDK");
        String source = "import io.github.chainrule.autodiff.Tensor;\nclass Snippet { Object run() { return " + call
                + "; } }\n";
        JavaFileObject file = new SimpleJavaFileObject(URI.create("string:///Snippet.java"), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return source;
            }
        };
        String classPath = location(Tensor.class) + java.io.File.pathSeparator + location(Well19937c.class);
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        StringWriter out = new StringWriter();
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, null, null)) {
            javac.getTask(out, files, diagnostics, List.of("-proc:none", "-d", Files.createTempDirectory("snippet").toString(),
                    "-classpath", classPath), null, List.of(file)).call();
        }
        StringBuilder text = new StringBuilder(out.toString());
        diagnostics.getDiagnostics().forEach(d -> text.append(d.getKind() == javax.tools.Diagnostic.Kind.ERROR ? "error: " : "")
                .append(d.getMessage(null)).append('\n'));
        return diagnostics.getDiagnostics().stream().anyMatch(d -> d.getKind() == javax.tools.Diagnostic.Kind.ERROR)
                ? text.toString() : "";
    }

    private static String location(Class<?> type) throws URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }
}
