package org.treasuremarkers.spark.source;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import scala.collection.JavaConverters;

/**
 * Turns one {@link SourceRecord} into one row of {@link ParsedRecords#SCHEMA}: an ok row with prompt,
 * completion, id and markers, a blank line, or a rejection with a reason and a message naming the field and
 * value. Never throws for bad input.
 */
public final class RecordParser implements Serializable {
  private static final long serialVersionUID = 1L;
  /** Rejected raw text is kept whole, except for oversized records: their first characters only. */
  static final int OVERSIZED_RAW_CHARS = 4096;
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Set<String> RAW_FIELDS =
      Set.of("id", "dataset", "prompt", "completion", "quality", "markers", "metadata");

  private final SourcesConfig config;
  private transient Map<String, Map<String, String>> datasetMarkersByFile;

  public RecordParser(SourcesConfig config) {
    this.config = config;
  }

  public Row parse(SourceRecord record) {
    SourceDefinition source = config.sources().get(record.source());
    String dataset = source.name();
    String text = record.text();
    try {
      if (record.readProblem() != null) {
        throw new RecordProblem(RejectReason.MALFORMED_JSON, record.readProblem());
      }
      if (source.format().lineBased() && text.isBlank()) {
        return row(record, dataset, ParsedRecords.BLANK, null, null, null, null, null, null, null, null, null);
      }
      long bytes = utf8Length(text, config.maxRecordBytes());
      if (bytes > config.maxRecordBytes()) {
        String raw = text.substring(0, Math.min(text.length(), OVERSIZED_RAW_CHARS));
        return row(record, dataset, ParsedRecords.REJECTED, RejectReason.OVERSIZED.label(),
            "record has more than " + config.maxRecordBytes() + " bytes (maxRecordBytes); raw text cut to its first "
                + raw.length() + " characters",
            raw, null, null, null, null, null, null);
      }
      JsonNode node = source.format() == SourceFormat.TSV ? tsvRecord(source, text) : json(text);
      if (source.rawSchema()) {
        dataset = rawDataset(node, source.name());
      }
      String prompt = source.prompt().apply(node, "prompt");
      String completion = source.completion().apply(node, "completion");
      String id = id(source, node);
      if (id == null) {
        id = StableId.of(dataset, prompt, completion);
      }
      Double quality = quality(source, node);
      Map<String, String> inputMarkers = source.rawSchema() ? rawMarkers(node) : fieldMarkers(source, node);
      if (source.rawSchema()) {
        checkRawExtras(node);
      }
      // raw text is kept for rows with preset markers only: the one way an ok row can still be rejected later
      return row(record, dataset, ParsedRecords.OK, null, null, inputMarkers.isEmpty() ? null : text, id, prompt,
          completion, quality,
          inputMarkers, datasetMarkers(source, record.file()));
    } catch (RecordProblem p) {
      return row(record, dataset, ParsedRecords.REJECTED, p.reason().label(), p.getMessage(), text,
          null, null, null, null, null, null);
    }
  }

  /** UTF-8 length, computed exactly only when it could exceed the limit (a char is 1 to 3 bytes). */
  static long utf8Length(String text, long limit) {
    if ((long) text.length() * 3 <= limit) {
      return text.length();
    }
    return text.getBytes(StandardCharsets.UTF_8).length;
  }

  private static JsonNode json(String text) throws RecordProblem {
    JsonNode node;
    try {
      node = MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new RecordProblem(RejectReason.MALFORMED_JSON, "not valid JSON: " + e.getOriginalMessage()
          + (e.getLocation() == null ? "" : " (column " + e.getLocation().getColumnNr() + ")"));
    }
    if (node == null || node.isMissingNode()) {
      throw new RecordProblem(RejectReason.MALFORMED_JSON, "not valid JSON: no value");
    }
    if (!node.isObject()) {
      throw new RecordProblem(RejectReason.NOT_AN_OBJECT,
          "a JSON " + node.getNodeType().name().toLowerCase() + ", not an object; each record must be {...}");
    }
    return node;
  }

  private static JsonNode tsvRecord(SourceDefinition source, String text) throws RecordProblem {
    String[] cells = text.split("\t", -1);
    List<String> columns = source.columns();
    if (cells.length != columns.size()) {
      throw new RecordProblem(RejectReason.WRONG_COLUMN_COUNT, cells.length + " tab-separated columns, expected "
          + columns.size() + " (" + String.join(", ", columns) + ")");
    }
    ObjectNode node = MAPPER.createObjectNode();
    for (int i = 0; i < cells.length; i++) {
      node.put(columns.get(i), cells[i]);
    }
    return node;
  }

  private static String rawDataset(JsonNode node, String fallback) throws RecordProblem {
    JsonNode value = node.get("dataset");
    if (value == null || value.isNull()) {
      if (fallback == null) {
        throw new RecordProblem(RejectReason.MISSING_FIELD,
            "field 'dataset' is missing or null (or run with --dataset NAME to name rows without one)");
      }
      return fallback;
    }
    if (!value.isTextual()) {
      throw new RecordProblem(RejectReason.NOT_A_STRING, "field 'dataset' is a " + type(value) + ", not a string");
    }
    if (value.textValue().isEmpty()) {
      throw new RecordProblem(RejectReason.INVALID_FIELD, "field 'dataset' is empty; it names the dataset");
    }
    return value.textValue();
  }

  private static String id(SourceDefinition source, JsonNode node) throws RecordProblem {
    if (source.id() == null) {
      return null;
    }
    JsonNode value = source.id().get(node);
    if (value == null) {
      return null;
    }
    if (value.isTextual() && !value.textValue().isEmpty()) {
      return value.textValue();
    }
    if (!source.rawSchema() && value.isIntegralNumber()) {
      return value.asText();
    }
    throw new RecordProblem(RejectReason.INVALID_FIELD, "id field '" + source.id() + "' is "
        + (value.isTextual() ? "empty" : "a " + type(value)) + "; it must be a non-empty string (or absent)");
  }

  private static Double quality(SourceDefinition source, JsonNode node) throws RecordProblem {
    if (source.quality() == null) {
      return null;
    }
    JsonNode value = source.quality().get(node);
    if (value == null) {
      return null;
    }
    if (!value.isNumber()) {
      throw new RecordProblem(RejectReason.INVALID_FIELD,
          "quality field '" + source.quality() + "' is a " + type(value) + " (" + abbreviate(value) + "), not a number");
    }
    return value.doubleValue();
  }

  private static Map<String, String> rawMarkers(JsonNode node) throws RecordProblem {
    return stringMap(node, "markers");
  }

  private static void checkRawExtras(JsonNode node) throws RecordProblem {
    stringMap(node, "metadata");
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!RAW_FIELDS.contains(key)) {
        throw new RecordProblem(RejectReason.UNKNOWN_FIELD, "unknown field '" + key + "'; a raw example has: "
            + String.join(", ", new java.util.TreeSet<>(RAW_FIELDS)) + " (put extra attributes under metadata)");
      }
    }
  }

  private static Map<String, String> stringMap(JsonNode node, String field) throws RecordProblem {
    JsonNode value = node.get(field);
    Map<String, String> out = new TreeMap<>();
    if (value == null || value.isNull()) {
      return out;
    }
    if (!value.isObject()) {
      throw new RecordProblem(RejectReason.INVALID_FIELD,
          "field '" + field + "' is a " + type(value) + "; it must be an object of strings");
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!e.getValue().isTextual()) {
        throw new RecordProblem(RejectReason.INVALID_FIELD, "field '" + field + "." + e.getKey() + "' is a "
            + type(e.getValue()) + " (" + abbreviate(e.getValue()) + "); values must be strings");
      }
      out.put(e.getKey(), e.getValue().textValue());
    }
    return out;
  }

  private static Map<String, String> fieldMarkers(SourceDefinition source, JsonNode node) {
    Map<String, String> out = new TreeMap<>();
    for (DerivedMarker d : source.derivedMarkers()) {
      if (!d.fromFile()) {
        String value = d.valueForRecord(node);
        if (value != null) {
          out.putIfAbsent(d.marker(), value);
        }
      }
    }
    return out;
  }

  private Map<String, String> datasetMarkers(SourceDefinition source, String file) {
    if (datasetMarkersByFile == null) {
      datasetMarkersByFile = new HashMap<>();
    }
    return datasetMarkersByFile.computeIfAbsent(source.name() + "\u0000" + file, k -> {
      Map<String, String> out = new TreeMap<>(source.markers());
      String fileName = file.substring(file.lastIndexOf('/') + 1);
      for (DerivedMarker d : source.derivedMarkers()) {
        if (d.fromFile()) {
          String value = d.valueForFile(fileName);
          if (value != null) {
            out.put(d.marker(), value); // the file says more than the dataset
          }
        }
      }
      return out;
    });
  }

  private static String type(JsonNode node) {
    return node.getNodeType().name().toLowerCase();
  }

  private static String abbreviate(JsonNode node) {
    String s = node.toString();
    return s.length() <= 40 ? s : s.substring(0, 40) + "...";
  }

  private static Row row(SourceRecord r, String dataset, String status, String reason, String detail, String raw,
      String id, String prompt, String completion, Double quality, Map<String, String> inputMarkers,
      Map<String, String> datasetMarkers) {
    return RowFactory.create(dataset, r.file(), r.line(), r.row(), status, reason, detail, raw, id, prompt,
        completion, quality, scalaMap(inputMarkers), scalaMap(datasetMarkers));
  }

  private static scala.collection.Map<String, String> scalaMap(Map<String, String> map) {
    return map == null ? null : JavaConverters.mapAsScalaMap(map);
  }
}
