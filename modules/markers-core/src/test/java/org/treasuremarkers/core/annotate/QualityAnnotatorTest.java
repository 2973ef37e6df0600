package org.treasuremarkers.core.annotate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.treasuremarkers.core.example.Annotation;
import org.treasuremarkers.core.example.MarkerOrigin;
import org.treasuremarkers.core.example.RawExample;
import org.treasuremarkers.core.quality.HeuristicQuality;
import org.treasuremarkers.core.quality.ShippedQualityModel;
import org.treasuremarkers.core.taxonomy.Taxonomy;
import org.treasuremarkers.core.taxonomy.TaxonomyLoader;

class QualityAnnotatorTest {
  private static final String PROMPT = "Explain why the sky is blue in a short paragraph for a curious student.";
  private static final String GOOD = "The sky looks blue because of Rayleigh scattering. Sunlight contains all colours, "
      + "and the short blue wavelengths are scattered by the molecules of the air much more than the longer red ones. "
      + "That scattered blue light reaches our eyes from every direction of the sky.";
  private static final Taxonomy TAXONOMY = TaxonomyLoader.loadDefault();

  private static Annotation annotate(QualityAnnotator quality, RawExample example) {
    return new ExampleAnnotator(TAXONOMY, java.util.List.of(quality)).annotate(example, Map.of());
  }

  @Test
  void rowQualityWinsOverTheComputedScore() {
    RawExample scored = new RawExample("r1", "d", PROMPT, "Rayleigh scattering.", 4.5, Map.of(), Map.of());
    Annotation annotation = StandardAnnotators.exampleAnnotator(TAXONOMY).annotate(scored, Map.of());
    assertEquals("4.50", annotation.markers().get("quality"));
    assertEquals(MarkerOrigin.INPUT, annotation.origins().get("quality"));
    assertEquals(4.5, annotation.scores().get("quality"));
  }

  @Test
  void theShippedModelScoresWhenPresentAndTheHeuristicOtherwise() {
    QualityAnnotator standard = new QualityAnnotator();
    assertEquals(ShippedQualityModel.get().isPresent(), standard.usesModel());
    Annotation learned = annotate(standard, RawExample.of("d", PROMPT, GOOD));
    assertEquals(standard.usesModel() ? MarkerOrigin.MODEL : MarkerOrigin.RULE, learned.origins().get("quality"));

    Annotation heuristic = annotate(new QualityAnnotator(null), RawExample.of("d", PROMPT, GOOD));
    assertEquals(MarkerOrigin.RULE, heuristic.origins().get("quality"));
    assertEquals(HeuristicQuality.score(PROMPT, GOOD, null), heuristic.scores().get("quality"));
    assertEquals("5.00", heuristic.markers().get("quality"));
  }

  @Test
  void theFullPrecisionScoreTravelsWithTheRoundedMarker() {
    Annotation a = annotate(new QualityAnnotator(), RawExample.of("d", PROMPT, GOOD + " Clouds are white."));
    double full = a.scores().get("quality");
    assertEquals(java.math.BigDecimal.valueOf(full).setScale(2, java.math.RoundingMode.HALF_UP).toPlainString(),
        a.markers().get("quality"));
  }

  @Test
  void anExampleWithoutAnAnswerGetsNoQuality() {
    ExampleAnnotator annotator = StandardAnnotators.exampleAnnotator(TAXONOMY);
    for (String blank : new String[] {"", "   ", "\n\t \n"}) {
      Annotation annotation = annotator.annotate(RawExample.of("d", PROMPT, blank), Map.of());
      assertFalse(annotation.markers().containsKey("quality"), "no quality for '" + blank + "'");
      assertFalse(annotation.markers().containsKey("quality_bucket"));
      assertTrue(annotation.markers().containsKey("lang"), "the other markers are still computed: " + annotation.markers());
    }
    assertFalse(QualityAnnotator.hasAnswer(null));
    assertTrue(QualityAnnotator.hasAnswer("42"));
  }
}
