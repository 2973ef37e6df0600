package org.treasuremarkers.learn.tagger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.treasuremarkers.core.tagger.FeatureVector;
import org.treasuremarkers.core.tagger.LinearTagger;
import org.treasuremarkers.core.tagger.TextFeatures;

class SoftmaxTrainerTest {
  private static final int BUCKETS = 1 << 12;

  /** Source a teaches Reasoning with "zebra", source b Rewrite with "yak"; both say "please". */
  private static List<EncodedRow> rows() {
    TextFeatures features = new TextFeatures(BUCKETS);
    FeatureVector scratch = new FeatureVector();
    List<EncodedRow> rows = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      rows.add(new EncodedRow(new LabelledText("a", "a" + i, "a.jsonl", "please zebra", "Reasoning", null),
          features, scratch));
      rows.add(new EncodedRow(new LabelledText("b", "b" + i, "b.jsonl", "please yak", "Rewrite", null),
          features, scratch));
    }
    return rows;
  }

  private static LinearTagger fit(int minSources) {
    TaggerParams params = TaggerParams.defaults().withBuckets(BUCKETS).withMinSources(minSources);
    return new SoftmaxTrainer(params).fit(rows(), "task", List.of("Reasoning", "Rewrite"));
  }

  @Test
  void aWordOnlyOneSourceHasIsNotLearntWhenTwoSourcesAreRequired() {
    LinearTagger everyFeature = fit(1);
    assertEquals("Reasoning", everyFeature.predict("zebra").value());
    assertEquals("Rewrite", everyFeature.predict("yak").value());

    LinearTagger shared = fit(2);
    // "zebra" and "yak" identify their source, so neither moves the scores: both texts score alike
    assertArrayEquals(shared.probabilities("zebra"), shared.probabilities("yak"), 1e-9);
    assertNotEquals(everyFeature.probabilities("zebra")[0], shared.probabilities("zebra")[0]);
  }
}
