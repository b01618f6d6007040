package io.github.chainrule.autodiff.edges;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.chainrule.autodiff.Tensor;
import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.tools.Diagnostic;
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
    void numbersInTheSeedPositionDoNotCompileWhileAGeneratorDoes() throws Exception {
        List<String> refused = List.of("Tensor.randn(3, 4)", "Tensor.rand(3, 4)", "Tensor.randn(42L, 3, 4)",
                "Tensor.rand(42L, 5)", "Tensor.randn(5)");
        String accepted = "Tensor.randn(new org.apache.commons.math3.random.Well19937c(42), 3, 4)";
        List<String> calls = new ArrayList<>(refused);
        calls.add(accepted);
        Map<String, String> errors = compile(calls);
        for (String call : refused) {
            assertTrue(errors.containsKey(call), call + " compiled, but a number before the shape must not");
        }
        assertFalse(errors.containsKey(accepted), () -> accepted + " did not compile: " + errors.get(accepted));
    }

    /** javac's errors for each call, compiled as the one statement of its own class; absent when it compiles. */
    private static Map<String, String> compile(List<String> calls) throws IOException, URISyntaxException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertNotNull(javac, "the tests run on a JDK");
        List<JavaFileObject> sources = new ArrayList<>();
        Map<URI, String> callOf = new HashMap<>();
        for (int i = 0; i < calls.size(); i++) {
            String source = "import io.github.chainrule.autodiff.Tensor;\nclass Snippet" + i + " { Object run() { return "
                    + calls.get(i) + "; } }\n";
            URI uri = URI.create("string:///Snippet" + i + ".java");
            callOf.put(uri, calls.get(i));
            sources.add(new SimpleJavaFileObject(uri, JavaFileObject.Kind.SOURCE) {
                @Override
                public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                    return source;
                }
            });
        }
        String classPath = location(Tensor.class) + File.pathSeparator + location(Well19937c.class);
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, null, null)) {
            javac.getTask(new StringWriter(), files, diagnostics, List.of("-proc:none", "-d",
                    Files.createTempDirectory("snippet").toString(), "-classpath", classPath), null, sources).call();
        }
        Map<String, String> errors = new HashMap<>();
        for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
            if (d.getKind() == Diagnostic.Kind.ERROR && d.getSource() != null) {
                errors.merge(callOf.get(d.getSource().toUri()), d.getMessage(null), (x, y) -> x + "\n" + y);
            }
        }
        return errors;
    }

    private static String location(Class<?> type) throws URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }
}
