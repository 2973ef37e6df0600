package org.treasuremarkers.model.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.treasuremarkers.core.testing.SharedDatasets;

/**
 * Byte-exact round trip of the text of every shared dataset file (a stable sample of each), through a BPE
 * tokenizer trained on part of that text and through the byte tokenizer; and the same ids from Hugging Face's
 * tokenizers on that text.
 */
class SharedDatasetRoundTripTest {
  static final int PER_FILE = 30;
  static Map<String, List<String>> texts;
  static BpeTokenizer bpe;

  @BeforeAll
  static void load() {
    Path dir = SharedDatasets.require();
    long t0 = System.nanoTime();
    texts = DatasetTexts.sample(dir, PER_FILE, 11);
    long t1 = System.nanoTime();
    List<String> training = new ArrayList<>();
    texts.values().forEach(l -> training.addAll(l.subList(0, l.size() / 4)));
    bpe = new BpeTrainer(BpeTokenizerTest.TAXONOMY, 2048).train(training);
    System.out.printf("read %.1f s, trained %.1f s (%d ids)%n", (t1 - t0) / 1e9, (System.nanoTime() - t1) / 1e9,
        bpe.size());
  }

  @Test
  void everyFilesTextRoundTripsByteExactly() {
    ByteTokenizer bytes = new ByteTokenizer(Vocabulary.withTemplateTags(BpeTokenizerTest.TAXONOMY));
    long checked = 0;
    long chars = 0;
    long tokens = 0;
    for (Map.Entry<String, List<String>> file : texts.entrySet()) {
      for (String text : file.getValue()) {
        int[] ids = bpe.encode(text);
        assertEquals(text, bpe.decode(ids), file.getKey());
        assertEquals(text, bytes.decode(bytes.encode(text)), file.getKey());
        checked++;
        chars += text.length();
        tokens += ids.length;
      }
    }
    assertTrue(texts.size() > 300, "files: " + texts.size());
    assertTrue(tokens < chars, "BPE should compress: " + tokens + " tokens for " + chars + " chars");
    System.out.printf("round trip: %d files, %d texts, %d chars, %d BPE tokens%n", texts.size(), checked, chars,
        tokens);
  }

  /** Hugging Face tokenizers agrees with us on real text of every file, not only on the hand-picked sample. */
  @Test
  void huggingFaceGivesOurIdsOnEveryFile(@TempDir Path dir) {
    Path file = dir.resolve(HuggingFaceTokenizerJson.FILE_NAME);
    HuggingFaceTokenizerJson.write(bpe, file);
    try (HuggingFaceTokenizer hf = DjlTokenizers.load(file)) {
      for (Map.Entry<String, List<String>> entry : texts.entrySet()) {
        for (String text : entry.getValue().subList(0, Math.min(5, entry.getValue().size()))) {
          assertArrayEquals(bpe.encode(text), DjlTokenizers.ids(hf, text), entry.getKey() + ": " + text);
        }
      }
    }
  }
}
