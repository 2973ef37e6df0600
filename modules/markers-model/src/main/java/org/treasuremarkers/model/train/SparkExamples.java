package org.treasuremarkers.model.train;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.treasuremarkers.model.data.HeldOutSplit;
import org.treasuremarkers.model.data.SequenceEncoder;
import org.treasuremarkers.model.data.TokenizedExample;

/**
 * Prepared training rows (id, input_text, target_text; datasets-schema/training-example.schema.json) into
 * tokenized sequences on the executors, keeping the held-out split out of training.
 */
public final class SparkExamples {
  public static final String ID = "id";
  public static final String INPUT = "input_text";
  public static final String TARGET = "target_text";

  private SparkExamples() {}

  /** Checks the columns before any job runs. */
  public static void requireColumns(StructType schema) {
    for (String column : new String[] {ID, INPUT, TARGET}) {
      if (!java.util.Arrays.asList(schema.fieldNames()).contains(column)) {
        throw new IllegalArgumentException("training input has no '" + column + "' column (found "
            + String.join(", ", schema.fieldNames()) + "); train on train-job --prepare-only output"
            + " (datasets-schema/training-example.schema.json)");
      }
      if (!schema.apply(column).dataType().equals(DataTypes.StringType)) {
        throw new IllegalArgumentException("training input column '" + column + "' must be a string, found "
            + schema.apply(column).dataType().simpleString());
      }
    }
  }

  /** Tokenized training examples: rows not in the held-out split, tokenized per partition. */
  public static JavaRDD<TokenizedExample> training(Dataset<Row> rows, SequenceEncoder encoder, HeldOutSplit split) {
    requireColumns(rows.schema());
    return rows.select(ID, INPUT, TARGET).javaRDD()
        .filter(r -> !split.isHeldOut(r.getString(0)))
        .mapPartitions(it -> new java.util.Iterator<TokenizedExample>() {
          @Override
          public boolean hasNext() {
            return it.hasNext();
          }

          @Override
          public TokenizedExample next() {
            Row r = it.next();
            return encoder.encode(r.getString(0), nullToEmpty(r.getString(1)), nullToEmpty(r.getString(2)));
          }
        });
  }

  /** The held-out rows (for evaluation). */
  public static Dataset<Row> heldOut(Dataset<Row> rows, HeldOutSplit split) {
    requireColumns(rows.schema());
    return rows.filter((org.apache.spark.api.java.function.FilterFunction<Row>) r ->
        split.isHeldOut(r.getString(r.fieldIndex(ID))));
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}
