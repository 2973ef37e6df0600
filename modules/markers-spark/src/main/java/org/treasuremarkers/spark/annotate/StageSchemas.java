package org.treasuremarkers.spark.annotate;

import java.util.Arrays;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** Schema checks shared by the stages: errors name the stage, the column and what to change. */
public final class StageSchemas {
  /** map<string,string>: the type of markers and marker_origin. */
  public static final MapType STRING_MAP = DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType);

  private StageSchemas() {}

  public static void requireColumn(Identifiable stage, StructType schema, String name, DataType type) {
    if (!Arrays.asList(schema.fieldNames()).contains(name)) {
      throw new IllegalArgumentException(stage.uid() + ": input column '" + name + "' does not exist; columns are "
          + String.join(", ", schema.fieldNames()) + " (set the stage's column param to one of them)");
    }
    DataType actual = schema.apply(name).dataType();
    boolean ok = type instanceof MapType m && actual instanceof MapType a
        ? m.keyType().equals(a.keyType()) && m.valueType().equals(a.valueType())
        : actual.equals(type);
    if (!ok) {
      throw new IllegalArgumentException(stage.uid() + ": input column '" + name + "' has type "
          + actual.simpleString() + ", expected " + type.simpleString());
    }
  }

  public static StructType addColumn(Identifiable stage, StructType schema, String name, DataType type) {
    if (Arrays.asList(schema.fieldNames()).contains(name)) {
      throw new IllegalArgumentException(stage.uid() + ": output column '" + name
          + "' already exists; choose another output column name or drop the existing column");
    }
    return schema.add(new StructField(name, type, true, org.apache.spark.sql.types.Metadata.empty()));
  }
}
