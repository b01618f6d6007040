package io.github.chainrule.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.chainrule.nn.data.Split;
import io.github.chainrule.nn.layers.MLP;
import io.github.chainrule.nn.loss.CrossEntropy;
import io.github.chainrule.nn.optim.Adam;
import io.github.chainrule.nn.train.Accuracy;
import io.github.chainrule.nn.train.TrainingHistory;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.junit.jupiter.api.Test;

/** The digits MLP converges on local[2] as it does on one machine. */
class DigitsOnSparkTest {

    @Test
    void digitsMlpReachesNinetyFivePercentOnLocal2() {
        Split split = DigitsData.standardisedSplit();
        JavaRDD<Sample> rows = LocalSpark.get().parallelize(DigitsData.samples(split.train()), 4);
        MLP model = DigitsOnSpark.network(1);
        List<String> log = new ArrayList<>();
        SparkTrainer trainer = SparkTrainer.builder(LocalSpark.get(), model, () -> DigitsOnSpark.network(0),
                        CrossEntropy::new, new Adam(model, DigitsOnSpark.LEARNING_RATE))
                .epochs(8).batchSize(32).seed(1).metric(Accuracy::ofClasses).validation(split.test())
                .log(line -> {
                    log.add(line);
                    System.out.println(line);
                })
                .build();
        long start = System.nanoTime();
        TrainingHistory history = trainer.fit(rows);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("digits: %d steps in %.1f s (%.1f steps/s)%n", trainer.stepCount(), seconds,
                trainer.stepCount() / seconds);
        double accuracy = history.last().validationMetric();
        assertTrue(accuracy >= 0.95, "test accuracy " + accuracy);
        assertTrue(log.get(0).contains("per step: broadcast 4,810 parameters"), log.get(0));
    }

    @Test
    void trafficOfTheDigitsMlp() {
        MLP model = DigitsOnSpark.network(1);
        SparkTrainer trainer = SparkTrainer.builder(LocalSpark.get(), model, () -> DigitsOnSpark.network(0),
                CrossEntropy::new, new Adam(model, 1e-2)).log(null).build();
        StepTraffic t = trainer.traffic(4);
        assertEquals(64 * 64 + 64 + 64 * 10 + 10, t.parameterValues());
        assertEquals(t.parameterValues(), t.gradientValues());
        // Doubles dominate: 8 bytes each plus a small header.
        assertTrue(t.broadcastBytes() > 8 * t.parameterValues() && t.broadcastBytes() < 8 * t.parameterValues() + 1024,
                t.summary());
        assertTrue(t.gradientBytes() > 8 * t.gradientValues() && t.gradientBytes() < 8 * t.gradientValues() + 1024,
                t.summary());
        System.out.println("digits MLP " + t.summary());
    }
}
