package io.github.chainrule.examples.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.chainrule.examples.data.LabelledData;
import io.github.chainrule.examples.data.Moons;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChartsTest {

    @TempDir
    Path dir;

    @Test
    void writesATwoPanelTrainingCurve() throws IOException {
        int epochs = 30;
        double[] loss = new double[epochs];
        double[] acc = new double[epochs];
        double[] testAcc = new double[epochs];
        for (int e = 0; e < epochs; e++) {
            loss[e] = 2.3 * Math.exp(-e / 8.0);
            acc[e] = 1 - 0.9 * Math.exp(-e / 6.0);
            testAcc[e] = e % 5 == 4 ? acc[e] - 0.03 : Double.NaN;
        }
        Path png = Charts.trainingCurves(dir.resolve("sub/curve.png"), "digits MLP",
                List.of(new Series("train loss", loss)),
                List.of(new Series("train accuracy", acc), new Series("test accuracy", testAcc)));
        BufferedImage image = ImageIO.read(png.toFile());
        assertNotNull(image, "not a readable image");
        assertEquals(2 * Charts.CURVE_PANEL_WIDTH, image.getWidth());
        assertEquals(Charts.CURVE_HEIGHT, image.getHeight());
        assertTrue(distinctColours(image) > 5, "chart looks blank");
    }

    @Test
    void writesADecisionBoundaryForTwoMoons() throws IOException {
        LabelledData moons = Moons.generate(100, 0.1, 1);
        DecisionGrid grid = DecisionGrid.around(moons, 0.5, 80);
        double[] points = grid.points();
        // A hand-made margin classifier: positive below a wavy line.
        double[] scores = new double[grid.size()];
        for (int p = 0; p < grid.size(); p++) {
            scores[p] = 3 * (0.25 - points[2 * p + 1] + 0.3 * Math.cos(2 * points[2 * p]));
        }
        Path png = Charts.decisionBoundary(dir.resolve("moons.png"), "two moons", grid, scores, moons, null);
        BufferedImage image = ImageIO.read(png.toFile());
        assertNotNull(image);
        assertEquals(Charts.BOUNDARY_WIDTH, image.getWidth());
        assertEquals(Charts.BOUNDARY_HEIGHT, image.getHeight());
        assertTrue(distinctColours(image) > 8, "chart looks blank");
    }

    @Test
    void acceptsMultiClassScores() throws IOException {
        LabelledData three = LabelledData.of(new double[][] {{0, 0}, {1, 0}, {0, 1}}, new int[] {0, 1, 2}, 3);
        DecisionGrid grid = new DecisionGrid(-1, 2, -1, 2, 20);
        double[] points = grid.points();
        double[] scores = new double[grid.size() * 3];
        for (int p = 0; p < grid.size(); p++) {
            scores[3 * p] = -points[2 * p] - points[2 * p + 1];
            scores[3 * p + 1] = 2 * points[2 * p] - 1;
            scores[3 * p + 2] = 2 * points[2 * p + 1] - 1;
        }
        Path png = Charts.decisionBoundary(dir.resolve("three.png"), "three classes", grid, scores, three,
                List.of("a", "b", "c"));
        assertNotNull(ImageIO.read(png.toFile()));
        assertThrows(IllegalArgumentException.class, () -> Charts.decisionBoundary(dir.resolve("x.png"), "t", grid,
                new double[grid.size() + 1], three, null));
    }

    @Test
    void gridPointsRunAlongXFirst() {
        DecisionGrid grid = new DecisionGrid(0, 1, 10, 12, 3);
        double[] p = grid.points();
        assertEquals(18, p.length);
        assertEquals(0.5, p[2]);
        assertEquals(10.0, p[3]);
        assertEquals(0.0, p[6]);
        assertEquals(11.0, p[7]);
    }

    private static int distinctColours(BufferedImage image) {
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 3) {
            for (int x = 0; x < image.getWidth(); x += 3) {
                seen.add(image.getRGB(x, y));
            }
        }
        return seen.size();
    }
}
