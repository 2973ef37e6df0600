package org.treasuremarkers.model.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.treasuremarkers.core.json.InvalidConfigException;
import org.treasuremarkers.core.taxonomy.Taxonomy;
import org.treasuremarkers.core.taxonomy.TaxonomyLoader;
import org.treasuremarkers.core.template.Template;

class ByteTokenizerTest {
  private static final Taxonomy TAXONOMY = TaxonomyLoader.loadDefault();
  private final ByteTokenizer tagged = new ByteTokenizer(Vocabulary.withTemplateTags(TAXONOMY));
  private final ByteTokenizer bytes = new ByteTokenizer(Vocabulary.bytesOnly());

  static final List<String> TEXTS = List.of(
      "",
      "Hello, world!",
      "¿Dónde está la biblioteca? Ça va très bien, merci.",
      "Grüße aus Köln – straße",
      "日本語のテキストです。東京は大きい。",
      "한국어 문장입니다.",
      "Привет, как дела? Україна",
      "مرحبا بالعالم",
      "שלום עולם",
      "नमस्ते दुनिया",
      "สวัสดีชาวโลก",
      "Emoji: 😀👍🏽 👨‍👩‍👧‍👦 🇫🇷 and a ZWJ",
      "def f(x):\n    return {'a': x ** 2}  # <not a tag>\n",
      "public static <T extends Comparable<T>> T max(List<T> xs) { return xs.get(0); }",
      "<html><body><p>x &lt; y</p></body></html>",
      "tabs\tand\r\nwindows newlines\u0000nul",
      "math: ∀x∈ℝ, x² ≥ 0; 𝔽𝕠𝕟𝕥 𝒮𝒸𝓇𝒾𝓅𝓉");

  @Test
  void roundTripsManyLanguagesCodeAndEmoji() {
    for (String text : TEXTS) {
      assertEquals(text, tagged.decode(tagged.encode(text)), text);
      assertEquals(text, bytes.decode(bytes.encode(text)), text);
      assertArrayEquals(toInts(text.getBytes(StandardCharsets.UTF_8)), bytes.encode(text), text);
    }
  }

  @Test
  void templateTagsAreSingleTokensAndRoundTrip() {
    String template = new Template(TAXONOMY).render(Map.of("domain", "Legal", "lang", "Spanish"));
    String text = "Explain this.\n" + template + "\nLa respuesta.";
    int[] ids = tagged.encode(text);
    assertEquals(text, tagged.decode(ids));
    Vocabulary v = tagged.vocabulary();
    assertEquals(1, Arrays.stream(ids).filter(id -> id == v.tagId("<TEMPLATE>")).count());
    assertEquals(1, Arrays.stream(ids).filter(id -> id == v.tagId("</TEMPLATE>")).count());
    assertEquals(1, Arrays.stream(ids).filter(id -> id == v.tagId("<domain>")).count());
    assertEquals(1, Arrays.stream(ids).filter(id -> id == v.tagId("</lang>")).count());
    // "Legal" stays bytes; the tags shrink the sequence.
    assertTrue(ids.length < text.getBytes(StandardCharsets.UTF_8).length - 30);
    // Near misses stay bytes.
    assertArrayEquals(toInts("<domain >".getBytes(StandardCharsets.UTF_8)), tagged.encode("<domain >"));
    assertArrayEquals(toInts("<<".getBytes(StandardCharsets.UTF_8)), tagged.encode("<<"));
    int[] nested = tagged.encode("<<lang>");
    assertEquals(List.of((int) '<', v.tagId("<lang>")), Arrays.stream(nested).boxed().toList());
  }

  @Test
  void tagsComeFromTheTaxonomy() {
    Vocabulary v = tagged.vocabulary();
    assertEquals(2 + 2 * TAXONOMY.names().size(), v.tags().size());
    for (String key : TAXONOMY.names()) {
      assertTrue(v.tagId("<" + key + ">") >= 259, key);
      assertTrue(v.tagId("</" + key + ">") >= 259, key);
    }
    assertEquals(259 + v.tags().size(), v.size());
    assertEquals(259, bytes.vocabulary().size());
  }

  @Test
  void specialTokensAreDistinctAndDecodeToNothing() {
    Vocabulary v = tagged.vocabulary();
    assertEquals(3, List.of(Vocabulary.PAD, Vocabulary.BOS, Vocabulary.EOS).stream().distinct().count());
    assertEquals("<bos>", v.describe(Vocabulary.BOS));
    assertEquals("<eos>", v.describe(Vocabulary.EOS));
    assertEquals("<pad>", v.describe(Vocabulary.PAD));
    int[] ids = {Vocabulary.BOS, 'h', 'i', Vocabulary.EOS, Vocabulary.PAD, Vocabulary.PAD};
    assertEquals("hi", tagged.decode(ids));
    // The text "<eos>" is not the special token.
    assertFalse(Arrays.stream(tagged.encode("<eos><bos><pad>")).anyMatch(id -> id >= 256));
  }

  @Test
  void decodingRandomIdsAlwaysGivesValidUnicode() {
    Random random = new Random(42);
    Vocabulary v = tagged.vocabulary();
    int replaced = 0;
    for (int trial = 0; trial < 5000; trial++) {
      int[] ids = new int[random.nextInt(40)];
      for (int i = 0; i < ids.length; i++) {
        // Mostly high bytes (continuation/lead bytes) to provoke broken sequences.
        ids[i] = random.nextInt(4) == 0 ? random.nextInt(v.size() + 5) - 2 : 0x80 + random.nextInt(128);
      }
      String text = tagged.decode(ids);
      assertValidUnicode(text);
      byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
      assertEquals(text, new String(utf8, StandardCharsets.UTF_8));
      replaced += text.contains("\uFFFD") ? 1 : 0;
    }
    assertTrue(replaced > 1000, "the random sequences should often be invalid UTF-8, got " + replaced);
  }

  @Test
  void incompleteAndInvalidSequencesBecomeReplacementCharacters() {
    byte[] euro = "€".getBytes(StandardCharsets.UTF_8); // E2 82 AC
    assertEquals("\uFFFD", tagged.decode(new int[] {euro[0] & 0xFF, euro[1] & 0xFF}));
    assertEquals("a\uFFFDb", tagged.decode(new int[] {'a', 0xFF, 'b'}));
    // An encoded surrogate (ED A0 80) is invalid UTF-8 and must not turn into a lone surrogate.
    String surrogate = tagged.decode(new int[] {0xED, 0xA0, 0x80});
    assertValidUnicode(surrogate);
    assertTrue(surrogate.chars().allMatch(c -> c == 0xFFFD));
    // A tag token in the middle of a multi-byte character splits it into two broken halves.
    int open = tagged.vocabulary().tagId("<TEMPLATE>");
    assertEquals("\uFFFD<TEMPLATE>\uFFFD", tagged.decode(new int[] {euro[0] & 0xFF, open, euro[2] & 0xFF}));
  }

  @Test
  void vocabularyFileRoundTripsAndChecksItsVersion(@TempDir Path dir) throws Exception {
    Path file = dir.resolve(Vocabulary.FILE_NAME);
    Vocabulary v = tagged.vocabulary();
    v.save(file);
    Vocabulary loaded = Vocabulary.load(file);
    assertEquals(v, loaded);
    assertEquals(v.tags(), loaded.tags());
    assertEquals(TAXONOMY.sha256(), loaded.taxonomySha256());
    String text = "x\n<TEMPLATE>\n<lang>English</lang>\n</TEMPLATE>";
    assertArrayEquals(tagged.encode(text), new ByteTokenizer(loaded).encode(text));

    ObjectMapper mapper = new ObjectMapper();
    ObjectNode future = (ObjectNode) mapper.readTree(file.toFile());
    future.put("version", Vocabulary.VERSION + 1);
    Path futureFile = dir.resolve("future.json");
    mapper.writeValue(futureFile.toFile(), future);
    InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> Vocabulary.load(futureFile));
    assertTrue(e.getMessage().contains("future.json") && e.getMessage().contains("$.version")
        && e.getMessage().contains(String.valueOf(Vocabulary.VERSION + 1)), e.getMessage());

    Path other = dir.resolve("other.json");
    Files.writeString(other, "{\"format\": \"something-else\", \"version\": 1}");
    assertThrows(InvalidConfigException.class, () -> Vocabulary.load(other));
  }

  static void assertValidUnicode(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)) {
        assertTrue(i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1)), "lone high surrogate");
        i++;
      } else {
        assertFalse(Character.isLowSurrogate(c), "lone low surrogate");
      }
    }
  }

  private static int[] toInts(byte[] bytes) {
    int[] out = new int[bytes.length];
    for (int i = 0; i < bytes.length; i++) {
      out[i] = bytes[i] & 0xFF;
    }
    return out;
  }
}
