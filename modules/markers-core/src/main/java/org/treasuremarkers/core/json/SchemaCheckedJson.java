package org.treasuremarkers.core.json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads a JSON configuration file and checks it against one of the schemas in {@code datasets-schema/}
 * (packaged on the classpath), turning validator output into messages that say where and what is allowed.
 */
public final class SchemaCheckedJson {
  /** Classpath folder holding the files of {@code datasets-schema/}. */
  public static final String SCHEMA_RESOURCE_DIR = "treasure-markers/datasets-schema/";
  /** Classpath folder holding the default files of {@code conf/}. */
  public static final String CONF_RESOURCE_DIR = "treasure-markers/conf/";

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final String schemaName;
  private final JsonNode schemaNode;
  private final JsonSchema schema;

  private SchemaCheckedJson(String schemaName, JsonNode schemaNode) {
    this.schemaName = schemaName;
    this.schemaNode = schemaNode;
    this.schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schemaNode);
  }

  /** A checker for {@code datasets-schema/<schemaFile>}. */
  public static SchemaCheckedJson forSchema(String schemaFile) {
    return new SchemaCheckedJson(schemaFile, parse(schemaFile, resourceBytes(SCHEMA_RESOURCE_DIR + schemaFile)));
  }

  /** The raw bytes of a packaged resource, e.g. {@code treasure-markers/conf/taxonomy.json}. */
  public static byte[] resourceBytes(String resource) {
    try (InputStream in = SchemaCheckedJson.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("resource " + resource + " is missing from the classpath; rebuild markers-core");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static byte[] fileBytes(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new InvalidConfigException(file.toString(), "file not found", e);
    } catch (IOException e) {
      throw new InvalidConfigException(file.toString(), "cannot be read: " + e.getMessage(), e);
    }
  }

  /** Parses JSON; a syntax error names the file, line and column. */
  public static JsonNode parse(String file, byte[] json) {
    try {
      JsonNode node = MAPPER.readTree(json);
      if (node == null || node.isMissingNode()) {
        throw new InvalidConfigException(file, "$", "the file is empty; expected a JSON object");
      }
      return node;
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where = at == null ? "" : " at line " + at.getLineNr() + " column " + at.getColumnNr();
      throw new InvalidConfigException(file, "is not valid JSON" + where + ": " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Parses {@code json} and validates it; throws on the first problem (in document order). */
  public JsonNode read(String file, byte[] json) {
    JsonNode node = parse(file, json);
    List<ValidationMessage> problems = new ArrayList<>(schema.validate(node));
    if (!problems.isEmpty()) {
      problems.sort(Comparator.comparing(ValidationMessage::getPath).thenComparing(ValidationMessage::getType));
      ValidationMessage first = mostSpecific(problems);
      throw new InvalidConfigException(file, first.getPath(), describe(first, node) + " (schema " + schemaName + ")");
    }
    return node;
  }

  // if/then schemas report the same location more than once; the message with a concrete keyword is most useful.
  private static ValidationMessage mostSpecific(List<ValidationMessage> problems) {
    for (ValidationMessage m : problems) {
      if (!"if".equals(m.getType()) && !"then".equals(m.getType()) && !"allOf".equals(m.getType())) {
        return m;
      }
    }
    return problems.get(0);
  }

  private String describe(ValidationMessage m, JsonNode document) {
    String message = m.getMessage();
    String path = m.getPath();
    int colon = message.indexOf(": ");
    String text = colon >= 0 && message.startsWith(path) ? message.substring(colon + 2) : message;
    switch (m.getType()) {
      case "additionalProperties" -> {
        Set<String> allowed = allowedKeys(m.getSchemaPath());
        String key = m.getArguments() != null && m.getArguments().length > 0 ? m.getArguments()[0] : "?";
        return "unknown key '" + key + "'" + (allowed.isEmpty() ? "" : "; allowed keys here: " + String.join(", ", allowed));
      }
      case "uniqueItems" -> {
        String dup = firstDuplicate(at(document, path));
        return "duplicate value" + (dup == null ? "" : " " + dup) + "; every value may appear only once";
      }
      case "required" -> {
        // networknt puts the missing key in the arguments, not in its message ("$.x: is missing but it is required")
        String key = m.getArguments() != null && m.getArguments().length > 0 ? m.getArguments()[0] : "?";
        Set<String> allowed = allowedKeys(m.getSchemaPath());
        return "required key '" + key + "' is missing" + (allowed.isEmpty() ? "" : "; keys here: " + String.join(", ", allowed));
      }
      default -> {
        return text;
      }
    }
  }

  private Set<String> allowedKeys(String schemaPath) {
    // "#/$defs/category/allOf/0/then/additionalProperties" -> the "properties" next to it
    if (schemaPath == null || !schemaPath.startsWith("#")) {
      return Set.of();
    }
    String parent = schemaPath.substring(1, schemaPath.lastIndexOf('/'));
    JsonNode owner = schemaNode.at(parent);
    Set<String> keys = new TreeSet<>();
    if (owner.has("properties")) {
      owner.get("properties").fieldNames().forEachRemaining(keys::add);
    }
    return keys;
  }

  private static JsonNode at(JsonNode document, String dollarPath) {
    // "$.categories.task.values" -> "/categories/task/values"; array indexes "[3]" -> "/3"
    String pointer = dollarPath.replaceFirst("^\\$", "").replaceAll("\\[(\\d+)]", ".$1").replace('.', '/');
    return document.at(pointer);
  }

  private static String firstDuplicate(JsonNode array) {
    if (array == null || !array.isArray()) {
      return null;
    }
    Set<JsonNode> seen = new HashSet<>();
    for (Iterator<JsonNode> it = array.elements(); it.hasNext(); ) {
      JsonNode item = it.next();
      if (!seen.add(item)) {
        return item.toString();
      }
    }
    return null;
  }
}
