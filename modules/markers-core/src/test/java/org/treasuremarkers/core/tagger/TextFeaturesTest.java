package org.treasuremarkers.core.tagger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextFeaturesTest {
  private final TextFeatures features = new TextFeatures(1 << 16);

  private List<Integer> of(String text) {
    List<Integer> out = new ArrayList<>();
    features.extract(text, out::add);
    return out;
  }

  @Test
  void sameTextSameFeaturesAndCaseAndDigitsFold() {
    assertEquals(of("Translate 2 sentences"), of("translate 7 SENTENCES"));
    assertNotEquals(of("translate this"), of("summarise this"));
  }

  @Test
  void everyHanCharacterIsAWordSoChineseHasFeaturesWithoutSpaces() {
    // 4 words: unigram each, bigram after the first, position for all four (no 5-letter prefixes)
    assertEquals(4 + 3 + 4, of("翻译句子").size());
    // a spaced-script word: unigram, its 5-letter stem (longer than 5 letters), its position
    assertEquals(3, of("translate").size());
    assertEquals(2, of("write").size());
  }

  @Test
  void longWordsAddTheirStemSoRelatedFormsShareAFeature() {
    List<Integer> summarise = of("summarise");
    List<Integer> summary = of("summary");
    assertTrue(summarise.stream().anyMatch(summary::contains), "summarise and summary share the stem summa");
    assertTrue(of("translate").stream().noneMatch(summary::contains));
  }

  @Test
  void readsAtMostMaxCharsSoCostIsBounded() {
    String word = "lorem ";
    String longText = word.repeat(TextFeatures.MAX_CHARS); // 6x the bound
    String bounded = longText.substring(0, TextFeatures.MAX_CHARS);
    assertEquals(of(bounded).size(), of(longText).size());
  }

  @Test
  void bucketsMustBeAPowerOfTwo() {
    assertThrows(IllegalArgumentException.class, () -> new TextFeatures(1000));
    assertEquals(0, features.extract(null, b -> { }));
  }
}
