package io.github.chainrule.examples.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.chainrule.spark.DigitsOnSpark;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class SparkDigitsCommandTest {

    @Test
    void trainsTheDigitsMlpOnLocalSpark() {
        StringWriter text = new StringWriter();
        DigitsOnSpark.Result result = SparkDigitsCommand.run("local[2]", 3, 64, 2, new PrintWriter(text));
        assertTrue(result.testAccuracy() >= 0.93, "accuracy " + result.testAccuracy() + "\n" + text);
        assertEquals(2, result.partitions());
        assertEquals(3 * ((1437 + 63) / 64), result.steps());
        assertTrue(text.toString().contains("per step: broadcast 4,810 parameters"), text.toString());
    }
}
