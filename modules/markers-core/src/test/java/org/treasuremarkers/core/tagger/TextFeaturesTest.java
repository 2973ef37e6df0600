package org.treasuremarkers.core.tagger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextFeaturesTest {
  private static final int SHAPES = 6;
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
    // 4 words: unigram each, bigram after the first, position for all four (no 5-letter prefixes); 6 shape features
    assertEquals(4 + 3 + 4 + SHAPES, of("翻译句子").size());
    // a spaced-script word: unigram, its 5-letter stem (longer than 5 letters), its position
    assertEquals(3 + SHAPES, of("translate").size());
    assertEquals(2 + SHAPES, of("write").size());
  }

  @Test
  void longWordsAddTheirStemSoRelatedFormsShareAFeature() {
    List<Integer> summarise = of("summarise");
    List<Integer> summary = of("summary");
    assertTrue(summarise.stream().anyMatch(summary::contains), "summarise and summary share the stem summa");
    summary.removeAll(of("")); // the shape features of a short one-line text
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
    assertEquals(0, of(null).size());
  }

  @Test
  void shapeCountsNumbersLinesSpeakerLabelsChoicesAndQuestionsInAnyScript() {
    // levels: numbers (1,2,3,5,9), lines (2,3,6,16), labelled lines (1,2,4), choices (1,2,4), '?' (1,2,4), length
    assertArrayEquals(new int[] {0, 0, 0, 0, 0, 0}, features.shape("write a poem"));
    assertArrayEquals(new int[] {3, 0, 0, 0, 1, 0},
        features.shape("Tom has 3 apples and buys 12 more for $4.50. How many now?"), "4.50 is two numbers");
    assertArrayEquals(new int[] {3, 2, 3, 0, 1, 0},
        features.shape("#Person1#: Hello\n#Person2#: Hi there\n用户：你好\n#Person1#: Bye?"),
        "a word with a digit is a number (Person1, and so Bengali 16টি)");
    assertArrayEquals(new int[] {0, 3, 1, 3, 0, 0},
        features.shape("Pick one\nA. red\n(B) blue\nC、绿\nD: none\nthe end"), "D: is a choice and a label");
    String dialogue = "A: hi\nB: hello";
    assertNotEquals(of(dialogue), of(dialogue.replace('\n', ' ')), "same words, a different layout");
  }
}
