package org.treasuremarkers.model.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.treasuremarkers.core.template.Template;

/** Our tokenizer.json, loaded by Hugging Face tokenizers (DJL), gives the ids we give. */
class HuggingFaceCompatibilityTest {
  static final List<String> MULTILINGUAL = List.of(
      "The quick brown fox jumps over the lazy dog. It's 2024, and we'll go on.",
      "机器学习是人工智能的一个分支。它使用统计方法让计算机从数据中学习，共计123个例子。",
      "東京は日本の首都です。コーヒーを飲みながら、プログラミングを勉強しています。",
      "తెలుగు భారతదేశంలో ఎక్కువగా మాట్లాడే భాషలలో ఒకటి. హైదరాబాద్ 1591లో స్థాపించబడింది.",
      "def fib(n: int) -> int:\n    if n < 2:\n        return n\n    return fib(n - 1) + fib(n - 2)\n",
      "fn main() { let v: Vec<i32> = (0..10).map(|x| x * x).collect(); println!(\"{:?}\", v); }",
      "gopher, go, c++, java/javascript, Legally, English-speaking, concise.",
      "Emoji 😀👍🏽 👨‍👩‍👧‍👦, NBSP\u00a0here, ideographic\u3000space, tabs\t\tand\r\nCRLF, e\u0301 combined",
      "Привет мир! مرحبا بالعالم. שלום. नमस्ते दुनिया। สวัสดีชาวโลก 한국어 문장");

  @Test
  void djlGivesOurIdsOnAMultilingualSample(@TempDir Path dir) {
    BpeTokenizer ours = BpeTokenizerTest.BPE;
    Path file = dir.resolve(HuggingFaceTokenizerJson.FILE_NAME);
    HuggingFaceTokenizerJson.write(ours, file);
    List<String> texts = new ArrayList<>(MULTILINGUAL);
    texts.addAll(ByteTokenizerTest.TEXTS.subList(1, ByteTokenizerTest.TEXTS.size()));
    texts.add(new Template(BpeTokenizerTest.TAXONOMY).render(Map.of("lang", "Telugu", "code_type", "go",
        "task", "CodeGeneration", "length_bucket", "long")) + "\npackage main\nfunc main() { go run() }");
    try (HuggingFaceTokenizer hf = DjlTokenizers.load(file)) {
      for (String text : texts) {
        assertArrayEquals(ours.encode(text), DjlTokenizers.ids(hf, text), text);
      }
      // Every id's text, as Hugging Face decodes it (template tags and values are added tokens, not special).
      for (String text : texts) {
        assertEquals(text, hf.decode(java.util.Arrays.stream(ours.encode(text)).asLongStream().toArray(), false),
            text);
      }
    }
  }
}
