package org.treasuremarkers.core.tagger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.treasuremarkers.core.annotate.MarkerBuilder;
import org.treasuremarkers.core.example.MarkerOrigin;
import org.treasuremarkers.core.example.RawExample;
import org.treasuremarkers.core.taxonomy.Taxonomy;
import org.treasuremarkers.core.taxonomy.TaxonomyLoader;

class TaggerAnnotatorTest {
  private static final Taxonomy TAXONOMY = TaxonomyLoader.loadDefault();
  private static final int BUCKETS = 1 << 12;

  /** A model whose weights make each given text's features vote for its class. */
  static LinearTagger model(String marker, List<String> classes, Map<String, String> votes, double threshold) {
    float[] w = new float[BUCKETS * classes.size()];
    TextFeatures features = new TextFeatures(BUCKETS);
    votes.forEach((text, value) -> features.extract(text,
        b -> w[b * classes.size() + classes.indexOf(value)] += 3f));
    return new LinearTagger(marker, classes, BUCKETS, w, new float[classes.size()], threshold);
  }

  private static final LinearTagger TASK = model("task", List.of("Translation", "CodeGeneration", "Summarization"),
      Map.of("translate", "Translation", "function", "CodeGeneration", "summarise", "Summarization"), 0.5);
  private static final LinearTagger DOMAIN = model("domain", List.of("Code", "Legal", "Unspecified"),
      Map.of("function", "Code", "contract", "Legal", "weather", "Unspecified"), 0.5);
  private static final TaggerAnnotator ANNOTATOR = new TaggerAnnotator(
      new Tagger("test", Map.of("task", TASK, "domain", DOMAIN)), TAXONOMY);

  private static MarkerBuilder annotate(String prompt, Map<String, String> preset) {
    return annotate(ANNOTATOR, prompt, preset);
  }

  private static MarkerBuilder annotate(TaggerAnnotator annotator, String prompt, Map<String, String> preset) {
    MarkerBuilder b = new MarkerBuilder(TAXONOMY);
    preset.forEach((k, v) -> b.propose(k, v, MarkerOrigin.DATASET));
    annotator.annotate(RawExample.of("d", prompt, ""), b);
    return b;
  }

  @Test
  void fillsOpenMarkersWithModelOrigin() {
    MarkerBuilder b = annotate("translate the contract", Map.of());
    assertEquals("Translation", b.get("task"));
    assertEquals("Legal", b.get("domain"));
    assertEquals(MarkerOrigin.MODEL, b.build().origins().get("task"));
  }

  @Test
  void aValueAlreadySetWins() {
    MarkerBuilder b = annotate("translate the contract", Map.of("task", "Rewrite", "domain", "Medical"));
    assertEquals("Rewrite", b.get("task"));
    assertEquals("Medical", b.get("domain"));
    assertEquals(MarkerOrigin.DATASET, b.build().origins().get("domain"));
  }

  @Test
  void belowTheThresholdItAbstains() {
    // no feature of this prompt carries weight: uniform probabilities (1/3) are under the 0.5 threshold
    MarkerBuilder b = annotate("zzz qqq", Map.of());
    assertFalse(b.has("task"));
    assertFalse(b.has("domain"));
  }

  @Test
  void aCodeTaskNeedsDomainCode() {
    TaggerAnnotator noThreshold = new TaggerAnnotator(new Tagger("test", Map.of("task", TASK.withThreshold(0),
        "domain", DOMAIN.withThreshold(0))), TAXONOMY);
    // "function" (first word, more votes) says CodeGeneration on its own...
    assertEquals("CodeGeneration", annotate(noThreshold, "function translate", Map.of()).get("task"));
    // ...but the dataset says Legal, and a code task cannot go with it
    assertEquals("Translation", annotate(noThreshold, "function translate", Map.of("domain", "Legal")).get("task"));
    // and a code task set by a rule brings domain Code
    MarkerBuilder ruled = annotate("the weather", Map.of("task", "CodeFix"));
    assertEquals("Code", ruled.get("domain"));
  }

  @Test
  void aClassTheTaxonomyLacksIsRefusedWithTheRetrainCommand() {
    LinearTagger wrong = model("task", List.of("Poetry"), Map.of(), 0);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new TaggerAnnotator(new Tagger("old-model", Map.of("task", wrong)), TAXONOMY));
    assertEquals(true, e.getMessage().contains("task=Poetry") && e.getMessage().contains("train-tagger"),
        e.getMessage());
  }
}
