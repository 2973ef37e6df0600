package org.treasuremarkers.spark.prepare;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.treasuremarkers.core.json.InvalidConfigException;
import org.treasuremarkers.core.json.SchemaCheckedJson;
import org.treasuremarkers.core.taxonomy.Taxonomy;

/**
 * conf/train.json, checked against datasets-schema/train-config.schema.json and then against the taxonomy
 * (marker names must be categories; a marker cannot be both protected and excluded). The model and
 * training sections are kept as JSON for the training code to read.
 */
public final class TrainConfig {
  public static final String SCHEMA = "train-config.schema.json";
  /** Where train-job packages its default copy of conf/train.json. */
  public static final String DEFAULT_RESOURCE = SchemaCheckedJson.CONF_RESOURCE_DIR + "train.json";

  private final String source;
  private final String sha256;
  private final JsonNode json;
  private final DropoutConfig dropout;

  private TrainConfig(String source, String sha256, JsonNode json, DropoutConfig dropout) {
    this.source = source;
    this.sha256 = sha256;
    this.json = json;
    this.dropout = dropout;
  }

  public static TrainConfig load(Path file, Taxonomy taxonomy) {
    return parse(file.toString(), SchemaCheckedJson.fileBytes(file), taxonomy);
  }

  public static TrainConfig parse(String source, byte[] bytes, Taxonomy taxonomy) {
    JsonNode root = SchemaCheckedJson.forSchema(SCHEMA).read(source, bytes);
    JsonNode d = root.get("dropout");
    Map<String, Double> datasetRates = new TreeMap<>();
    Map<String, Double> sampleRates = new TreeMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = d.path("per_dataset").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getValue().has("dataset_rate")) {
        datasetRates.put(e.getKey(), e.getValue().get("dataset_rate").asDouble());
      }
      if (e.getValue().has("sample_rate")) {
        sampleRates.put(e.getKey(), e.getValue().get("sample_rate").asDouble());
      }
    }
    List<String> protectedKeys = markers(source, taxonomy, d, "protected_markers");
    List<String> excludedKeys = markers(source, taxonomy, d, "prompt_excluded_markers");
    for (int i = 0; i < protectedKeys.size(); i++) {
      if (excludedKeys.contains(protectedKeys.get(i))) {
        throw new InvalidConfigException(source, "$.dropout.protected_markers[" + i + "]", "marker '" + protectedKeys.get(i)
            + "' is also in prompt_excluded_markers; a marker is either kept on the prompt side or kept off it");
      }
    }
    DropoutConfig dropout = DropoutConfig.uniform(d.get("seed").asLong(), d.get("dataset_rate").asDouble(),
        d.get("sample_rate").asDouble()).withOverrides(datasetRates, sampleRates).withMarkerLists(protectedKeys, excludedKeys);
    return new TrainConfig(source, sha256(bytes), root, dropout);
  }

  private static List<String> markers(String source, Taxonomy taxonomy, JsonNode dropout, String field) {
    List<String> out = new ArrayList<>();
    JsonNode array = dropout.path(field);
    for (int i = 0; i < array.size(); i++) {
      String key = array.get(i).asText();
      if (!taxonomy.has(key)) {
        throw new InvalidConfigException(source, "$.dropout." + field + "[" + i + "]", "unknown marker '" + key
            + "'; the taxonomy (" + taxonomy.source() + ") has: " + String.join(", ", taxonomy.names()));
      }
      out.add(key);
    }
    return out;
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public String source() {
    return source;
  }

  public String sha256() {
    return sha256;
  }

  /** The whole validated file; the training code reads its model and training sections. */
  public JsonNode json() {
    return json;
  }

  public DropoutConfig dropout() {
    return dropout;
  }
}
