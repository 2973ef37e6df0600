package org.treasuremarkers.spark.source;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.treasuremarkers.core.json.InvalidConfigException;
import org.treasuremarkers.core.json.SchemaCheckedJson;
import org.treasuremarkers.core.taxonomy.InvalidMarkerException;
import org.treasuremarkers.core.taxonomy.Taxonomy;

/**
 * The inputs of one annotate run: a sources file ({@code conf/sources.json}, checked against
 * {@code datasets-schema/sources.schema.json} and the taxonomy) or plain raw-example files.
 *
 * @param maxRecordBytes records longer than this (UTF-8 bytes) are rejected as oversized
 */
public record SourcesConfig(String origin, List<SourceDefinition> sources, long maxRecordBytes) implements Serializable {
  public static final long DEFAULT_MAX_RECORD_BYTES = 1L << 20;

  private static final SchemaCheckedJson SCHEMA = SchemaCheckedJson.forSchema("sources.schema.json");

  public SourcesConfig {
    sources = List.copyOf(sources);
    if (maxRecordBytes < 1) {
      throw new IllegalArgumentException("maxRecordBytes must be at least 1, found " + maxRecordBytes);
    }
  }

  /** Raw-example files given with --input (one source; dataset from each row, else {@code defaultDataset}). */
  public static SourcesConfig rawInput(List<String> paths, SourceFormat format, String defaultDataset, long maxRecordBytes) {
    return new SourcesConfig("--input", List.of(SourceDefinition.rawInput(paths, format, defaultDataset)), maxRecordBytes);
  }

  /** Loads and checks a sources file; relative paths start at its baseDir (default: the file's folder). */
  public static SourcesConfig load(Path file, Taxonomy taxonomy) {
    String name = file.toString();
    JsonNode root = SCHEMA.read(name, SchemaCheckedJson.fileBytes(file));
    Path folder = file.toAbsolutePath().getParent();
    Path base = root.has("baseDir") ? folder.resolve(root.get("baseDir").asText()).normalize() : folder;
    long maxBytes = root.path("maxRecordBytes").asLong(DEFAULT_MAX_RECORD_BYTES);
    List<SourceDefinition> sources = new ArrayList<>();
    Set<String> names = new HashSet<>();
    JsonNode array = root.get("sources");
    for (int i = 0; i < array.size(); i++) {
      String at = "$.sources[" + i + "]";
      SourceDefinition source = source(name, at, array.get(i), base, taxonomy);
      if (!names.add(source.name())) {
        throw new InvalidConfigException(name, at + ".name", "duplicate source name '" + source.name()
            + "'; each source needs its own name (it names the examples/ partition)");
      }
      sources.add(source);
    }
    return new SourcesConfig(name, sources, maxBytes);
  }

  private static SourceDefinition source(String file, String at, JsonNode node, Path base, Taxonomy taxonomy) {
    List<String> paths = new ArrayList<>();
    node.get("paths").forEach(p -> paths.add(resolve(base, p.asText())));
    SourceFormat format = SourceFormat.fromLabel(node.get("format").asText());
    List<String> columns = null;
    if (node.has("columns")) {
      if (format != SourceFormat.TSV) {
        throw new InvalidConfigException(file, at + ".columns", "columns are for tsv sources only; this source is "
            + format.label() + " (remove columns, or set format to tsv)");
      }
      columns = new ArrayList<>();
      for (JsonNode c : node.get("columns")) {
        columns.add(c.asText());
      }
    }
    if (format == SourceFormat.TSV && columns == null) {
      throw new InvalidConfigException(file, at, "a tsv source needs columns: the names of its tab-separated columns,"
          + " in order (e.g. \"columns\": [\"question\", \"answer\"])");
    }
    Map<String, String> markers = new LinkedHashMap<>();
    node.path("markers").fields().forEachRemaining(e -> markers.put(e.getKey(),
        checkedMarker(file, at + ".markers." + e.getKey(), taxonomy, e.getKey(), e.getValue().asText())));
    List<DerivedMarker> derived = new ArrayList<>();
    JsonNode derivedNodes = node.path("derivedMarkers");
    for (int i = 0; i < derivedNodes.size(); i++) {
      derived.add(derivedMarker(file, at + ".derivedMarkers[" + i + "]", derivedNodes.get(i), taxonomy));
    }
    return new SourceDefinition(node.get("name").asText(), paths, format, columns,
        node.has("id") ? field(file, at + ".id", node.get("id").asText()) : null,
        template(file, at + ".prompt", node.get("prompt")),
        template(file, at + ".completion", node.get("completion")),
        node.has("quality") ? field(file, at + ".quality", node.get("quality").asText()) : null,
        markers, derived, false);
  }

  private static DerivedMarker derivedMarker(String file, String at, JsonNode node, Taxonomy taxonomy) {
    String marker = node.get("marker").asText();
    if (!taxonomy.has(marker)) {
      throw new InvalidConfigException(file, at + ".marker", "unknown marker '" + marker + "'; the taxonomy ("
          + taxonomy.source() + ") has: " + String.join(", ", taxonomy.names()));
    }
    Map<String, String> values = null;
    if (node.has("values")) {
      values = new LinkedHashMap<>();
      for (var it = node.get("values").fields(); it.hasNext(); ) {
        var e = it.next();
        values.put(e.getKey(), checkedMarker(file, at + ".values." + e.getKey(), taxonomy, marker, e.getValue().asText()));
      }
    }
    try {
      return new DerivedMarker(marker, node.has("fromFileName") ? node.get("fromFileName").asText() : null,
          node.has("fromField") ? field(file, at + ".fromField", node.get("fromField").asText()) : null, values);
    } catch (IllegalArgumentException e) {
      throw new InvalidConfigException(file, at, e.getMessage());
    }
  }

  private static TextTemplate template(String file, String at, JsonNode node) {
    List<FieldPath> fields = new ArrayList<>();
    for (int i = 0; i < node.get("fields").size(); i++) {
      fields.add(field(file, at + ".fields[" + i + "]", node.get("fields").get(i).asText()));
    }
    return new TextTemplate(fields, node.has("separator") ? node.get("separator").asText() : "\n\n");
  }

  private static FieldPath field(String file, String at, String spec) {
    try {
      return FieldPath.parse(spec);
    } catch (IllegalArgumentException e) {
      throw new InvalidConfigException(file, at, "'" + spec + "' is not a field name or a JSON Pointer: " + e.getMessage());
    }
  }

  private static String checkedMarker(String file, String at, Taxonomy taxonomy, String key, String value) {
    try {
      return taxonomy.canonical(key, value);
    } catch (InvalidMarkerException e) {
      throw new InvalidConfigException(file, at, e.getMessage());
    }
  }

  /** Absolute paths and URIs (hdfs://, s3a://, file:) stay as they are. */
  private static String resolve(Path base, String path) {
    if (path.matches("^[A-Za-z][A-Za-z0-9+.-]*:.*") || Path.of(path).isAbsolute()) {
      return path;
    }
    return base.resolve(path).normalize().toString();
  }
}
