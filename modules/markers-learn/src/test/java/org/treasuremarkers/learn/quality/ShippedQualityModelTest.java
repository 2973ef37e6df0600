package org.treasuremarkers.learn.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.treasuremarkers.core.quality.QualityModel;
import org.treasuremarkers.core.quality.QualityFeatures;
import org.treasuremarkers.core.testing.SharedDatasets;
import org.treasuremarkers.learn.provenance.ModelProvenance;
import org.treasuremarkers.learn.provenance.Sha256;

/** The shipped model folder is what train-quality makes from ../shared/datasets (skipped without it; CI fails). */
class ShippedQualityModelTest {
  private static final Path FOLDER = Path.of(System.getProperty("treasure.projectDir", "../.."), "models/quality/v1");

  @Test
  void theShippedModelNamesTheSharedFilesByHashAndMeetsItsTargets() throws Exception {
    Path datasets = SharedDatasets.require();
    JsonNode provenance = ModelProvenance.read(FOLDER.resolve("provenance.json"));
    assertEquals(10, provenance.get("sources").size());
    for (JsonNode s : provenance.get("sources")) {
      Path file = datasets.resolve(s.get("path").asText());
      assertTrue(Files.isRegularFile(file), "source " + file);
      assertEquals(Sha256.of(file), s.get("sha256").asText(), "the shipped model learned from other bytes: " + file);
    }
    AlpacaEvalPrefs.Result data = AlpacaEvalPrefs.read(datasets.resolve(AlpacaEvalPrefs.FOLDER));
    assertEquals(provenance.at("/parameters/pairs").asInt(), data.pairs().size());
    // the held-out figures the model was shipped with (eval.json), against the targets
    assertTrue(provenance.at("/metrics/learned/overall").asDouble() >= 0.70, provenance.get("metrics").toString());
    assertTrue(provenance.at("/metrics/learned/length_matched").asDouble() >= 0.60, provenance.get("metrics").toString());
    QualityModel model = QualityModel.fromJson("shipped", Files.readAllBytes(FOLDER.resolve(QualityTraining.MODEL_FILE)));
    assertEquals(QualityFeatures.NAMES.size(), model.weights().length);
  }
}
