package org.treasuremarkers.spark.source;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.Serializable;

/** A field of a record: a top-level name ("instruction") or a JSON Pointer ("/instances/0/input"). */
public record FieldPath(String spec) implements Serializable {

  public static FieldPath parse(String spec) {
    if (spec.startsWith("/")) {
      JsonPointer.compile(spec); // fails early on a malformed pointer
    }
    return new FieldPath(spec);
  }

  /** The value, or null when absent or JSON null. */
  public JsonNode get(JsonNode record) {
    JsonNode node = spec.startsWith("/") ? record.at(spec) : record.get(spec);
    return node == null || node.isMissingNode() || node.isNull() ? null : node;
  }

  @Override
  public String toString() {
    return spec;
  }
}
