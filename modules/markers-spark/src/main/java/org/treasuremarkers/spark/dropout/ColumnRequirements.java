package org.treasuremarkers.spark.dropout;

import java.util.Arrays;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Input checks shared by the marker stages' {@code transformSchema}: a missing or ill-typed column is
 * reported before any job runs, naming the stage, the param that names the column, and what was found.
 */
public final class ColumnRequirements {
  public static final DataType MARKERS = DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType);

  private ColumnRequirements() {}

  public static void require(StructType schema, String stage, String param, String column, DataType expected) {
    StructField field = Arrays.stream(schema.fields()).filter(f -> f.name().equals(column)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException(stage + ": input has no column '" + column + "' (param "
            + param + "); it has " + Arrays.toString(schema.fieldNames()) + ". Set " + param
            + " to the column holding " + expected.simpleString() + "."));
    if (!sameType(field.dataType(), expected)) {
      throw new IllegalArgumentException(stage + ": column '" + column + "' (param " + param + ") has type "
          + field.dataType().simpleString() + "; expected " + expected.simpleString() + ".");
    }
  }

  /** Parquet and Spark disagree on map value nullability; only the shape matters here. */
  private static boolean sameType(DataType actual, DataType expected) {
    return actual.sameType(expected);
  }

  /** The schema with {@code column} added (or replaced in place, keeping its position). */
  public static StructType withColumn(StructType schema, String column, DataType type) {
    StructField field = new StructField(column, type, true, org.apache.spark.sql.types.Metadata.empty());
    if (Arrays.asList(schema.fieldNames()).contains(column)) {
      return new StructType(Arrays.stream(schema.fields())
          .map(f -> f.name().equals(column) ? field : f).toArray(StructField[]::new));
    }
    return schema.add(field);
  }
}
