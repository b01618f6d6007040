package io.github.chainrule.examples.digits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.chainrule.examples.data.Digits;
import io.github.chainrule.nn.io.Checkpoints;
import io.github.chainrule.nn.data.Standardizer;
import io.github.chainrule.nn.layers.MLP;
import io.github.chainrule.nn.train.ProgressMode;
import io.github.chainrule.safetensors.NamedArray;
import io.github.chainrule.safetensors.SafeTensors;
import io.github.chainrule.safetensors.SafeTensorsFile;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DigitsCommandTest {

    @TempDir
    Path dir;

    @Test
    void defaultJobReachesNinetySevenPercentAndSavesCurvesAndWeights() throws Exception {
        StringWriter text = new StringWriter();
        DigitsCommand.Config defaults = DigitsCommand.Config.defaults(42);
        DigitsCommand.Report report = DigitsCommand.run(
                new DigitsCommand.Config(defaults.epochs(), defaults.hidden(), defaults.learningRate(), defaults.batch(),
                        42, ProgressMode.NEVER), dir, new PrintWriter(text));

        assertTrue(report.testAccuracy() >= 0.97, "test accuracy " + report.testAccuracy() + "\n" + text);
        assertTrue(report.seconds() < 60, report.seconds() + " s");
        assertTrue(text.toString().contains("test accuracy"), text.toString());
        assertTrue(text.toString().contains(report.model().toAbsolutePath().toString()), text.toString());

        BufferedImage png = ImageIO.read(report.curves().toFile());
        assertNotNull(png, "not a readable image: " + report.curves());
        assertTrue(png.getWidth() > 500 && png.getHeight() > 300);

        SafeTensorsFile file = SafeTensors.read(report.model());
        assertEquals(Arrays.asList("layers.0.weight", "layers.0.bias", "layers.1.weight", "layers.1.bias",
                        Standardizer.MEAN, Standardizer.STD),
                file.arrays().stream().map(NamedArray::name).toList());
        assertTrue(Arrays.equals(new int[] {64, Digits.FEATURES}, file.byName().get("layers.0.weight").shape()));
        assertEquals(Checkpoints.FORMAT, file.metadata().get(Checkpoints.FORMAT_KEY));
        // The standardiser is stored as F64 vectors a Python reader gets as arrays, not as text.
        assertTrue(Arrays.equals(new int[] {Digits.FEATURES}, file.byName().get(Standardizer.MEAN).shape()));
        assertTrue(file.metadata().keySet().stream().noneMatch(k -> k.startsWith("feature_")), file.metadata().toString());
        assertEquals(report.outcome().model().stateDict().get("layers.1.bias").toArray()[3],
                file.byName().get("layers.1.bias").get(3));

        // nn's Checkpoints.load reads it back into a fresh network of the same shape.
        MLP fresh = MLP.of(64, 64, 10).build(7);
        Standardizer standardizer = Standardizer.fromTensors(
                Checkpoints.load(fresh, report.model(), Set.of(Standardizer.MEAN, Standardizer.STD)));
        // Pixel intensities are 0..16, so every fitted mean lies in that range.
        assertTrue(Arrays.stream(standardizer.mean()).allMatch(m -> m >= 0 && m <= 16), Arrays.toString(standardizer.mean()));
        assertTrue(Arrays.equals(report.outcome().model().stateDict().get("layers.0.weight").toArray(),
                fresh.stateDict().get("layers.0.weight").toArray()));
    }
}
