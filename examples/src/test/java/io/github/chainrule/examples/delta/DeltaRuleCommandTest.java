package io.github.chainrule.examples.delta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeltaRuleCommandTest {

    @Test
    void graphDeltasEqualTheTextbookDeltaRuleOnEveryLayer() {
        StringWriter text = new StringWriter();
        List<DeltaRuleCommand.Layer> layers = DeltaRuleCommand.run(42, new PrintWriter(text));
        assertEquals(3, layers.size());
        for (DeltaRuleCommand.Layer layer : layers) {
            assertTrue(layer.deltaDiff() < 1e-12, "layer " + layer.layer() + ": " + layer.deltaDiff());
            assertTrue(layer.weightGradDiff() < 1e-12, "layer " + layer.layer() + ": " + layer.weightGradDiff());
            // Not trivially zero: the network really has an error to propagate.
            assertTrue(maxAbs(layer.fromGraph()) > 1e-4, "layer " + layer.layer());
        }
        assertTrue(text.toString().contains("below 1e-12"), text.toString());
    }

    private static double maxAbs(double[] v) {
        double m = 0;
        for (double x : v) {
            m = Math.max(m, Math.abs(x));
        }
        return m;
    }
}
