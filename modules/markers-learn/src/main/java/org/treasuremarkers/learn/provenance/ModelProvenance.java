package org.treasuremarkers.learn.provenance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * The provenance.json of a shipped model (see models/README.md): what it is, which taxonomy it speaks, every
 * source file it learned from with its SHA-256 and licence, its parameters and its evaluation figures. One shape
 * for every shipped model, so a test can check any of them the same way.
 */
public final class ModelProvenance {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final ObjectNode root = JSON.createObjectNode();
  private final ArrayNode sources;

  /**
   * @param name what the model is, e.g. "tagger"
   * @param version the model folder's version, e.g. "1"
   * @param taxonomyVersion the {@code version} of the taxonomy its labels come from
   */
  public ModelProvenance(String name, String version, String taxonomyVersion) {
    root.put("name", name);
    root.put("version", version);
    root.put("taxonomy_version", taxonomyVersion);
    root.put("created", Instant.now().toString());
    sources = root.putArray("sources");
    root.putObject("parameters");
    root.putObject("metrics");
  }

  /** A source file: its path relative to the datasets folder, its hash, its licence and how many rows it gave. */
  public ModelProvenance source(Path datasets, Path file, String licence, long rows) {
    ObjectNode s = sources.addObject();
    s.put("path", datasets.relativize(file).toString().replace('\\', '/'));
    s.put("sha256", Sha256.of(file));
    s.put("licence", licence);
    s.put("rows", rows);
    return this;
  }

  public ObjectNode parameters() {
    return (ObjectNode) root.get("parameters");
  }

  public ObjectNode metrics() {
    return (ObjectNode) root.get("metrics");
  }

  public ObjectNode root() {
    return root;
  }

  public void write(Path file) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.writeString(file, JSON.writeValueAsString(root) + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  public static JsonNode read(Path file) {
    try {
      return JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the provenance " + file, e);
    }
  }
}
