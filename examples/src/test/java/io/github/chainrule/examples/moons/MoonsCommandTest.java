package io.github.chainrule.examples.moons;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MoonsCommandTest {

    @TempDir
    Path dir;

    @Test
    void scalarMlpSeparatesTheMoonsAsMicrogradDoes() throws Exception {
        StringWriter text = new StringWriter();
        MoonsCommand.Report report = MoonsCommand.run(100, 100, 42, dir, new PrintWriter(text));
        assertTrue(report.accuracy() >= 0.95, "accuracy " + report.accuracy() + "\n" + text);
        assertTrue(report.loss() < 0.1, "loss " + report.loss());
        assertNotNull(ImageIO.read(report.boundary().toFile()));
    }
}
