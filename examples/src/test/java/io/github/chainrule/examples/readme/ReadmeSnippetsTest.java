package io.github.chainrule.examples.readme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every README code block marked {@code <!-- tested -->} compiles and runs exactly as written:
 * its import lines become the imports of a class and the rest the body of a method, which is
 * compiled against the test class path and run. Where a block states its output in a comment
 * ({@code // prints: …}), the output must contain it.
 */
class ReadmeSnippetsTest {
    private static final Path README = Path.of("..", "README.md");
    private static final Pattern TESTED_BLOCK = Pattern.compile("<!-- tested -->\\s*\\n```java\\n(.*?)\\n```",
            Pattern.DOTALL);
    private static final Pattern PRINTS = Pattern.compile("// prints: (.*)$", Pattern.MULTILINE);

    @TempDir
    Path dir;

    static List<String> testedBlocks(String markdown) {
        List<String> blocks = new ArrayList<>();
        Matcher m = TESTED_BLOCK.matcher(markdown);
        while (m.find()) {
            blocks.add(m.group(1));
        }
        return blocks;
    }

    /** A class whose {@code run()} is the block's code, its imports moved to the top. */
    static String asClass(String name, String block) {
        StringBuilder imports = new StringBuilder();
        StringBuilder body = new StringBuilder();
        for (String line : block.split("\n", -1)) {
            (line.startsWith("import ") ? imports : body).append(line).append('\n');
        }
        return imports + "public class " + name + " {\n    public static void run() throws Exception {\n" + body
                + "    }\n}\n";
    }

    @Test
    void everyTestedBlockCompilesAndRunsAsWritten() throws Exception {
        List<String> blocks = testedBlocks(Files.readString(README));
        assertTrue(blocks.size() >= 4, "expected the README's tested blocks, found " + blocks.size());
        for (int i = 0; i < blocks.size(); i++) {
            String block = blocks.get(i);
            String output = compileAndRun("ReadmeBlock" + i, block);
            Matcher expected = PRINTS.matcher(block);
            while (expected.find()) {
                String line = expected.group(1).strip();
                assertTrue(output.contains(line), () -> "README block should print '" + line + "' but printed:\n"
                        + output + "\n--- block:\n" + block);
            }
        }
    }

    @Test
    void theConsumerExampleIsTheReadmesFirstProgram() throws Exception {
        String block = testedBlocks(Files.readString(README)).stream()
                .filter(b -> b.contains("KernelProvider.get().name()")).findFirst()
                .orElseThrow(() -> new AssertionError("no tested README block prints the kernels"));
        List<String> program = Files.readAllLines(
                Path.of("..", "docs", "consumer-example", "src", "main", "java", "example", "Main.java")).stream()
                .map(String::strip).toList();
        for (String line : block.split("\n")) {
            if (!line.isBlank()) {
                assertTrue(program.contains(line.strip()), "docs/consumer-example's Main lacks the README's line: " + line);
            }
        }
    }

    @Test
    void theJShellStartupImportsResolve() throws Exception {
        StringBuilder block = new StringBuilder();
        for (String line : Files.readAllLines(Path.of("..", "chainrule.jsh"))) {
            if (line.startsWith("import ")) {
                block.append(line).append('\n');
            }
        }
        assertTrue(block.length() > 0);
        block.append("System.out.println(java.util.Arrays.toString(Tensor.vector(1, 2).plus(Tensor.vector(3, 4)).toArray()));\n");
        assertEquals("[4.0, 6.0]", compileAndRun("JShellImports", block.toString()).strip());
    }

    @Test
    void theExtractionSeesImportsAndBody() {
        String md = "text\n<!-- tested -->\n```java\nimport a.B;\nB.run();\n```\n```java\nnot tested\n```\n";
        List<String> blocks = testedBlocks(md);
        assertEquals(List.of("import a.B;\nB.run();"), blocks);
        String cls = asClass("X", blocks.get(0));
        assertTrue(cls.startsWith("import a.B;\npublic class X {"), cls);
        assertTrue(cls.contains("B.run();"), cls);
    }

    private String compileAndRun(String name, String block) throws Exception {
        Path source = dir.resolve(name + ".java");
        Files.writeString(source, asClass(name, block));
        Path classes = Files.createDirectories(dir.resolve("classes"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int rc = javac.run(null, null, errors, "-d", classes.toString(), "-cp", System.getProperty("java.class.path"),
                "-proc:none", "-encoding", "UTF-8", source.toString());
        assertEquals(0, rc, () -> "README block does not compile:\n" + errors.toString(StandardCharsets.UTF_8)
                + "\n--- as class:\n" + asClass(name, block));
        PrintStream original = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
                getClass().getClassLoader())) {
            Method run = loader.loadClass(name).getMethod("run");
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            try {
                run.invoke(null);
            } catch (InvocationTargetException e) {
                throw new AssertionError("README block " + name + " threw:\n" + block, e.getCause());
            } finally {
                System.setOut(original);
            }
        }
        String out = printed.toString(StandardCharsets.UTF_8);
        original.print("[" + name + "]\n" + out);
        return out;
    }
}
