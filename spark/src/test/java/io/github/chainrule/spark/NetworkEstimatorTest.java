package io.github.chainrule.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.chainrule.nn.data.Dataset;
import io.github.chainrule.safetensors.SafeTensors;
import io.github.chainrule.nn.layers.MLP;
import io.github.chainrule.nn.loss.CrossEntropy;
import io.github.chainrule.nn.optim.Adam;
import io.github.chainrule.nn.optim.SGD;
import io.github.chainrule.nn.train.Accuracy;
import io.github.chainrule.nn.train.ProgressMode;
import io.github.chainrule.nn.train.Trainer;
import io.github.chainrule.nn.train.TrainingHistory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Estimator on Parquet files: fit, distributed validation, transform, save and load. */
class NetworkEstimatorTest {
    private static final StructType CLASSES = new StructType()
            .add("x", DataTypes.createArrayType(DataTypes.DoubleType, false), false)
            .add("y", DataTypes.IntegerType, false);

    private static SparkSession spark() {
        return SparkSession.builder().sparkContext(LocalSpark.get().sc()).getOrCreate();
    }

    /** Writes {@code data} as Parquet in {@code partitions} files and reads it back. */
    private static org.apache.spark.sql.Dataset<Row> parquet(Dataset data, Path dir, int partitions) {
        double[][] x = data.features().toRows();
        int[] y = data.labels();
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            rows.add(RowFactory.create(x[i], y[i]));
        }
        String path = dir.toString();
        spark().createDataFrame(rows, CLASSES).repartition(partitions).write().mode("overwrite").parquet(path);
        return spark().read().parquet(path);
    }

    /** The collected rows, partition by partition, as an nn dataset. */
    private static Dataset collect(org.apache.spark.sql.Dataset<Row> df) {
        List<Row> rows = df.collectAsList();
        double[][] x = new double[rows.size()][];
        int[] y = new int[rows.size()];
        for (int i = 0; i < x.length; i++) {
            List<Double> f = rows.get(i).getList(0);
            x[i] = f.stream().mapToDouble(Double::doubleValue).toArray();
            y[i] = rows.get(i).getInt(1);
        }
        return Dataset.of(x, y);
    }

    static MLP net() {
        return SparkTrainerEquivalenceTest.net(3);
    }

    @Test
    void fitOnParquetEqualsTheTrainerAndValidatesDistributed(@TempDir Path tmp) throws Exception {
        org.apache.spark.sql.Dataset<Row> train = parquet(SyntheticData.dataset(160, 21), tmp.resolve("train"), 2);
        org.apache.spark.sql.Dataset<Row> test = parquet(SyntheticData.dataset(50, 22), tmp.resolve("test"), 2);
        NetworkModel model = new NetworkEstimator(NetworkEstimatorTest::net, CrossEntropy::new, m -> new Adam(m, 0.05))
                .setFeaturesCol("x").setLabelCol("y").setMetric(Accuracy::ofClasses).setEpochs(3).setBatchSize(16)
                .setSeed(5).setValidationData(test).setLog(null).fit(train);

        // The same fit on one machine, over the rows in the order the partitions hold them.
        MLP local = net();
        Dataset testRows = collect(test);
        TrainingHistory expected = Trainer.builder(local, new CrossEntropy(), new Adam(local, 0.05)).epochs(3)
                .batchOrder(new BatchPlan(model.partitionSizes(), 16, 5)).metric(Accuracy.ofClasses())
                .validation(testRows).progress(ProgressMode.NEVER).build().fit(collect(train));
        SparkTrainerEquivalenceTest.assertSameWeights(local, model.network(), 1e-10);
        assertEquals(expected.last().validationLoss(), model.history().last().validationLoss(), 1e-10);
        assertEquals(expected.last().validationMetric(), model.history().last().validationMetric(), 1e-10);
        assertTrue(model.history().last().validationMetric() >= 0.75, "it learned: " + model.history().last());

        // transform's predictions are the arg-max of the outputs, and their accuracy is the validation metric.
        List<Row> predicted = model.transform(test).select("y", "prediction", "output").collectAsList();
        int correct = 0;
        for (Row r : predicted) {
            List<Double> out = r.getList(2);
            int best = 0;
            for (int k = 1; k < out.size(); k++) {
                best = out.get(k) > out.get(best) ? k : best;
            }
            assertEquals(best, r.getDouble(1));
            correct += r.getInt(0) == best ? 1 : 0;
        }
        assertEquals(model.history().last().validationMetric(), correct / 50.0, 1e-12);
    }

    @Test
    void theSavedModelIsSafetensorsAndLoadsToTheSamePredictions(@TempDir Path tmp) throws Exception {
        org.apache.spark.sql.Dataset<Row> train = parquet(SyntheticData.dataset(80, 31), tmp.resolve("train"), 2);
        NetworkModel model = new NetworkEstimator(NetworkEstimatorTest::net, CrossEntropy::new, m -> new SGD(m, 0.1))
                .setFeaturesCol("x").setLabelCol("y").setEpochs(1).setBatchSize(8).setLog(null).fit(train);
        Path file = tmp.resolve("model.safetensors");
        model.save(file);
        assertEquals(List.of("layers.0.bias", "layers.0.weight", "layers.1.bias", "layers.1.weight"),
                SafeTensors.read(file).byName().keySet().stream().sorted().toList());
        NetworkModel loaded = NetworkModel.load(file, () -> SparkTrainerEquivalenceTest.net(99));
        SparkTrainerEquivalenceTest.assertSameWeights(model.network(), loaded.network(), 0.0);
        List<Row> a = model.transform(train).select("output").collectAsList();
        List<Row> b = loaded.transform(train).select("output").collectAsList();
        for (int i = 0; i < a.size(); i++) {
            assertArrayEquals(a.get(i).getList(0).toArray(), b.get(i).getList(0).toArray());
        }
    }

    @Test
    void aMissingOrMistypedColumnIsNamed(@TempDir Path tmp) {
        org.apache.spark.sql.Dataset<Row> train = parquet(SyntheticData.dataset(20, 41), tmp.resolve("train"), 1);
        NetworkEstimator estimator = new NetworkEstimator(NetworkEstimatorTest::net, CrossEntropy::new,
                m -> new SGD(m, 0.1)).setLog(null);
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> estimator.setFeaturesCol("features").setLabelCol("y").fit(train));
        assertTrue(missing.getMessage().contains("'features' is not among [x, y]"), missing.getMessage());
        IllegalArgumentException mistyped = assertThrows(IllegalArgumentException.class,
                () -> estimator.setFeaturesCol("y").setLabelCol("y").fit(train));
        assertTrue(mistyped.getMessage().contains("'y' is int"), mistyped.getMessage());
    }
}
