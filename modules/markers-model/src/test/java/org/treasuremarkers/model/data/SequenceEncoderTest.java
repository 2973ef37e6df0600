package org.treasuremarkers.model.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;
import org.treasuremarkers.model.tokenizer.ByteTokenizer;
import org.treasuremarkers.model.tokenizer.Vocabulary;

class SequenceEncoderTest {
  private static final int BOS = Vocabulary.BOS;
  private static final int EOS = Vocabulary.EOS;
  private static final int PAD = Vocabulary.PAD;
  private final ByteTokenizer tokenizer = new ByteTokenizer(Vocabulary.bytesOnly());

  @Test
  void shortExampleIsBosInputTargetEos() {
    TokenizedExample e = new SequenceEncoder(tokenizer, 16).encode("a", "ab", "XYZ");
    assertArrayEquals(new int[] {BOS, 'a', 'b', 'X', 'Y', 'Z', EOS}, e.tokens());
    assertEquals(3, e.targetStart());
    assertEquals(4, e.lossTokens());
  }

  @Test
  void masksCoverExactlyTheTargetAndEos() {
    TokenizedExample e = new SequenceEncoder(tokenizer, 8).encode("a", "ab", "XYZ");
    TokenizedExample f = new SequenceEncoder(tokenizer, 8).encode("b", "p", "QRSTU");
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
    TokenizedExample e = new SequenceEncoder(tokenizer, 8).encode("x", "abc", "WXYZ");
    assertArrayEquals(new int[] {BOS, 'a', 'b', 'c', 'W', 'X', 'Y', 'Z', EOS}, e.tokens());
    DataSet batch = Batches.of(List.of(e), 8);
    assertArrayEquals(new float[] {0, 0, 0, 1, 1, 1, 1, 1}, batch.getLabelsMaskArray().reshape(8).toFloatVector());
    assertEquals(EOS, batch.getLabels().getFloat(0, 0, 7));
  }

  @Test
  void longTargetKeepsItsHeadAndLosesEos() {
    TokenizedExample e = new SequenceEncoder(tokenizer, 8).encode("x", "ab", "0123456789");
    // budget 9: input needs 3 (BOS a b), target gets 6 of its 11 (digits + EOS).
    assertArrayEquals(new int[] {BOS, 'a', 'b', '0', '1', '2', '3', '4', '5'}, e.tokens());
    assertEquals(3, e.targetStart());
  }

  @Test
  void longInputKeepsItsTailWithinHalfTheBudget() {
    TokenizedExample e = new SequenceEncoder(tokenizer, 9).encode("x", "ABCDEFGHIJ", "xyz0123456789");
    // budget 10: input keeps 5 = BOS + its last 4, target the other 5 from its head.
    assertArrayEquals(new int[] {BOS, 'G', 'H', 'I', 'J', 'x', 'y', 'z', '0', '1'}, e.tokens());
    assertEquals(5, e.targetStart());
    // A short target leaves the input more room.
    TokenizedExample g = new SequenceEncoder(tokenizer, 9).encode("x", "ABCDEFGHIJ", "xy");
    assertArrayEquals(new int[] {BOS, 'E', 'F', 'G', 'H', 'I', 'J', 'x', 'y', EOS}, g.tokens());
  }

  @Test
  void promptForGenerationKeepsTheTail() {
    SequenceEncoder encoder = new SequenceEncoder(tokenizer, 5);
    assertArrayEquals(new int[] {BOS, 'a', 'b'}, encoder.prompt("ab"));
    assertArrayEquals(new int[] {BOS, 'd', 'e', 'f', 'g'}, encoder.prompt("abcdefg"));
  }
}
