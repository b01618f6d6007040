package io.github.chainrule.examples.newton;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class NewtonCommandTest {

    @Test
    void bothNewtonMethodsReachTheRosenbrockMinimum() {
        NewtonCommand.Report report = NewtonCommand.run(new PrintWriter(new StringWriter()));
        for (double v : report.hessianFree().x().toArray()) {
            assertEquals(1.0, v, 1e-8);
        }
        for (double v : report.exact().x()) {
            assertEquals(1.0, v, 1e-8);
        }
        assertTrue(report.exact().gradientNorm() < NewtonCommand.TOLERANCE, "" + report.exact().gradientNorm());
        assertTrue(report.exact().steps() < 30, report.exact().steps() + " steps");
        assertTrue(report.hessianFree().hessianVectorProducts() > 0);
    }
}
