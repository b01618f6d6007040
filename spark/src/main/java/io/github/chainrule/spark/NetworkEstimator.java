package io.github.chainrule.spark;

import io.github.chainrule.nn.Module;
import io.github.chainrule.nn.train.TrainingHistory;
import java.util.function.Consumer;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Spark ML's way in: fits any nn model with any loss on a DataFrame, as an estimator does, and
 * returns a {@link NetworkModel} that transforms DataFrames.
 *
 * <p>The features column holds arrays of numbers (e.g. {@code array<double>} in Parquet); the
 * label column holds class numbers (for losses over labels, e.g. CrossEntropy) or arrays of
 * numbers (target vectors, e.g. for MeanSquaredError). Training is {@link SparkTrainer}'s:
 * one barrier stage per epoch, an allreduce per step, a checkpoint per epoch; validation on
 * {@link #setValidationData} runs as a distributed job after every epoch.
 *
 * <p>It follows the method names of {@code org.apache.spark.ml.Estimator} without extending it,
 * which would put Spark MLlib on this module's class path.
 *
 * <pre>{@code
 * NetworkModel model = new NetworkEstimator(() -> MLP.of(64, 64, 10).build(1), CrossEntropy::new,
 *                 m -> new Adam(m, 5e-3))
 *         .setFeaturesCol("features").setLabelCol("label").setMetric(Accuracy::ofClasses)
 *         .setEpochs(8).setBatchSize(32).setValidationData(spark.read().parquet("test.parquet"))
 *         .fit(spark.read().parquet("train.parquet"));
 * model.transform(spark.read().parquet("new.parquet")).select("prediction").show();
 * model.save(Path.of("digits.safetensors"));
 * }</pre>
 */
public final class NetworkEstimator {
    private final ModelFactory modelFactory;
    private final LossFactory lossFactory;
    private final OptimizerFactory optimizerFactory;
    private MetricFactory metricFactory;
    private String featuresCol = "features";
    private String labelCol = "label";
    private String predictionCol = "prediction";
    private String outputCol = "output";
    private int epochs = 10;
    private int batchSize = 32;
    private long seed;
    private int numPartitions;
    private Dataset<Row> validation;
    private Consumer<String> log = System.out::println;

    /**
     * An estimator for the architecture {@code model} builds (its initial weights are the
     * fit's starting point), trained on {@code loss} with {@code optimizer}.
     */
    public NetworkEstimator(ModelFactory model, LossFactory loss, OptimizerFactory optimizer) {
        this.modelFactory = model;
        this.lossFactory = loss;
        this.optimizerFactory = optimizer;
    }

    /** The features column (arrays of numbers); default "features". */
    public NetworkEstimator setFeaturesCol(String column) {
        this.featuresCol = column;
        return this;
    }

    /** The label column (class numbers or arrays of numbers); default "label". */
    public NetworkEstimator setLabelCol(String column) {
        this.labelCol = column;
        return this;
    }

    /** The column the model's prediction goes to (the arg-max class, or the single output); default "prediction". */
    public NetworkEstimator setPredictionCol(String column) {
        this.predictionCol = column;
        return this;
    }

    /** The column the model's raw outputs go to (array of doubles); default "output". */
    public NetworkEstimator setOutputCol(String column) {
        this.outputCol = column;
        return this;
    }

    /** A metric reported per epoch, e.g. {@code Accuracy::ofClasses}. */
    public NetworkEstimator setMetric(MetricFactory metric) {
        this.metricFactory = metric;
        return this;
    }

    /** The number of epochs; default 10. */
    public NetworkEstimator setEpochs(int n) {
        this.epochs = n;
        return this;
    }

    /** The global mini-batch size; default 32. */
    public NetworkEstimator setBatchSize(int m) {
        this.batchSize = m;
        return this;
    }

    /** The seed of the batch composition ({@link BatchPlan}); default 0. */
    public NetworkEstimator setSeed(long s) {
        this.seed = s;
        return this;
    }

    /**
     * The number of training tasks (≤ the cluster's task slots). By default the DataFrame's
     * partitions, or the slot count when it has more. The rows are repartitioned when it differs.
     */
    public NetworkEstimator setNumPartitions(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("NetworkEstimator: partitions must be >= 1, got " + n);
        }
        this.numPartitions = n;
        return this;
    }

    /** Validation rows (same columns), evaluated by a distributed job after every epoch. */
    public NetworkEstimator setValidationData(Dataset<Row> data) {
        this.validation = data;
        return this;
    }

    /** Where training reports go (epoch summaries, restarts); default stdout, null for none. */
    public NetworkEstimator setLog(Consumer<String> sink) {
        this.log = sink;
        return this;
    }

    /**
     * Trains a fresh model from the factory on {@code data}.
     *
     * @throws IllegalArgumentException when a column is missing or of the wrong type
     * @throws SparkTrainingException when training fails (see {@link SparkTrainer#fit})
     */
    public NetworkModel fit(Dataset<Row> data) {
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(data.sparkSession().sparkContext());
        Dataset<Row> rows = data;
        int slots = SparkTrainer.slots(sc);
        int target = numPartitions > 0 ? numPartitions : slots > 0 ? Math.min(slots, data.rdd().getNumPartitions()) : 0;
        if (target > 0 && target != data.rdd().getNumPartitions()) {
            // A shuffle, not coalesce: a barrier stage may not narrow its parent's partitions.
            rows = data.repartition(target);
        }
        JavaRDD<Sample> samples = RowConversion.samples(rows, featuresCol, labelCol);
        Module model = modelFactory.create();
        SparkTrainer.Builder builder = SparkTrainer.builder(sc, model, modelFactory, lossFactory, optimizerFactory)
                .epochs(epochs).batchSize(batchSize).seed(seed).metric(metricFactory).log(log);
        if (validation != null) {
            builder.validation(RowConversion.samples(validation, featuresCol, labelCol));
        }
        SparkTrainer trainer = builder.build();
        TrainingHistory history = trainer.fit(samples);
        return new NetworkModel(model, modelFactory, featuresCol, predictionCol, outputCol, history,
                trainer.partitionSizes());
    }
}
