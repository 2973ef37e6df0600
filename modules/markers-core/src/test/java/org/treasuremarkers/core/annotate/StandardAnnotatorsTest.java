package org.treasuremarkers.core.annotate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import org.junit.jupiter.api.Test;
import org.treasuremarkers.core.example.Annotation;
import org.treasuremarkers.core.example.MarkerOrigin;
import org.treasuremarkers.core.example.RawExample;
import org.treasuremarkers.core.taxonomy.Taxonomy;
import org.treasuremarkers.core.taxonomy.TaxonomyLoader;

class StandardAnnotatorsTest {
  private static final Taxonomy TAXONOMY = TaxonomyLoader.loadDefault();
  private static final ExampleAnnotator ANNOTATOR = StandardAnnotators.exampleAnnotator(TAXONOMY);

  private static final List<RawExample> EXAMPLES = List.of(
      RawExample.of("d", "Write a Python function that returns the square of a number.",
          "Here is a small function:\n\n```python\ndef square(x):\n    return x * x\n```"),
      RawExample.of("d", "Traduisez en anglais : « Le chat dort sur le canapé. »", "The cat is sleeping on the sofa."),
      RawExample.of("d", "Respond like a pirate: where is the treasure?", "Arr, the treasure be buried under the old palm tree, matey!"),
      RawExample.of("d", "Janet has 16 eggs and eats 3. How many are left?", "16 - 3 = 13. Then 13 - 0 = 13. The answer is 13."),
      RawExample.of("d", "列出三种水果。", "1. 苹果\n2. 香蕉\n3. 橙子"));

  @Test
  void orderPutsLengthFirstAndQualityLast() {
    List<Annotator> annotators = StandardAnnotators.create(TAXONOMY, AnnotationRules.loadDefault());
    assertTrue(annotators.get(0) instanceof LengthAnnotator);
    assertTrue(annotators.get(annotators.size() - 1) instanceof QualityAnnotator);
    assertEquals(7, annotators.size());
  }

  @Test
  void annotatesAWholeExample() {
    Annotation a = ANNOTATOR.annotate(EXAMPLES.get(0), Map.of());
    SortedMap<String, String> m = a.markers();
    assertEquals("python", m.get("code_type"));
    assertEquals("Code", m.get("domain"));
    assertEquals("CodeGeneration", m.get("task"));
    assertEquals("English", m.get("lang"));
    assertEquals("Markdown", m.get("format"));
    assertEquals("concise", m.get("length_bucket"));
    assertTrue(m.containsKey("quality") && m.containsKey("length_tokens"));
    // the shipped quality model's score is a model's; every other marker here comes from a rule
    a.origins().forEach((k, o) -> assertEquals(k.equals("quality") ? MarkerOrigin.MODEL : MarkerOrigin.RULE, o, k));

    assertEquals("Custom", ANNOTATOR.annotate(EXAMPLES.get(2), Map.of()).markers().get("style"));
    Annotation zh = ANNOTATOR.annotate(EXAMPLES.get(4), Map.of());
    assertEquals("Chinese", zh.markers().get("lang"));
    assertEquals("Enumeration", zh.markers().get("format"));
  }

  @Test
  void datasetAndPresetMarkersWin() {
    RawExample preset = new RawExample("r", "d", "Translate: hello", "bonjour", null, Map.of("task", "Rewrite"), Map.of());
    Annotation a = ANNOTATOR.annotate(preset, Map.of("domain", "Conversation", "task", "Translation"));
    assertEquals("Rewrite", a.markers().get("task"));
    assertEquals(MarkerOrigin.INPUT, a.origins().get("task"));
    assertEquals("Conversation", a.markers().get("domain"));
    assertEquals(MarkerOrigin.DATASET, a.origins().get("domain"));
  }

  @Test
  void sameResultsFromFourThreads() throws Exception {
    ThreadSafety.assertSameResults(EXAMPLES.size() * 30,
        i -> ANNOTATOR.annotate(EXAMPLES.get(i % EXAMPLES.size()), Map.of()));
  }
}
