package org.treasuremarkers.model.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.treasuremarkers.core.taxonomy.Taxonomy;
import org.treasuremarkers.core.taxonomy.TaxonomyLoader;
import org.treasuremarkers.core.template.Template;
import org.treasuremarkers.model.config.ModelConfig;
import org.treasuremarkers.model.config.TrainingConfig;
import org.treasuremarkers.model.data.Batches;
import org.treasuremarkers.model.data.SequenceEncoder;
import org.treasuremarkers.model.data.TokenizedExample;
import org.treasuremarkers.model.data.TrainingText;
import org.treasuremarkers.model.eval.EvalExample;
import org.treasuremarkers.model.eval.Evaluator;
import org.treasuremarkers.model.nn.QuietSameDiff;
import org.treasuremarkers.model.nn.TransformerFactory;
import org.treasuremarkers.model.tokenizer.ByteTokenizer;
import org.treasuremarkers.model.tokenizer.Vocabulary;

/**
 * Generation and evaluation on a tiny model overfitted on two examples, so that what it should write is known:
 * its template (parsed back into markers) and the completion, then EOS. Prompts and completions are short so the
 * whole sequence, EOS included, fits T = 32.
 */
class GeneratorTest {
  private static final Taxonomy TAXONOMY = TaxonomyLoader.loadDefault();
  private static final Template TEMPLATE = new Template(TAXONOMY);
  private static final SequenceEncoder ENCODER =
      new SequenceEncoder(new ByteTokenizer(Vocabulary.withTemplateTags(TAXONOMY)), 32, 7);
  private static final SortedMap<String, String> EN = new TreeMap<>(Map.of("lang", "English", "length_bucket", "concise"));
  private static final SortedMap<String, String> FR = new TreeMap<>(Map.of("lang", "French", "length_bucket", "concise"));
  private static Generator generator;
  private static ComputationGraph net;

  @BeforeAll
  static void overfit() {
    ModelConfig model = new ModelConfig(32, 1, 2, 2, 32, true, 3);
    TrainingConfig training = new TrainingConfig(0.01, 5, 1000, 0.1, 0.9, 0.98, 1.0, 8, 1, 1, 1, 0, 1);
    net = QuietSameDiff.run(() -> TransformerFactory.build(model, training, ENCODER.tokenizer().size()));
    List<TokenizedExample> batch = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      batch.add(ENCODER.encode("en" + i, "Hi?", TrainingText.target(TEMPLATE, EN, "Yo")));
      batch.add(ENCODER.encode("fr" + i, "Va?", TrainingText.target(TEMPLATE, FR, "Oui")));
    }
    var data = Batches.of(batch, 32);
    QuietSameDiff.run(() -> {
      for (int step = 0; step < 120; step++) {
        net.fit(data);
      }
      return null;
    });
    generator = new Generator(net, ENCODER, TEMPLATE);
  }

  @Test
  void greedyGenerationWritesTheTemplateThenTheCompletion() {
    Generation en = generator.generate("Hi?", Map.of(), SamplingOptions.greedy(40));
    assertEquals("Hi?", en.input());
    assertEquals(TEMPLATE.render(EN) + "\nYo", en.generated());
    assertEquals(EN, en.inferredMarkers());
    assertTrue(en.template().closed() && en.template().problems().isEmpty(), en.template().toString());
    assertEquals("Yo", en.completion());
    assertTrue(en.endedWithEos());

    Generation fr = generator.generate("Va?", Map.of(), SamplingOptions.greedy(40));
    assertEquals(FR, fr.inferredMarkers());
    assertEquals("Oui", fr.completion());
  }

  @Test
  void fixedMarkersAreAppendedAsTheFormatterDoes() {
    Generation g = generator.generate("Hi?", Map.of("lang", "English"), SamplingOptions.greedy(3));
    assertEquals("Hi?\n<TEMPLATE>\n<lang>English</lang>\n</TEMPLATE>", g.input());
    assertEquals(TrainingText.input(TEMPLATE, "Hi?", Map.of("lang", "English")), g.input());
    assertEquals(3, g.tokens());
  }

  @Test
  void stopsWhenTheTemplateIsClosedIfAsked() {
    Generation g = generator.generate("Hi?", Map.of(), SamplingOptions.greedy(40).untilTemplateClosed());
    assertEquals(TEMPLATE.render(EN), g.generated());
    assertEquals(EN, g.inferredMarkers());
  }

  @Test
  void samplingIsReproducibleWithASeed() {
    SamplingOptions hot = new SamplingOptions(20, 3.0, 0, 42, false);
    Generation a = generator.generate("Hi?", Map.of(), hot);
    Generation b = generator.generate("Hi?", Map.of(), hot);
    assertEquals(a.generated(), b.generated());
    boolean anyDifferent = false;
    for (long seed = 1; seed <= 5 && !anyDifferent; seed++) {
      anyDifferent = !generator.generate("Hi?", Map.of(), new SamplingOptions(20, 3.0, 0, seed, false)).generated()
          .equals(a.generated());
    }
    assertTrue(anyDifferent, "a high temperature with other seeds should give another text");
  }

  @Test
  void topKKeepsOnlyTheKMostLikelyTokens() {
    double[] p = new double[Vocabulary.BYTE_TOKENS + 3];
    p['a'] = 0.5;
    p['b'] = 0.3;
    p['c'] = 0.15;
    p[Vocabulary.BOS] = 0.05; // never chosen
    Random random = new Random(1);
    SamplingOptions top2 = new SamplingOptions(1, 1.0, 2, 0, false);
    int[] counts = new int[p.length];
    for (int i = 0; i < 2000; i++) {
      counts[Generator.choose(p, top2, random)]++;
    }
    assertEquals(2000, counts['a'] + counts['b']);
    assertTrue(counts['a'] > counts['b'] && counts['b'] > 500, counts['a'] + " / " + counts['b']);
    assertEquals('a', Generator.choose(p, SamplingOptions.greedy(1), random));
    assertNotEquals(Vocabulary.BOS, Generator.choose(p, new SamplingOptions(1, 50.0, 0, 0, false), random));
  }

  @Test
  void evaluationReportsLossInferenceAndObedience() {
    List<EvalExample> examples = List.of(
        new EvalExample("e1", "Hi?", "Yo", EN, EN, "Hi?", TrainingText.target(TEMPLATE, EN, "Yo")),
        new EvalExample("f1", "Va?", "Oui", FR, FR, "Va?", TrainingText.target(TEMPLATE, FR, "Oui")),
        // No prompt markers (the dataset-level dropout took them): inference only, never obedience.
        new EvalExample("g1", "Hi?", "Yo", EN, new TreeMap<>(), "Hi?", TrainingText.target(TEMPLATE, EN, "Yo")));
    // French is long-tail in these training counts (4 of 100 rows), English is not.
    Map<String, Map<String, Long>> training = Map.of("lang", Map.of("English", 96L, "French", 4L));
    ObjectNode eval = new Evaluator(net, ENCODER, generator, TAXONOMY)
        .evaluate(examples, 3, SamplingOptions.greedy(30), training);
    assertEquals(1, eval.at("/slice_loss/lang/long_tail/examples").asInt(), eval.toString());
    assertEquals(2, eval.at("/slice_loss/lang/rest/examples").asInt(), eval.toString());
    assertEquals("French", eval.at("/slice_loss/lang/long_tail_values/0").asText());
    assertTrue(eval.at("/slice_loss/lang/rest/loss_with_markers").asDouble() > 0, eval.toString());
    assertEquals(2, eval.at("/eval_set/lang/values_in_eval_set").asInt(), eval.toString());
    assertEquals(1.0, eval.at("/marker_inference/well_formed_marker/lang/rate").asDouble(), eval.toString());
    ObjectNode loss = (ObjectNode) eval.get("heldout_loss");
    assertEquals(3, loss.get("examples").asInt());
    assertTrue(loss.get("loss_per_token").asDouble() < 0.5, loss.toString());
    assertTrue(loss.get("by_lang").has("English") && loss.get("by_lang").has("French"), loss.toString());
    ObjectNode inference = (ObjectNode) eval.get("marker_inference");
    assertEquals(1.0, inference.at("/accuracy/lang/rate").asDouble(), inference.toString());
    assertEquals(3, inference.at("/accuracy/lang/total").asInt());
    ObjectNode obedience = (ObjectNode) eval.get("marker_obedience");
    assertEquals(2, obedience.at("/length_bucket_violation/total").asInt(), obedience.toString());
    assertEquals(2, obedience.at("/agreement/lang/total").asInt(), obedience.toString());
  }
}
