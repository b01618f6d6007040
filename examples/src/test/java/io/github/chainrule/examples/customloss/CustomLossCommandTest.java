package io.github.chainrule.examples.customloss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.chainrule.autodiff.Tensor;
import io.github.chainrule.nn.loss.CrossEntropy;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class CustomLossCommandTest {

    @Test
    void focalLossPassesGradCheckToSecondOrderAndTrainsDigits() {
        StringWriter text = new StringWriter();
        CustomLossCommand.Report report = CustomLossCommand.run(2, 8, 42, new PrintWriter(text));
        assertTrue(report.firstOrder().passed(), report.firstOrder().toString());
        assertTrue(report.secondOrder().passed(), report.secondOrder().toString());
        assertTrue(report.testAccuracy() >= 0.93, "test accuracy " + report.testAccuracy() + "\n" + text);
        assertTrue(text.toString().contains("gradcheck passed"), text.toString());
        assertTrue(text.toString().contains("gradgradcheck passed"), text.toString());
    }

    @Test
    void withGammaZeroTheFocalLossIsCrossEntropy() {
        Tensor logits = Tensor.of(new double[] {0.3, -1.2, 2.0, 0.1, 0.4, -0.7}, 2, 3);
        int[] labels = {2, 0};
        assertEquals(new CrossEntropy().compute(logits, labels).item(), new FocalLoss(0).compute(logits, labels).item(),
                1e-15);
    }
}
