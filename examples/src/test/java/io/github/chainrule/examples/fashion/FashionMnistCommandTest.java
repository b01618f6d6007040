package io.github.chainrule.examples.fashion;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.chainrule.examples.data.FashionMnist;
import io.github.chainrule.examples.data.MissingDataException;
import io.github.chainrule.safetensors.SafeTensors;
import io.github.chainrule.nn.train.ProgressMode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FashionMnistCommandTest {

    @TempDir
    Path dir;

    @Test
    void learnsFromTheFirstThreeThousandImages() throws Exception {
        assumeTrue(FashionMnist.missingFiles(FashionMnist.DEFAULT_DIR).isEmpty(),
                "Fashion-MNIST not installed in " + FashionMnist.DEFAULT_DIR);
        StringWriter text = new StringWriter();
        FashionMnistCommand.Report report = FashionMnistCommand.run(new FashionMnistCommand.Config(
                FashionMnist.DEFAULT_DIR, 3000, 4, new int[] {128}, 0.001, 64, 42, ProgressMode.NEVER),
                dir, new PrintWriter(text));
        // 3,000 images and 4 epochs give about 80 %; chance is 10 %.
        assertTrue(report.testAccuracy() >= 0.72, "test accuracy " + report.testAccuracy() + "\n" + text);
        assertNotNull(ImageIO.read(report.curves().toFile()));
        assertTrue(SafeTensors.read(report.model()).find("layers.1.weight").isPresent());
    }

    @Test
    void missingFilesAreNamedWithTheInstallCommand() {
        MissingDataException e = assertThrows(MissingDataException.class, () -> FashionMnistCommand.run(
                new FashionMnistCommand.Config(dir, 10, 1, new int[] {8}, 0.001, 8, 1, ProgressMode.NEVER),
                dir, new PrintWriter(new StringWriter())));
        assertTrue(e.getMessage().contains(FashionMnist.INSTALL_COMMAND), e.getMessage());
    }
}
