package org.treasuremarkers.learn.provenance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelProvenanceTest {

  @Test
  void recordsEachSourceWithItsHashRelativeToTheDatasetsFolder(@TempDir Path dir) throws Exception {
    Path data = Files.createDirectories(dir.resolve("datasets/mmlu"));
    Path file = Files.writeString(data.resolve("a.csv"), "abc");
    ModelProvenance p = new ModelProvenance("tagger", "1", "2025.1").source(dir.resolve("datasets"), file, "MIT", 1);
    p.metrics().put("accuracy", 0.5);
    p.write(dir.resolve("out/provenance.json"));

    JsonNode read = ModelProvenance.read(dir.resolve("out/provenance.json"));
    assertEquals("2025.1", read.get("taxonomy_version").asText());
    assertEquals("mmlu/a.csv", read.get("sources").get(0).get("path").asText());
    // sha256("abc"), the FIPS 180-2 test vector
    assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
        read.get("sources").get(0).get("sha256").asText());
    assertEquals(Sha256.of("abc".getBytes(StandardCharsets.UTF_8)), read.get("sources").get(0).get("sha256").asText());
    assertEquals(0.5, read.get("metrics").get("accuracy").asDouble());
  }
}
