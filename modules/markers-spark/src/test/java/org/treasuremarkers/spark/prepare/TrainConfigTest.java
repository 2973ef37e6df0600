package org.treasuremarkers.spark.prepare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.treasuremarkers.core.json.InvalidConfigException;
import org.treasuremarkers.core.taxonomy.Taxonomy;
import org.treasuremarkers.core.taxonomy.TaxonomyLoader;

class TrainConfigTest {
  private static final Taxonomy TAXONOMY = TaxonomyLoader.loadDefault();

  @Test
  void theShippedConfigurationLoads() {
    Path file = Path.of(System.getProperty("treasure.projectDir", "../.."), "conf", "train.json");
    DropoutConfig dropout = TrainConfig.load(file, TAXONOMY).dropout();
    assertEquals(0.5, dropout.datasetRate());
    assertEquals(0.5, dropout.sampleRate());
    assertEquals(List.of("quality"), dropout.promptExcludedMarkers());
  }

  @Test
  void overridesAndMarkerListsAreRead() {
    TrainConfig config = parse("""
        {"dropout": {"seed": 3, "dataset_rate": 0.7, "sample_rate": 0.4,
          "per_dataset": {"mgsm": {"dataset_rate": 0.1}, "aya": {"sample_rate": 0.9}},
          "protected_markers": ["lang"], "prompt_excluded_markers": ["quality", "length_tokens"]}}""");
    DropoutConfig d = config.dropout();
    assertEquals(3, d.seed());
    assertEquals(Map.of("mgsm", 0.1), d.datasetRateOverrides());
    assertEquals(Map.of("aya", 0.9), d.sampleRateOverrides());
    assertEquals(0.1, d.datasetRateFor("mgsm"));
    assertEquals(0.7, d.datasetRateFor("aya"));
    assertEquals(List.of("lang"), d.protectedMarkers());
    assertEquals(SHIPPED.get("model"), config.json().get("model"), "the other sections are kept as read");
  }

  @Test
  void badValuesAreRefusedNamingFilePathAndValue() {
    assertMessage("{\"dropout\": {\"seed\": 1, \"dataset_rate\": 1.5, \"sample_rate\": 0.5}}", "$.dropout.dataset_rate");
    assertMessage("{\"dropout\": {\"seed\": 1, \"dataset_rate\": 0.5, \"sample_rate\": 0.5, \"per_dataset\": {\"mgsm\": {\"sample_rate\": -1}}}}",
        "$.dropout.per_dataset.mgsm.sample_rate");
    assertMessage("{\"dropout\": {\"seed\": 1, \"dataset_rate\": 0.5, \"sample_rate\": 0.5, \"protected_markers\": [\"colour\"]}}",
        "$.dropout.protected_markers[0]: unknown marker 'colour'");
    assertMessage("{\"dropout\": {\"seed\": 1, \"dataset_rate\": 0.5, \"sample_rate\": 0.5, \"protected_markers\": [\"lang\"], "
        + "\"prompt_excluded_markers\": [\"lang\"]}}", "'lang' is also in prompt_excluded_markers");
    assertMessage("{\"dropout\": {\"seed\": 1, \"dataset_rate\": 0.5, \"sample_rate\": 0.5, \"rate\": 0.5}}", "unknown key 'rate'");
    // SchemaCheckedJson (markers-core) drops the missing key's name from this message; the path is still there.
    assertMessage("{\"dropout\": {\"dataset_rate\": 0.5, \"sample_rate\": 0.5}}", "at $.dropout: required key 'seed' is missing");
  }

  private static void assertMessage(String json, String expected) {
    InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> parse(json));
    assertTrue(e.getMessage().startsWith("test-train.json: ") && e.getMessage().contains(expected), e.getMessage());
  }

  /** The dropout section under test, next to the shipped model and training sections the schema also requires. */
  private static TrainConfig parse(String dropoutJson) {
    try {
      com.fasterxml.jackson.databind.node.ObjectNode json =
          (com.fasterxml.jackson.databind.node.ObjectNode) MAPPER.readTree(dropoutJson);
      json.set("model", SHIPPED.get("model"));
      json.set("training", SHIPPED.get("training"));
      return TrainConfig.parse("test-train.json", MAPPER.writeValueAsBytes(json), TAXONOMY);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static final com.fasterxml.jackson.databind.ObjectMapper MAPPER = new com.fasterxml.jackson.databind.ObjectMapper();
  private static final com.fasterxml.jackson.databind.JsonNode SHIPPED = readShipped();

  private static com.fasterxml.jackson.databind.JsonNode readShipped() {
    try {
      return MAPPER.readTree(Path.of(System.getProperty("treasure.projectDir", "../.."), "conf", "train.json").toFile());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
