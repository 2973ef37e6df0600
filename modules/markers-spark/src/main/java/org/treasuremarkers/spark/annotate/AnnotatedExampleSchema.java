package org.treasuremarkers.spark.annotate;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.treasuremarkers.core.json.SchemaCheckedJson;

/**
 * The Spark schema of annotate-job's examples/, derived from {@code datasets-schema/annotated-example.schema.json}
 * (the one source of truth): columns in the schema's "required" order; strings stay strings, numbers become
 * doubles (a type list with "null" is a nullable column), objects of strings become map&lt;string,string&gt;.
 */
public final class AnnotatedExampleSchema {
  public static final String FILE = "annotated-example.schema.json";

  private AnnotatedExampleSchema() {}

  public static StructType sparkSchema() {
    JsonNode schema = SchemaCheckedJson.parse(FILE,
        SchemaCheckedJson.resourceBytes(SchemaCheckedJson.SCHEMA_RESOURCE_DIR + FILE));
    List<StructField> fields = new ArrayList<>();
    for (JsonNode name : schema.get("required")) {
      JsonNode property = schema.get("properties").get(name.asText());
      fields.add(DataTypes.createStructField(name.asText(), type(name.asText(), property), true));
    }
    return DataTypes.createStructType(fields);
  }

  private static DataType type(String name, JsonNode property) {
    String type = property.path("type").asText();
    if (property.path("type").isArray()) { // ["number", "null"]: the non-null type, nullable as every column is
      for (JsonNode t : property.path("type")) {
        if (!"null".equals(t.asText())) {
          type = t.asText();
        }
      }
    }
    return switch (type) {
      case "string" -> DataTypes.StringType;
      case "number" -> DataTypes.DoubleType;
      case "object" -> StageSchemas.STRING_MAP;
      default -> throw new IllegalStateException(FILE + ": property '" + name + "' has type '" + type
          + "', which has no Spark column type here; extend AnnotatedExampleSchema");
    };
  }
}
