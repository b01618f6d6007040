package io.github.chainrule.spark;

import io.github.chainrule.nn.data.Batch;
import io.github.chainrule.nn.data.Dataset;
import io.github.chainrule.nn.layers.Activation;
import io.github.chainrule.nn.layers.MLP;
import io.github.chainrule.nn.loss.MeanSquaredError;
import io.github.chainrule.nn.optim.SGD;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.commons.math3.random.Well19937c;
import org.apache.spark.api.java.JavaRDD;
import org.junit.jupiter.api.Test;

/** Rows with target vectors and a regression loss: the same equality as for labels. */
class RegressionEquivalenceTest {
    private static final int N = 90;
    private static final int BATCH = 20;

    static MLP net(long seed) {
        return MLP.of(3, 6, 2).hiddenActivation(Activation.SIGMOID).build(seed);
    }

    @Test
    void twentyStepsWithTargetVectorsEqualOneMachine() {
        Random r = new Random(9);
        double[][] x = new double[N][3];
        double[][] y = new double[N][2];
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            for (int j = 0; j < 3; j++) {
                x[i][j] = r.nextGaussian();
            }
            y[i][0] = x[i][0] - 2 * x[i][1];
            y[i][1] = Math.sin(x[i][2]);
            samples.add(Sample.withTarget(i, x[i], y[i]));
        }
        Dataset data = Dataset.of(x, y);

        MLP expected = net(2);
        SGD sgd = new SGD(expected, 0.1);
        MeanSquaredError mse = new MeanSquaredError();
        Well19937c rng = new Well19937c(3);
        for (int epoch = 0, taken = 0; taken < 20; epoch++) {
            for (Batch b : data.batches(BATCH, rng)) {
                if (taken++ == 20) {
                    break;
                }
                sgd.zeroGrad();
                mse.compute(expected.forward(b.features()), b.targets()).backward();
                sgd.step();
            }
        }

        MLP actual = net(2);
        SparkTrainer trainer = SparkTrainer.builder(LocalSpark.get(), actual, () -> net(0), MeanSquaredError::new,
                new SGD(actual, 0.1)).log(null).build();
        JavaRDD<Sample> rows = LocalSpark.get().parallelize(samples, 3);
        Well19937c rng2 = new Well19937c(3);
        for (int taken = 0; taken < 20; ) {
            int[] order = Dataset.permutation(N, rng2);
            for (int from = 0; from < N && taken < 20; from += BATCH, taken++) {
                trainer.step(rows, Arrays.copyOfRange(order, from, Math.min(N, from + BATCH)));
            }
        }
        SparkTrainerEquivalenceTest.assertSameWeights(expected, actual, 1e-10);
    }
}
