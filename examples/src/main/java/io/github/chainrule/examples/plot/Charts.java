package io.github.chainrule.examples.plot;

import io.github.chainrule.examples.data.LabelledData;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.BitmapEncoder.BitmapFormat;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Writes the examples' charts as PNG files with XChart, off-screen.
 *
 * <p>Loading this class sets {@code java.awt.headless=true} unless the property was already set,
 * because AWT reads it once, at first use, and training runs on servers without a display.
 */
public final class Charts {

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    /** Width of one training-curve panel, in pixels; the PNG holds two side by side. */
    public static final int CURVE_PANEL_WIDTH = 560;
    /** Height of the training-curve PNG, in pixels. */
    public static final int CURVE_HEIGHT = 420;
    /** Width of a decision-boundary PNG, in pixels. */
    public static final int BOUNDARY_WIDTH = 720;
    /** Height of a decision-boundary PNG, in pixels. */
    public static final int BOUNDARY_HEIGHT = 600;

    /** Softmax-confidence thresholds at which region tints get stronger. */
    private static final double[] CONFIDENCE_BANDS = {0.0, 0.7, 0.9};
    private static final double[] BAND_STRENGTH = {0.22, 0.38, 0.55};
    private static final int POINT_SIZE = 8;

    private Charts() {
    }

    /**
     * Writes a training curve of one loss and one accuracy per epoch.
     *
     * @param png      the file to write; parent directories are created
     * @param title    what was trained, shown above both panels
     * @param loss     loss per epoch
     * @param accuracy accuracy per epoch, as a fraction in [0, 1] or a percentage
     * @return {@code png}
     * @throws IOException if the file cannot be written
     */
    public static Path trainingCurves(Path png, String title, double[] loss, double[] accuracy) throws IOException {
        return trainingCurves(png, title, List.of(new Series("loss", loss)), List.of(new Series("accuracy", accuracy)));
    }

    /**
     * Writes training curves as two panels side by side: losses on the left, accuracies on the
     * right, epochs (from 1) on both x axes. Two panels rather than two y axes on one, because
     * loss and accuracy have unrelated scales and a shared plot invites reading crossings that
     * mean nothing.
     *
     * @param png        the file to write; parent directories are created
     * @param title      what was trained, shown above both panels
     * @param losses     loss curves, for example training and test loss; at least one
     * @param accuracies accuracy curves, fractions in [0, 1] or percentages; may be empty, then
     *                   only the loss panel is drawn
     * @return {@code png}
     * @throws IOException if the file cannot be written
     */
    public static Path trainingCurves(Path png, String title, List<Series> losses, List<Series> accuracies)
            throws IOException {
        if (losses.isEmpty()) {
            throw new IllegalArgumentException("need at least one loss curve");
        }
        List<XYChart> panels = new ArrayList<>();
        panels.add(curvePanel(title + ": loss", "loss", losses));
        if (!accuracies.isEmpty()) {
            XYChart accuracy = curvePanel(title + ": accuracy", "accuracy", accuracies);
            // Accuracy rises to the top right, where the default legend would cover it.
            accuracy.getStyler().setLegendPosition(LegendPosition.InsideSE);
            if (allFractions(accuracies)) {
                // A fixed 0..1 axis keeps runs comparable instead of zooming into noise.
                accuracy.getStyler().setYAxisMin(0.0);
                accuracy.getStyler().setYAxisMax(1.0);
            }
            panels.add(accuracy);
        }
        prepare(png);
        BitmapEncoder.saveBitmap(panels, 1, panels.size(), png.toString(), BitmapFormat.PNG);
        return png;
    }

    /**
     * Writes a 2-d decision-boundary plot: each grid point's predicted class fills its cell with
     * that class's tint (stronger where the model is more confident), and the data points are
     * drawn on top in their true class colour, so misclassified points stand out.
     *
     * <p>{@code scores} holds {@code k} values per grid point, in grid order. With {@code k = 1}
     * the score is a margin as in micrograd's demo: class 1 where it is positive, else class 0.
     * With {@code k >= 2} the class is the largest score; scores are read as logits, whose
     * softmax gives the confidence used for shading.
     *
     * @param png        the file to write; parent directories are created
     * @param title      chart title
     * @param grid       where the scores were computed
     * @param scores     {@code grid.size() * k} class scores
     * @param data       the samples to draw, with 2 features and labels
     * @param classNames legend names indexed by label, or {@code null} for "class 0", "class 1", ...
     * @return {@code png}
     * @throws IOException if the file cannot be written
     */
    public static Path decisionBoundary(Path png, String title, DecisionGrid grid, double[] scores,
            LabelledData data, List<String> classNames) throws IOException {
        if (data.columns() != 2) {
            throw new IllegalArgumentException("decision boundaries need 2 features, data has " + data.columns());
        }
        if (scores.length == 0 || scores.length % grid.size() != 0) {
            throw new IllegalArgumentException(scores.length + " scores do not fit a grid of " + grid.size() + " points");
        }
        int k = scores.length / grid.size();
        XYChart chart = new XYChartBuilder().width(BOUNDARY_WIDTH).height(BOUNDARY_HEIGHT)
                .title(title).xAxisTitle("x1").yAxisTitle("x2").build();
        XYStyler styler = chart.getStyler();
        styler.setDefaultSeriesRenderStyle(XYSeriesRenderStyle.Scatter);
        styler.setMarkerSize(POINT_SIZE);
        styler.setLegendPosition(LegendPosition.OutsideE);
        styler.setXAxisMin(grid.xMin());
        styler.setXAxisMax(grid.xMax());
        styler.setYAxisMin(grid.yMin());
        styler.setYAxisMax(grid.yMax());
        // Let the regions reach the axes instead of leaving XChart's default inner padding.
        styler.setPlotContentSize(1.0);
        styler.setPlotMargin(0);
        styler.setPlotGridLinesVisible(false);
        addRegions(chart, grid, scores, k);
        addPoints(chart, data, classNames);
        prepare(png);
        BitmapEncoder.saveBitmap(chart, png.toString(), BitmapFormat.PNG);
        return png;
    }

    private static XYChart curvePanel(String title, String yTitle, List<Series> curves) {
        XYChart chart = new XYChartBuilder().width(CURVE_PANEL_WIDTH).height(CURVE_HEIGHT)
                .title(title).xAxisTitle("epoch").yAxisTitle(yTitle).build();
        XYStyler styler = chart.getStyler();
        styler.setLegendPosition(LegendPosition.InsideNE);
        styler.setMarkerSize(4);
        styler.setXAxisDecimalPattern("0");
        for (Series curve : curves) {
            double[] values = curve.values();
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            for (int i = 0; i < values.length; i++) {
                if (!Double.isNaN(values[i])) {
                    xs.add((double) (i + 1));
                    ys.add(values[i]);
                }
            }
            if (xs.isEmpty()) {
                throw new IllegalArgumentException("curve '" + curve.name() + "' has no values");
            }
            XYSeries series = chart.addSeries(curve.name(), xs, ys);
            series.setXYSeriesRenderStyle(XYSeriesRenderStyle.Line);
            if (xs.size() > 60) {
                series.setMarker(SeriesMarkers.NONE); // markers would merge into a thick smear
            }
        }
        return chart;
    }

    private static boolean allFractions(List<Series> curves) {
        for (Series curve : curves) {
            for (double v : curve.values()) {
                if (!Double.isNaN(v) && (v < 0 || v > 1)) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * One scatter series per (class, confidence band), each grid point drawn as a square a little
     * wider than its cell so that neighbouring cells overlap and leave no gaps.
     */
    private static void addRegions(XYChart chart, DecisionGrid grid, double[] scores, int k) {
        int classes = Math.max(2, k);
        List<List<Double>> xs = new ArrayList<>();
        List<List<Double>> ys = new ArrayList<>();
        for (int s = 0; s < classes * CONFIDENCE_BANDS.length; s++) {
            xs.add(new ArrayList<>());
            ys.add(new ArrayList<>());
        }
        for (int j = 0; j < grid.steps(); j++) {
            for (int i = 0; i < grid.steps(); i++) {
                int p = j * grid.steps() + i;
                int predicted = predictedClass(scores, p, k);
                int slot = predicted * CONFIDENCE_BANDS.length + band(confidence(scores, p, k, predicted));
                xs.get(slot).add(grid.x(i));
                ys.get(slot).add(grid.y(j));
            }
        }
        int cellPixels = (int) Math.ceil((double) BOUNDARY_WIDTH / grid.steps()) + 1;
        for (int c = 0; c < classes; c++) {
            for (int b = 0; b < CONFIDENCE_BANDS.length; b++) {
                int slot = c * CONFIDENCE_BANDS.length + b;
                if (xs.get(slot).isEmpty()) {
                    continue;
                }
                XYSeries region = chart.addSeries("region " + c + "/" + b, xs.get(slot), ys.get(slot));
                region.setMarker(new Cell(cellPixels));
                region.setMarkerColor(Palette.classTint(c, BAND_STRENGTH[b]));
                region.setShowInLegend(false);
            }
        }
    }

    private static void addPoints(XYChart chart, LabelledData data, List<String> classNames) {
        for (int c = 0; c < data.classes(); c++) {
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            for (int i = 0; i < data.rows(); i++) {
                if (data.label(i) == c) {
                    xs.add(data.feature(i, 0));
                    ys.add(data.feature(i, 1));
                }
            }
            if (xs.isEmpty()) {
                continue;
            }
            String name = classNames != null && c < classNames.size() ? classNames.get(c) : "class " + c;
            XYSeries points = chart.addSeries(name, xs, ys);
            points.setMarker(new Dot());
            points.setMarkerColor(Palette.classColour(c));
        }
    }

    private static int predictedClass(double[] scores, int point, int k) {
        if (k == 1) {
            return scores[point] > 0 ? 1 : 0;
        }
        int best = 0;
        for (int c = 1; c < k; c++) {
            if (scores[point * k + c] > scores[point * k + best]) {
                best = c;
            }
        }
        return best;
    }

    /** Softmax probability of the predicted class; for one margin score, the logistic of it. */
    private static double confidence(double[] scores, int point, int k, int predicted) {
        if (k == 1) {
            return 1 / (1 + Math.exp(-Math.abs(scores[point])));
        }
        double max = scores[point * k + predicted];
        double sum = 0;
        for (int c = 0; c < k; c++) {
            sum += Math.exp(scores[point * k + c] - max);
        }
        return 1 / sum;
    }

    private static int band(double confidence) {
        int band = 0;
        for (int b = 1; b < CONFIDENCE_BANDS.length; b++) {
            if (confidence >= CONFIDENCE_BANDS[b]) {
                band = b;
            }
        }
        return band;
    }

    private static void prepare(Path png) throws IOException {
        if (!png.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".png")) {
            // BitmapEncoder appends ".png" to other names; refuse rather than write elsewhere.
            throw new IllegalArgumentException("chart file name must end in .png: " + png);
        }
        Path parent = png.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
    }

    /** A filled square of a fixed pixel size, ignoring the chart's marker size. */
    private static final class Cell extends Marker {
        private final int pixels;

        Cell(int pixels) {
            this.pixels = pixels;
        }

        @Override
        public void paint(Graphics2D g, double x, double y, int markerSize) {
            g.fill(new Rectangle2D.Double(x - pixels / 2.0, y - pixels / 2.0, pixels, pixels));
        }
    }

    /** A filled circle with a dark rim, so points stay visible over a region of their own colour. */
    private static final class Dot extends Marker {
        private static final Color RIM = new Color(0x333333);

        @Override
        public void paint(Graphics2D g, double x, double y, int markerSize) {
            Ellipse2D.Double circle = new Ellipse2D.Double(x - markerSize / 2.0, y - markerSize / 2.0,
                    markerSize, markerSize);
            g.fill(circle);
            Color fill = g.getColor();
            g.setColor(RIM);
            g.draw(circle);
            g.setColor(fill);
        }
    }
}
