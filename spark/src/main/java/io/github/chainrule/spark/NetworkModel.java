package io.github.chainrule.spark;

import io.github.chainrule.autodiff.Grad;
import io.github.chainrule.autodiff.Tensor;
import io.github.chainrule.nn.Module;
import io.github.chainrule.nn.io.Checkpoints;
import io.github.chainrule.safetensors.SafeTensors;
import io.github.chainrule.nn.train.TrainingHistory;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * A fitted network: {@link #transform} appends its raw outputs (array of doubles) and its
 * prediction (the arg-max class when there are several outputs, else the single output) to a
 * DataFrame, computed by the partitions in chunks of {@value #CHUNK} rows. {@link #save} writes
 * the weights as safetensors; {@link #load} reads them back into the factory's architecture.
 */
public final class NetworkModel {
    static final int CHUNK = 1024;
    private static final String FEATURES_KEY = "spark.featuresCol";
    private static final String PREDICTION_KEY = "spark.predictionCol";
    private static final String OUTPUT_KEY = "spark.outputCol";

    private final Module network;
    private final ModelFactory factory;
    private final String featuresCol;
    private final String predictionCol;
    private final String outputCol;
    private final TrainingHistory history;
    private final long[] partitionSizes;

    NetworkModel(Module network, ModelFactory factory, String featuresCol, String predictionCol, String outputCol,
            TrainingHistory history, long[] partitionSizes) {
        this.network = network;
        this.factory = factory;
        this.featuresCol = featuresCol;
        this.predictionCol = predictionCol;
        this.outputCol = outputCol;
        this.history = history;
        this.partitionSizes = partitionSizes;
    }

    /** The trained network (the driver's copy). */
    public Module network() {
        return network;
    }

    /** The per-epoch statistics of the fit (null for a loaded model). */
    public TrainingHistory history() {
        return history;
    }

    /** The rows per training partition of the fit, for {@link BatchPlan} (null for a loaded model). */
    public long[] partitionSizes() {
        return partitionSizes == null ? null : partitionSizes.clone();
    }

    /**
     * {@code data} with two more columns: the outputs and the prediction.
     *
     * @throws IllegalArgumentException when the features column is missing or not an array of numbers
     */
    public Dataset<Row> transform(Dataset<Row> data) {
        StructType schema = data.schema();
        RowConversion.checkArray(schema, featuresCol, "features");
        int featureIndex = schema.fieldIndex(featuresCol);
        StructType out = schema.add(outputCol, DataTypes.createArrayType(DataTypes.DoubleType, false), false)
                .add(predictionCol, DataTypes.DoubleType, false);
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(data.sparkSession().sparkContext());
        Broadcast<WeightSnapshot> weights = sc.broadcast(WeightSnapshot.of(network));
        return data.mapPartitions(new Predict(weights, factory, featureIndex, featuresCol), Encoders.row(out));
    }

    /** Writes the weights to {@code path} as safetensors, with the column names in the metadata. */
    public void save(Path path) throws IOException {
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put(FEATURES_KEY, featuresCol);
        metadata.put(PREDICTION_KEY, predictionCol);
        metadata.put(OUTPUT_KEY, outputCol);
        Checkpoints.save(network, path, metadata);
    }

    /**
     * A model saved by {@link #save}: the weights loaded into {@code factory}'s architecture
     * (names and shapes checked), the columns as they were.
     *
     * @throws IllegalArgumentException when the file does not fit the architecture
     */
    public static NetworkModel load(Path path, ModelFactory factory) throws IOException {
        Module network = factory.create();
        Checkpoints.load(network, path);
        Map<String, String> metadata = SafeTensors.read(path).metadata();
        return new NetworkModel(network, factory, metadata.getOrDefault(FEATURES_KEY, "features"),
                metadata.getOrDefault(PREDICTION_KEY, "prediction"), metadata.getOrDefault(OUTPUT_KEY, "output"),
                null, null);
    }

    /** One partition's predictions. */
    private static final class Predict implements MapPartitionsFunction<Row, Row>, Serializable {
        private static final long serialVersionUID = 1L;
        private final Broadcast<WeightSnapshot> weights;
        private final ModelFactory factory;
        private final int featureIndex;
        private final String featuresCol;

        Predict(Broadcast<WeightSnapshot> weights, ModelFactory factory, int featureIndex, String featuresCol) {
            this.weights = weights;
            this.factory = factory;
            this.featureIndex = featureIndex;
            this.featuresCol = featuresCol;
        }

        @Override
        public Iterator<Row> call(Iterator<Row> input) {
            Module model = factory.create();
            weights.value().loadInto(model);
            return new Iterator<>() {
                private final List<Row> out = new ArrayList<>();
                private int next;
                private long position;

                @Override
                public boolean hasNext() {
                    if (next == out.size()) {
                        fill();
                    }
                    return next < out.size();
                }

                @Override
                public Row next() {
                    if (!hasNext()) {
                        throw new java.util.NoSuchElementException();
                    }
                    return out.get(next++);
                }

                private void fill() {
                    out.clear();
                    next = 0;
                    List<Row> rows = new ArrayList<>();
                    List<double[]> features = new ArrayList<>();
                    while (input.hasNext() && rows.size() < CHUNK) {
                        Row r = input.next();
                        features.add(RowConversion.numbers(r, featureIndex, featuresCol, position++));
                        rows.add(r);
                    }
                    if (rows.isEmpty()) {
                        return;
                    }
                    double[][] outputs;
                    try (Grad.Scope off = Grad.disabled()) {
                        outputs = model.forward(Tensor.of(features.toArray(new double[0][]))).toRows();
                    }
                    for (int i = 0; i < rows.size(); i++) {
                        Object[] values = new Object[rows.get(i).size() + 2];
                        for (int j = 0; j < values.length - 2; j++) {
                            values[j] = rows.get(i).get(j);
                        }
                        values[values.length - 2] = outputs[i];
                        values[values.length - 1] = prediction(outputs[i]);
                        out.add(RowFactory.create(values));
                    }
                }
            };
        }

        private static double prediction(double[] output) {
            if (output.length == 1) {
                return output[0];
            }
            int best = 0;
            for (int k = 1; k < output.length; k++) {
                if (output[k] > output[best]) {
                    best = k;
                }
            }
            return best;
        }
    }
}
