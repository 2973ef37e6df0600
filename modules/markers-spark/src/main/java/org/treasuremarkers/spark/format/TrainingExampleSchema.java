package org.treasuremarkers.spark.format;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.treasuremarkers.core.json.SchemaCheckedJson;

/**
 * The Spark schema of a prepared training row, read from datasets-schema/training-example.schema.json
 * (the one source of truth): its properties in file order, strings as string, marker objects as
 * map&lt;string,string&gt;, enums as string.
 */
public final class TrainingExampleSchema {
  public static final String FILE = "training-example.schema.json";

  private TrainingExampleSchema() {}

  public static JsonNode json() {
    return SchemaCheckedJson.parse(FILE, SchemaCheckedJson.resourceBytes(SchemaCheckedJson.SCHEMA_RESOURCE_DIR + FILE));
  }

  public static StructType struct() {
    StructType out = new StructType();
    JsonNode properties = json().get("properties");
    for (Iterator<Map.Entry<String, JsonNode>> it = properties.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      out = out.add(e.getKey(), sparkType(e.getKey(), e.getValue()), true);
    }
    return out;
  }

  public static String[] columns() {
    return struct().fieldNames();
  }

  private static DataType sparkType(String name, JsonNode property) {
    if (property.has("enum") || "string".equals(property.path("type").asText())) {
      return DataTypes.StringType;
    }
    if ("object".equals(property.path("type").asText())
        && "string".equals(property.path("additionalProperties").path("type").asText())) {
      return DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType);
    }
    throw new IllegalStateException(FILE + ": property '" + name + "' has a type this code cannot map to Spark: " + property);
  }
}
