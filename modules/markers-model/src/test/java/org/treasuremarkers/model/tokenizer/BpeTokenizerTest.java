package org.treasuremarkers.model.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.treasuremarkers.core.json.InvalidConfigException;
import org.treasuremarkers.core.taxonomy.Taxonomy;
import org.treasuremarkers.core.taxonomy.TaxonomyLoader;
import org.treasuremarkers.core.template.Template;

class BpeTokenizerTest {
  static final Taxonomy TAXONOMY = TaxonomyLoader.loadDefault();
  /** A small corpus that repeats, so merges form within each script. */
  static final List<String> CORPUS = corpus();
  static final BpeTokenizer BPE = new BpeTrainer(TAXONOMY, 700).train(CORPUS);

  static List<String> corpus() {
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      texts.addAll(ByteTokenizerTest.TEXTS);
      texts.add("The quick brown fox jumps over the lazy dog " + i + " times; the dog sleeps.");
      texts.add("東京は日本の首都です。コーヒーを飲みます。" + i);
      texts.add("తెలుగు ఒక భాష. హైదరాబాద్ నగరం " + i);
      texts.add(new Template(TAXONOMY).render(Map.of("lang", "English", "code_type", "c", "length_bucket", "concise"))
          + "\nfor (int i = 0; i < n; i++) { go(c); }");
    }
    return texts;
  }

  @Test
  void roundTripsByteExactly() {
    for (String text : ByteTokenizerTest.TEXTS) {
      assertEquals(text, BPE.decode(BPE.encode(text)), text);
    }
    String mixed = "abc中文カナ123 <TEMPLATE>\n<lang>Telugu</lang>\n</TEMPLATE>\n\u00e9\u0301 😀";
    assertEquals(mixed, BPE.decode(BPE.encode(mixed)));
  }

  @Test
  void compressesTheTextItWasTrainedOn() {
    String text = "The quick brown fox jumps over the lazy dog";
    assertTrue(BPE.encode(text).length <= text.length() / 2, () -> describe(BPE.encode(text)));
    assertTrue(BPE.merges() > 300, "merges: " + BPE.merges());
    assertEquals(700, BPE.size());
    // With room to spare, training stops when no pair occurs twice: every repeated piece is then one token.
    BpeTokenizer large = new BpeTrainer(TAXONOMY, 5000).train(CORPUS);
    assertTrue(large.size() < 5000, "size " + large.size());
    assertEquals(PreTokenizer.standard().split(text).size(), large.encode(text).length);
  }

  @Test
  void templateTagsAndMarkerValuesAreSingleTokensWithTheByteVocabularysTagIds() {
    Vocabulary tags = Vocabulary.withTemplateTags(TAXONOMY);
    for (String tag : tags.tags()) {
      assertEquals(tags.tagId(tag), BPE.specialId(tag), tag);
      assertArrayEquals(new int[] {tags.tagId(tag)}, BPE.encode(tag), tag);
    }
    for (String value : List.of("English", "CodeGeneration", "concise", "Translation", "javascript", "go")) {
      int id = BPE.specialId(value);
      assertTrue(id > Vocabulary.EOS, value);
      assertArrayEquals(new int[] {tags.tagId("<lang>"), id, tags.tagId("</lang>")},
          BPE.encode("<lang>" + value + "</lang>"), value);
    }
    // A one-byte value keeps its byte id.
    assertEquals('c', BPE.specialId("c"));
  }

  @Test
  void markerValuesMatchWholeWordsOnly() {
    int go = BPE.specialId("go");
    int[] inWord = BPE.encode("gopher");
    assertTrue(java.util.Arrays.stream(inWord).noneMatch(id -> id == go) || inWord[0] != go,
        describe(inWord));
    assertEquals("gopher", BPE.decode(inWord));
    int[] alone = BPE.encode("let us go.");
    assertTrue(java.util.Arrays.stream(alone).anyMatch(id -> id == go), describe(alone));
  }

  @Test
  void piecesNeverCrossScriptsAndDigitsStandAlone() {
    PreTokenizer pre = PreTokenizer.standard();
    assertEquals(List.of("abc", "中文", "カナ", "の", "1", "2", "3", " x", " мир"), pre.split("abc中文カナの123 x мир"));
    assertEquals(List.of("コーヒー"), pre.split("コーヒー"));
    assertEquals(List.of("def", " f", "(", "x", "):", "\n", "   ", " return"), pre.split("def f(x):\n    return"));
    assertEquals(List.of("తెలుగు", " భాష", "."), pre.split("తెలుగు భాష."));
    for (String text : ByteTokenizerTest.TEXTS) {
      assertEquals(text, String.join("", pre.split(text)), text);
    }
  }

  @Test
  void trainingIsDeterministic() {
    List<String> reversed = new ArrayList<>(CORPUS);
    java.util.Collections.reverse(reversed);
    BpeTokenizer again = new BpeTrainer(TAXONOMY, 700).train(reversed);
    assertArrayEquals(HuggingFaceTokenizerJson.toBytes(BPE), HuggingFaceTokenizerJson.toBytes(again));
  }

  @Test
  void tokenizerJsonReadsBackToTheSameIds(@TempDir Path dir) throws Exception {
    Path file = dir.resolve(HuggingFaceTokenizerJson.FILE_NAME);
    HuggingFaceTokenizerJson.write(BPE, file);
    BpeTokenizer loaded = HuggingFaceTokenizerJson.read(file);
    assertEquals(BPE.size(), loaded.size());
    for (String text : CORPUS.subList(0, ByteTokenizerTest.TEXTS.size() + 4)) {
      assertArrayEquals(BPE.encode(text), loaded.encode(text), text);
    }
    assertArrayEquals(Files.readAllBytes(file), HuggingFaceTokenizerJson.toBytes(loaded));
  }

  @Test
  void refusesATokenizerJsonOfAnotherShape(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("tokenizer.json");
    Files.writeString(file, new String(HuggingFaceTokenizerJson.toBytes(BPE), "UTF-8")
        .replace("\"type\" : \"BPE\"", "\"type\" : \"WordPiece\""));
    assertThrows(InvalidConfigException.class, () -> HuggingFaceTokenizerJson.read(file));
  }

  @Test
  void vocabularySmallerThanTheSpecialTokensIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> new BpeTrainer(TAXONOMY, 300));
  }

  static String describe(int[] ids) {
    StringBuilder s = new StringBuilder();
    for (int id : ids) {
      s.append('[').append(BPE.describe(id)).append(']');
    }
    return s.toString();
  }
}
