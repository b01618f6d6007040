package io.github.chainrule.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.chainrule.examples.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class MainTest {

    @TempDir
    Path dir;

    private record Run(int status, String out, Main main) {
    }

    private static Run run(String... args) {
        Main main = new Main();
        CommandLine cli = new CommandLine(main);
        StringWriter out = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(out));
        int status = cli.execute(args);
        return new Run(status, out.toString(), main);
    }

    @Test
    void datasetsListsTheBundledDigits() {
        Run run = run("datasets");
        assertEquals(0, run.status(), run.out());
        assertTrue(run.out().contains("digits"), run.out());
        assertTrue(run.out().contains("1797 rows x 64 features"), run.out());
        assertTrue(run.out().contains("fashion-mnist"), run.out());
    }

    @Test
    void datasetsExplainsAMissingFashionMnist() {
        Run run = run("datasets", "--fashion-dir", dir.toString());
        assertEquals(0, run.status());
        assertTrue(run.out().contains("not found in " + dir), run.out());
        assertTrue(run.out().contains("sudo apt-get install dataset-fashion-mnist"), run.out());
    }

    @Test
    void sharedOptionsWorkBeforeAndAfterTheSubcommand() {
        Run before = run("--seed", "7", "--out", dir.toString(), "datasets");
        assertEquals(7, before.main().seed());
        assertEquals(dir, before.main().outputDirectory());
        Run after = run("datasets", "--seed", "9", "-o", dir.toString());
        assertEquals(0, after.status(), after.out());
        assertEquals(9, after.main().seed());
        assertEquals(dir, after.main().outputDirectory());
        assertTrue(after.out().contains("seed 9"), after.out());
    }

    @Test
    void defaultsAndUsage() {
        Main main = new Main();
        new CommandLine(main).parseArgs();
        assertEquals(Path.of(Main.DEFAULT_OUT), main.outputDirectory());
        assertEquals(42, main.seed());
        Run help = run("help");
        assertEquals(0, help.status());
        for (String command : new String[] {"digits", "fashion-mnist", "delta-rule", "moons", "custom-loss", "graph",
            "newton", "datasets"}) {
            assertTrue(help.out().contains(command), help.out());
        }
        assertEquals(2, run("no-such-command").status());
    }

    @Test
    void withoutASubcommandTheDigitsJobRuns() {
        Run run = run("--out", dir.toString());
        assertEquals(0, run.status(), run.out());
        assertTrue(run.out().contains("running the default job, digits"), run.out());
        assertTrue(run.out().contains("test accuracy"), run.out());
        assertTrue(Files.isRegularFile(dir.resolve("digits-mlp.safetensors")), run.out());
        assertTrue(Files.isRegularFile(dir.resolve("digits-training.png")), run.out());
    }

    @Test
    void everyExampleRunsFromTheCommandLine() {
        for (String[] args : new String[][] {{"delta-rule"}, {"newton"}, {"graph"}, {"moons", "--steps", "5"}}) {
            String[] full = new String[args.length + 2];
            System.arraycopy(args, 0, full, 0, args.length);
            full[args.length] = "--out";
            full[args.length + 1] = dir.toString();
            Run run = run(full);
            assertEquals(0, run.status(), String.join(" ", args) + ":\n" + run.out());
        }
        assertTrue(Files.isRegularFile(dir.resolve("graph-mlp.dot")));
        assertTrue(Files.isRegularFile(dir.resolve("moons-boundary.png")));
    }

    @Test
    void fashionMnistWithoutFilesFailsWithTheInstallHint() {
        Run run = run("fashion-mnist", "--data", dir.toString(), "--out", dir.toString());
        assertEquals(1, run.status());
        assertTrue(run.out().contains("sudo apt-get install dataset-fashion-mnist"), run.out());
    }
}
