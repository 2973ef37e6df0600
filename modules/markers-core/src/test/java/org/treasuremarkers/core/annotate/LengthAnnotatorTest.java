package org.treasuremarkers.core.annotate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.treasuremarkers.core.example.RawExample;
import org.treasuremarkers.core.taxonomy.Taxonomy;
import org.treasuremarkers.core.taxonomy.TaxonomyLoader;

class LengthAnnotatorTest {
  private static final Taxonomy TAXONOMY = TaxonomyLoader.loadDefault();

  private static Map<String, String> annotate(String completion) {
    MarkerBuilder builder = new MarkerBuilder(TAXONOMY);
    new LengthAnnotator(TAXONOMY).annotate(RawExample.of("t", "p", completion), builder);
    return builder.build().markers();
  }

  @Test
  void countsWordsNotPunctuationOrSpaces() {
    Map<String, String> m = annotate("Hello, world! It's 42 degrees.\n\nSecond paragraph here.");
    assertEquals("8", m.get("length_tokens")); // Hello world It's 42 degrees Second paragraph here
    assertEquals("3", m.get("length_sentences"));
    assertEquals("2", m.get("length_paragraphs"));
    assertEquals("concise", m.get("length_bucket"));
  }

  @Test
  void segmentsChineseJapaneseAndThaiIntoWords() {
    // Dictionary segmentation: more than one word, fewer words than characters.
    int zh = LengthAnnotator.words("我喜欢吃苹果和香蕉");
    int ja = LengthAnnotator.words("私は東京に住んでいます");
    int th = LengthAnnotator.words("ฉันชอบกินข้าวผัดมาก");
    for (int[] c : new int[][] {{zh, 9}, {ja, 11}, {th, 19}}) {
      org.junit.jupiter.api.Assertions.assertTrue(c[0] > 1 && c[0] < c[1], "words " + c[0] + " of " + c[1] + " chars");
    }
    assertEquals(3, LengthAnnotator.words("สวัสดี ครับ ผม"), "Thai words split on spaces too");
  }

  @Test
  void emptyCompletionIsZeroEverywhere() {
    Map<String, String> m = annotate("");
    assertEquals("0", m.get("length_tokens"));
    assertEquals("0", m.get("length_sentences"));
    assertEquals("0", m.get("length_paragraphs"));
    assertEquals("concise", m.get("length_bucket"));
  }

  @Test
  void bucketsFollowTheTaxonomyCutOffs() {
    assertEquals("concise", annotate("word ".repeat(299)).get("length_bucket"));
    assertEquals("medium", annotate("word ".repeat(300)).get("length_bucket"));
    assertEquals("medium", annotate("word ".repeat(1000)).get("length_bucket"));
    assertEquals("long", annotate("word ".repeat(1001)).get("length_bucket"));
  }

  @Test
  void blankLinesWithSpacesSeparateParagraphs() {
    assertEquals(3, LengthAnnotator.paragraphs("a\n  \nb\n\n\n\nc\n"));
    assertEquals(1, LengthAnnotator.paragraphs("one\ntwo\nthree"));
  }

  @Test
  void sameResultsFromFourThreads() throws Exception {
    String[] texts = {"Hello, world! Second sentence.", "我喜欢吃苹果和香蕉。", "ฉันชอบกินข้าวผัดมาก", "a\n\nb\n\nc", ""};
    ThreadSafety.assertSameResults(texts.length * 40, i -> annotate(texts[i % texts.length]));
  }
}
