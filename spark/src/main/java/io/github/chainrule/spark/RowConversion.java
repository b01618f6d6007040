package io.github.chainrule.spark;

import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * DataFrame rows as {@link Sample}s: an array-of-numbers features column, and a label column
 * holding either a whole-number class (any numeric type) or an array of numbers (a target
 * vector). A row's id is its position within its partition, so messages can name it without
 * numbering the whole data set.
 */
final class RowConversion {
    private RowConversion() {
    }

    /**
     * The rows of {@code df} as samples, partition by partition.
     *
     * @throws IllegalArgumentException when a column is missing or of an unusable type
     */
    static JavaRDD<Sample> samples(Dataset<Row> df, String featuresCol, String labelCol) {
        StructType schema = df.schema();
        checkArray(schema, featuresCol, "features");
        DataType labelType = field(schema, labelCol, "label").dataType();
        boolean targets = labelType instanceof ArrayType;
        if (targets) {
            checkArray(schema, labelCol, "label");
        } else if (!(labelType instanceof NumericType)) {
            throw new IllegalArgumentException("label column '" + labelCol + "' is " + labelType.simpleString()
                    + "; it must hold class numbers or arrays of numbers");
        }
        return df.select(featuresCol, labelCol).toJavaRDD().mapPartitions(rows -> new Iterator<Sample>() {
            private long position;

            @Override
            public boolean hasNext() {
                return rows.hasNext();
            }

            @Override
            public Sample next() {
                return sample(rows.next(), position++, targets, featuresCol, labelCol);
            }
        }, true);
    }

    /** The numbers of column {@code index} of {@code row}, as doubles. */
    static double[] numbers(Row row, int index, String column, long position) {
        if (row.isNullAt(index)) {
            throw new PoisonedRowException("row " + position + " of its partition has no '" + column + "' (null)");
        }
        List<Object> values = row.getList(index);
        double[] out = new double[values.size()];
        for (int i = 0; i < out.length; i++) {
            Object v = values.get(i);
            if (v == null) {
                throw new PoisonedRowException("row " + position + " of its partition has a null in '" + column + "' at " + i);
            }
            out[i] = ((Number) v).doubleValue();
        }
        return out;
    }

    private static Sample sample(Row row, long position, boolean targets, String featuresCol, String labelCol) {
        double[] features = numbers(row, 0, featuresCol, position);
        if (features.length == 0) {
            throw new PoisonedRowException("row " + position + " of its partition has no features");
        }
        if (targets) {
            double[] target = numbers(row, 1, labelCol, position);
            if (target.length == 0) {
                throw new PoisonedRowException("row " + position + " of its partition has an empty '" + labelCol + "'");
            }
            return Sample.withTarget(position, features, target);
        }
        if (row.isNullAt(1)) {
            throw new PoisonedRowException("row " + position + " of its partition has no '" + labelCol + "' (null)");
        }
        double label = ((Number) row.get(1)).doubleValue();
        if (!(label >= 0) || label != Math.rint(label) || label > Integer.MAX_VALUE) {
            throw new PoisonedRowException("row " + position + " of its partition has label " + label
                    + "; class labels must be whole numbers >= 0");
        }
        return Sample.labelled(position, features, (int) label);
    }

    private static StructField field(StructType schema, String column, String role) {
        for (StructField f : schema.fields()) {
            if (f.name().equals(column)) {
                return f;
            }
        }
        throw new IllegalArgumentException("the " + role + " column '" + column + "' is not among " + List.of(schema.fieldNames()));
    }

    static void checkArray(StructType schema, String column, String role) {
        DataType type = field(schema, column, role).dataType();
        if (!(type instanceof ArrayType a) || !(a.elementType() instanceof NumericType)) {
            throw new IllegalArgumentException("the " + role + " column '" + column + "' is " + type.simpleString()
                    + "; it must be an array of numbers (e.g. array<double>)");
        }
    }
}
