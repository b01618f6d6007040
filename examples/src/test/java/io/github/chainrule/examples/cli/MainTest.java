package io.github.chainrule.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.chainrule.examples.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
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
        Run run = run();
        assertEquals(0, run.status());
        assertTrue(run.out().contains("datasets"), run.out());
        assertEquals(Path.of(Main.DEFAULT_OUT), run.main().outputDirectory());
        assertEquals(42, run.main().seed());
        assertEquals(2, run("no-such-command").status());
    }
}
