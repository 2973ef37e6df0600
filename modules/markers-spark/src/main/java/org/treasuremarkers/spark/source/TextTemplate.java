package org.treasuremarkers.spark.source;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.Serializable;
import java.util.List;

/**
 * Builds a prompt or a completion from fields of a record: the first field is required and must be a string;
 * each later field is appended after the separator when it is present and non-empty (instruction + "\n\n" +
 * input).
 */
public record TextTemplate(List<FieldPath> fields, String separator) implements Serializable {

  public TextTemplate {
    fields = List.copyOf(fields);
    if (fields.isEmpty()) {
      throw new IllegalArgumentException("a text template needs at least one field");
    }
  }

  public static TextTemplate of(String... fields) {
    return new TextTemplate(java.util.Arrays.stream(fields).map(FieldPath::parse).toList(), "\n\n");
  }

  /** The text, or a {@link RecordProblem} naming the field that is missing or not a string. */
  public String apply(JsonNode record, String role) throws RecordProblem {
    FieldPath first = fields.get(0);
    JsonNode head = first.get(record);
    if (head == null) {
      throw new RecordProblem(RejectReason.MISSING_FIELD,
          role + " field '" + first + "' is missing or null");
    }
    if (!head.isTextual()) {
      throw new RecordProblem(RejectReason.NOT_A_STRING,
          role + " field '" + first + "' is a " + head.getNodeType().name().toLowerCase() + ", not a string");
    }
    if (fields.size() == 1) {
      return head.textValue();
    }
    StringBuilder text = new StringBuilder(head.textValue());
    for (int i = 1; i < fields.size(); i++) {
      FieldPath field = fields.get(i);
      JsonNode part = field.get(record);
      if (part == null) {
        continue;
      }
      if (!part.isTextual()) {
        throw new RecordProblem(RejectReason.NOT_A_STRING,
            role + " field '" + field + "' is a " + part.getNodeType().name().toLowerCase() + ", not a string");
      }
      if (!part.textValue().isEmpty()) {
        text.append(separator).append(part.textValue());
      }
    }
    return text.toString();
  }
}
