package org.treasuremarkers.model.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;
import org.treasuremarkers.core.taxonomy.TaxonomyLoader;
import org.treasuremarkers.model.tokenizer.ByteTokenizer;
import org.treasuremarkers.model.tokenizer.Vocabulary;

class SequenceEncoderTest {
  private static final int BOS = Vocabulary.BOS;
  private static final int EOS = Vocabulary.EOS;
  private static final int PAD = Vocabulary.PAD;
  private static final long SEED = 7;
  private final ByteTokenizer tokenizer = new ByteTokenizer(Vocabulary.bytesOnly());

  @Test
  void shortExampleIsBosInputTargetEos() {
    TokenizedExample e = new SequenceEncoder(tokenizer, 16, SEED).encode("a", "ab", "XYZ");
    assertArrayEquals(new int[] {BOS, 'a', 'b', 'X', 'Y', 'Z', EOS}, e.tokens());
    assertEquals(3, e.targetStart());
    assertEquals(4, e.lossTokens());
  }

  @Test
  void masksCoverExactlyTheTargetAndEos() {
    TokenizedExample e = new SequenceEncoder(tokenizer, 8, SEED).encode("a", "ab", "XYZ");
    TokenizedExample f = new SequenceEncoder(tokenizer, 8, SEED).encode("b", "p", "QRSTU");
    DataSet batch = Batches.of(List.of(e, f), 8);
    // Row 0: tokens BOS a b X Y Z EOS; features are tokens[0..7], labels tokens[1..8].
    assertArrayEquals(new float[] {BOS, 'a', 'b', 'X', 'Y', 'Z', EOS, PAD},
        batch.getFeatures().getRow(0).toFloatVector());
    assertArrayEquals(new float[] {'a', 'b', 'X', 'Y', 'Z', EOS, PAD, PAD},
        batch.getLabels().reshape(2, 8).getRow(0).toFloatVector());
    assertArrayEquals(new float[] {1, 1, 1, 1, 1, 1, 1, 0}, batch.getFeaturesMaskArray().getRow(0).toFloatVector());
    // Loss where the label is X, Y, Z or EOS: label positions 2..5.
    assertArrayEquals(new float[] {0, 0, 1, 1, 1, 1, 0, 0}, batch.getLabelsMaskArray().getRow(0).toFloatVector());
    // Row 1: BOS p Q R S T U EOS (8 tokens): labels Q..EOS at positions 1..6.
    assertArrayEquals(new float[] {0, 1, 1, 1, 1, 1, 1, 0}, batch.getLabelsMaskArray().getRow(1).toFloatVector());
    assertArrayEquals(new float[] {1, 1, 1, 1, 1, 1, 1, 1}, batch.getFeaturesMaskArray().getRow(1).toFloatVector());
    assertEquals(4 + 6, Batches.lossTokens(batch));
    assertArrayEquals(new long[] {2, 1, 8}, batch.getLabels().shape());
  }

  @Test
  void exactFitUsesAllSeqLenPlusOneTokens() {
    // BOS + 3 + 4 + EOS = 9 = T + 1 for T = 8: nothing cut, the last label is EOS.
    TokenizedExample e = new SequenceEncoder(tokenizer, 8, SEED).encode("x", "abc", "WXYZ");
    assertArrayEquals(new int[] {BOS, 'a', 'b', 'c', 'W', 'X', 'Y', 'Z', EOS}, e.tokens());
    DataSet batch = Batches.of(List.of(e), 8);
    assertArrayEquals(new float[] {0, 0, 0, 1, 1, 1, 1, 1}, batch.getLabelsMaskArray().reshape(8).toFloatVector());
    assertEquals(EOS, batch.getLabels().getFloat(0, 0, 7));
  }

  @Test
  void longTargetKeepsItsHeadAndLosesEos() {
    TokenizedExample e = new SequenceEncoder(tokenizer, 8, SEED).encode("x", "ab", "0123456789");
    // budget 9: the input (BOS a b) is shorter than a quarter of the window's cut range allows, so it stays whole;
    // the target gets the other 6 of its 11 (digits + EOS).
    assertArrayEquals(new int[] {BOS, 'a', 'b', '0', '1', '2', '3', '4', '5'}, e.tokens());
    assertEquals(3, e.targetStart());
  }

  @Test
  void longInputIsCutAtAPointDrawnPerExampleThatKeepsTheWholeTemplate() {
    SequenceEncoder encoder = new SequenceEncoder(tokenizer, 64, SEED);
    String input = "P".repeat(100);
    String template = "<TEMPLATE><a>b</a></TEMPLATE>"; // 29 byte tokens
    String target = template + "\n" + "c".repeat(100);
    Set<Integer> starts = new TreeSet<>();
    for (int i = 0; i < 400; i++) {
      TokenizedExample e = encoder.encode("id-" + i, input, target);
      int start = e.targetStart();
      starts.add(start);
      assertEquals(65, e.tokens().length, "a long example fills the window");
      // The input keeps at least a quarter of the window (65 / 4 = 16) and leaves room for template + 1 token.
      assertTrue(start >= 16 && start <= 65 - 30, "target start " + start);
      assertEquals(template, tokenizer.decode(Arrays.copyOfRange(e.tokens(), start, start + template.length())));
      assertArrayEquals(e.tokens(), encoder.encode("id-" + i, input, target).tokens(), "same id, same cut");
    }
    // Every cut point in [16, 35] is drawn: the target's position says nothing about where the prompt ended.
    assertEquals(IntStream.rangeClosed(16, 35).boxed().toList(), List.copyOf(starts));
    SequenceEncoder otherSeed = new SequenceEncoder(tokenizer, 64, SEED + 1);
    long moved = IntStream.range(0, 50)
        .filter(i -> otherSeed.encode("id-" + i, input, target).targetStart()
            != encoder.encode("id-" + i, input, target).targetStart()).count();
    assertTrue(moved > 25, "another seed draws other cuts, moved " + moved + " of 50");
  }

  @Test
  void withTemplateTagTokensTheWholeTemplateIsKeptToo() {
    ByteTokenizer tagged = new ByteTokenizer(Vocabulary.withTemplateTags(TaxonomyLoader.loadDefault()));
    SequenceEncoder encoder = new SequenceEncoder(tagged, 64, SEED);
    int[] template = tagged.encode("<TEMPLATE>\n<lang>English</lang>\n</TEMPLATE>"); // 13 tokens: 4 tags, 9 bytes
    for (int i = 0; i < 100; i++) {
      TokenizedExample e = encoder.encode("id-" + i, "P".repeat(100),
          "<TEMPLATE>\n<lang>English</lang>\n</TEMPLATE>\n" + "c".repeat(100));
      int start = e.targetStart();
      assertTrue(start >= 16 && start <= 65 - template.length - 1, "target start " + start);
      assertArrayEquals(template, Arrays.copyOfRange(e.tokens(), start, start + template.length));
    }
  }

  @Test
  void inputUnderAQuarterOfTheWindowIsNeverCut() {
    SequenceEncoder encoder = new SequenceEncoder(tokenizer, 64, SEED);
    for (int i = 0; i < 100; i++) {
      TokenizedExample e = encoder.encode("id-" + i, "p".repeat(15), "<TEMPLATE></TEMPLATE>" + "c".repeat(200));
      assertEquals(16, e.targetStart());
    }
  }

  @Test
  void shortTargetLeavesTheInputTheRestOfTheWindow() {
    // budget 65, target 21 + EOS = 22: any cut point up to 65 - 22 = 43 leaves the input exactly 43.
    SequenceEncoder encoder = new SequenceEncoder(tokenizer, 64, SEED);
    for (int i = 0; i < 100; i++) {
      TokenizedExample e = encoder.encode("id-" + i, "p".repeat(200), "<TEMPLATE></TEMPLATE>");
      assertEquals(43, e.targetStart());
      assertEquals(EOS, e.tokens()[64]);
    }
  }

  @Test
  void promptForGenerationKeepsTheTailAndLeavesRoomForTheTemplate() {
    SequenceEncoder encoder = new SequenceEncoder(tokenizer, 256, SEED);
    assertArrayEquals(new int[] {BOS, 'a', 'b'}, encoder.prompt("ab"));
    // T = 256: at most half the window (BOS + 127).
    int[] tokens = encoder.prompt("x".repeat(300) + "END");
    assertEquals(128, tokens.length);
    assertEquals("END", tokenizer.decode(Arrays.copyOfRange(tokens, 125, 128)));
    // T = 128: 96 positions stay free for the template, so BOS + 31.
    assertEquals(32, new SequenceEncoder(tokenizer, 128, SEED).prompt("x".repeat(300)).length);
  }
}
