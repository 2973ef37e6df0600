package org.treasuremarkers.core.tagger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.treasuremarkers.core.annotate.ExampleAnnotator;
import org.treasuremarkers.core.annotate.StandardAnnotators;
import org.treasuremarkers.core.example.Annotation;
import org.treasuremarkers.core.example.MarkerOrigin;
import org.treasuremarkers.core.example.RawExample;
import org.treasuremarkers.core.taxonomy.Taxonomy;
import org.treasuremarkers.core.taxonomy.TaxonomyLoader;

/** The model in models/tagger/v2, as a fresh clone gets it on the class path. */
class ShippedTaggerTest {
  private static final Taxonomy TAXONOMY = TaxonomyLoader.loadDefault();

  @Test
  void provenanceSpeaksThisTaxonomyAndRecordsItsSources() throws Exception {
    JsonNode provenance;
    try (InputStream in = getClass().getClassLoader().getResourceAsStream(Tagger.SHIPPED + "provenance.json")) {
      assertTrue(in != null, "models/tagger/v2/provenance.json is not on the class path");
      provenance = new ObjectMapper().readTree(in);
    }
    assertEquals(TAXONOMY.version(), provenance.path("taxonomy_version").asText(),
        "the shipped tagger was trained on another taxonomy version: retrain with ./run-cluster.sh train-tagger");
    assertTrue(provenance.path("sources").size() > 100, "sources listed: " + provenance.path("sources").size());
    for (JsonNode source : provenance.path("sources")) {
      assertEquals(64, source.path("sha256").asText().length(), source.toString());
    }
    assertTrue(provenance.path("metrics").path("task").path("leave_one_source_out").has("accuracy"));
  }

  @Test
  void shippedModelIsOnTheClassPathAndFitsTheTaxonomy() {
    Tagger tagger = Tagger.shipped().orElseThrow(() -> new AssertionError("no shipped tagger on the class path"));
    assertTrue(tagger.forMarker("task").isPresent() && tagger.forMarker("domain").isPresent());
    new TaggerAnnotator(tagger, TAXONOMY); // throws if a class is not in the taxonomy
  }

  @Test
  void obviousPromptsInFourLanguagesGetSensibleMarkers() {
    ExampleAnnotator annotator = StandardAnnotators.exampleAnnotator(TAXONOMY);
    assertMarkers(annotator, "Translate the following sentence into German: The weather is lovely today.",
        "Translation", null);
    assertMarkers(annotator, "Write a Python function that returns the n-th Fibonacci number.", "CodeGeneration",
        "Code");
    assertMarkers(annotator, "写一首关于春天的诗，要求押韵。", "CreativeWriting", null);
    assertMarkers(annotator, "下列哪种药物可用于治疗高血压？A. 阿司匹林 B. 硝苯地平 C. 青霉素 D. 维生素C", null, "Medical");
    // beyond English and Chinese the sources teach domains (SIB-200, FrenchMedMCQA) better than instructions
    assertMarkers(annotator, "¿Cuál es el tratamiento de la diabetes tipo 2?", null, "Medical");
    assertMarkers(annotator, "Schreibe eine Python-Funktion, die eine Liste sortiert.", "CodeGeneration", "Code");
  }

  private static void assertMarkers(ExampleAnnotator annotator, String prompt, String task, String domain) {
    Annotation a = annotator.annotate(RawExample.of("check", prompt, ""), Map.of());
    if (task != null) {
      assertEquals(task, a.markers().get("task"), prompt + " -> " + a.markers());
    }
    if (domain != null) {
      assertEquals(domain, a.markers().get("domain"), prompt + " -> " + a.markers());
    }
    String origin = a.origins().get("task") == null ? null : a.origins().get("task").label();
    assertTrue(origin == null || origin.equals(MarkerOrigin.MODEL.label()) || origin.equals("rule"), origin);
  }
}
