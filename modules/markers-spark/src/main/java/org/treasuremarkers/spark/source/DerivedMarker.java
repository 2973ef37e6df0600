package org.treasuremarkers.spark.source;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.Serializable;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A marker read from the file name (a dataset-level marker that differs per file, e.g. mgsm_bn.tsv -> lang
 * Bengali) or from a field of the record (a row's own label, e.g. is_classification -> task Classification).
 * With a values map, a value missing from it gives no marker.
 */
public record DerivedMarker(String marker, String fromFileName, FieldPath fromField, Map<String, String> values)
    implements Serializable {

  public DerivedMarker {
    values = values == null ? null : Map.copyOf(values);
    if ((fromFileName == null) == (fromField == null)) {
      throw new IllegalArgumentException("a derived marker takes either fromFileName or fromField");
    }
    if (fromFileName != null) {
      Pattern p = Pattern.compile(fromFileName);
      if (p.matcher("").groupCount() != 1) {
        throw new IllegalArgumentException("fromFileName '" + fromFileName + "' needs exactly one group (...)");
      }
    }
  }

  public boolean fromFile() {
    return fromFileName != null;
  }

  /** The value for a file name (without folder), or null. */
  public String valueForFile(String fileName) {
    Matcher m = Pattern.compile(fromFileName).matcher(fileName);
    return m.find() ? map(m.group(1)) : null;
  }

  /** The value for a record, or null. */
  public String valueForRecord(JsonNode record) {
    JsonNode node = fromField.get(record);
    if (node == null || node.isContainerNode()) {
      return null;
    }
    return map(node.asText());
  }

  private String map(String raw) {
    if (raw == null) {
      return null;
    }
    return values == null ? raw : values.get(raw);
  }
}
