package org.treasuremarkers.model.tokenizer;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * Hugging Face's own tokenizers (the Rust library, through DJL) on a tokenizer.json we wrote. DJL extracts the
 * native library from its jar (linux-x86_64 and aarch64 are inside), so nothing is downloaded; its cache goes
 * under target/ instead of ~/.djl.ai.
 */
final class DjlTokenizers {
  private DjlTokenizers() {}

  static HuggingFaceTokenizer load(Path tokenizerJson) {
    System.setProperty("DJL_CACHE_DIR", Path.of("target", "djl-cache").toAbsolutePath().toString());
    System.setProperty("offline", "true");
    try {
      return HuggingFaceTokenizer.newInstance(tokenizerJson, Map.of("addSpecialTokens", "false",
          "truncation", "false", "padding", "false", "modelMaxLength", String.valueOf(Integer.MAX_VALUE)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static int[] ids(HuggingFaceTokenizer tokenizer, String text) {
    return Arrays.stream(tokenizer.encode(text, false, false).getIds()).mapToInt(Math::toIntExact).toArray();
  }
}
