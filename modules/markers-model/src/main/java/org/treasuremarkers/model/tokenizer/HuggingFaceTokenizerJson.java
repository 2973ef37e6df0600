package org.treasuremarkers.model.tokenizer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.treasuremarkers.core.json.InvalidConfigException;

/**
 * A {@link BpeTokenizer} as Hugging Face's {@code tokenizer.json}: model type BPE over GPT-2 byte characters, a
 * {@code Sequence} pre-tokenizer ({@code Split} with our {@link PreTokenizer} pattern, then {@code ByteLevel}
 * without its own regex), a {@code ByteLevel} decoder, and {@code added_tokens} for PAD/BOS/EOS (special) and the
 * template tags and marker values (added but not special, so decoding with {@code skip_special_tokens} keeps the
 * template). Every added token is also in the model vocabulary under its text, so the ids a loader assigns are the
 * ids written. {@code merges} use the "left right" string form that every tokenizers release reads (byte-level
 * tokens have no spaces).
 */
public final class HuggingFaceTokenizerJson {
  public static final String FILE_NAME = "tokenizer.json";
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private HuggingFaceTokenizerJson() {}

  public static byte[] toBytes(BpeTokenizer tokenizer) {
    try {
      return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(toJson(tokenizer));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static void write(BpeTokenizer tokenizer, Path file) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.write(file, toBytes(tokenizer));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  static ObjectNode toJson(BpeTokenizer tokenizer) {
    String[] keys = vocabularyKeys(tokenizer);
    ObjectNode root = MAPPER.createObjectNode();
    root.put("version", "1.0");
    root.putNull("truncation");
    root.putNull("padding");
    ArrayNode added = root.putArray("added_tokens");
    tokenizer.specials().stream().sorted(java.util.Comparator.comparingInt(SpecialTokens.Special::id)).forEach(s -> {
      ObjectNode t = added.addObject();
      t.put("id", s.id());
      t.put("content", s.content());
      t.put("single_word", s.singleWord());
      t.put("lstrip", false);
      t.put("rstrip", false);
      t.put("normalized", false);
      t.put("special", s.special());
    });
    root.putNull("normalizer");
    ObjectNode pre = root.putObject("pre_tokenizer");
    pre.put("type", "Sequence");
    ArrayNode steps = pre.putArray("pretokenizers");
    ObjectNode split = steps.addObject();
    split.put("type", "Split");
    split.putObject("pattern").put("Regex", tokenizer.preTokenizer().pattern());
    split.put("behavior", "Isolated");
    split.put("invert", false);
    byteLevel(steps.addObject());
    root.putNull("post_processor");
    byteLevel(root.putObject("decoder"));
    ObjectNode model = root.putObject("model");
    model.put("type", "BPE");
    model.putNull("dropout");
    model.putNull("unk_token");
    model.putNull("continuing_subword_prefix");
    model.putNull("end_of_word_suffix");
    model.put("fuse_unk", false);
    // Byte-level tokens cover every byte already; byte_fallback is for <0xNN> vocabularies.
    model.put("byte_fallback", false);
    ObjectNode vocab = model.putObject("vocab");
    for (int id = 0; id < keys.length; id++) {
      vocab.put(keys[id], id);
    }
    ArrayNode merges = model.putArray("merges");
    for (int r = 0; r < tokenizer.merges(); r++) {
      int[] m = tokenizer.merge(r);
      merges.add(keys[m[0]] + " " + keys[m[1]]);
    }
    return root;
  }

  private static void byteLevel(ObjectNode node) {
    node.put("type", "ByteLevel");
    node.put("add_prefix_space", false);
    node.put("trim_offsets", true);
    node.put("use_regex", false);
  }

  /** Vocabulary key per id: an added token's text, else the byte-level form of its bytes. Keys are unique. */
  private static String[] vocabularyKeys(BpeTokenizer tokenizer) {
    String[] keys = new String[tokenizer.size()];
    for (SpecialTokens.Special s : tokenizer.specials()) {
      keys[s.id()] = s.content();
    }
    Map<String, Integer> seen = new HashMap<>();
    for (int id = 0; id < keys.length; id++) {
      if (keys[id] == null || id < Vocabulary.BYTE_TOKENS) {
        keys[id] = ByteLevelAlphabet.encode(tokenizer.bytes(id));
      }
      Integer other = seen.putIfAbsent(keys[id], id);
      if (other != null) {
        throw new IllegalStateException("ids " + other + " and " + id + " share the vocabulary key '" + keys[id] + "'");
      }
    }
    return keys;
  }

  /** Reads a tokenizer.json this class wrote (or one of the same shape); anything else is refused with the reason. */
  public static BpeTokenizer read(Path file) {
    try {
      return fromJson(file.toString(), MAPPER.readTree(file.toFile()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  static BpeTokenizer fromJson(String file, JsonNode root) {
    JsonNode model = root.path("model");
    if (!"BPE".equals(model.path("type").asText())) {
      throw new InvalidConfigException(file, "$.model.type", "expected \"BPE\", found " + model.path("type"));
    }
    String pattern = null;
    boolean byteLevel = false;
    for (JsonNode step : root.path("pre_tokenizer").path("pretokenizers")) {
      if ("Split".equals(step.path("type").asText()) && "Isolated".equals(step.path("behavior").asText())
          && !step.path("invert").asBoolean()) {
        pattern = step.path("pattern").path("Regex").asText(null);
      }
      byteLevel |= "ByteLevel".equals(step.path("type").asText()) && !step.path("use_regex").asBoolean(true)
          && !step.path("add_prefix_space").asBoolean(true);
    }
    if (pattern == null || !byteLevel || !root.path("normalizer").isNull()) {
      throw new InvalidConfigException(file, "$.pre_tokenizer", "expected no normalizer and a Sequence of an"
          + " Isolated Split regex and a ByteLevel step without regex or prefix space, as treasure-markers writes");
    }
    Map<String, Integer> vocab = new HashMap<>();
    model.path("vocab").fields().forEachRemaining(e -> vocab.put(e.getKey(), e.getValue().asInt()));
    List<SpecialTokens.Special> specials = new ArrayList<>();
    for (JsonNode t : root.path("added_tokens")) {
      if (t.path("lstrip").asBoolean() || t.path("rstrip").asBoolean() || t.path("normalized").asBoolean()) {
        throw new InvalidConfigException(file, "$.added_tokens", "token " + t.path("content")
            + " strips or is normalized; this reader supports neither");
      }
      specials.add(new SpecialTokens.Special(t.path("content").asText(), t.path("id").asInt(),
          t.path("single_word").asBoolean(), t.path("special").asBoolean()));
    }
    for (int b = 0; b < Vocabulary.BYTE_TOKENS; b++) {
      String key = ByteLevelAlphabet.encode(new byte[] {(byte) b});
      if (vocab.getOrDefault(key, -1) != b) {
        throw new InvalidConfigException(file, "$.model.vocab", "byte " + b + " ('" + key + "') must have id " + b);
      }
    }
    List<int[]> merges = new ArrayList<>();
    for (JsonNode m : model.path("merges")) {
      String left;
      String right;
      if (m.isArray()) {
        left = m.get(0).asText();
        right = m.get(1).asText();
      } else {
        String[] parts = m.asText().split(" ", -1);
        if (parts.length != 2) {
          throw new InvalidConfigException(file, "$.model.merges", "merge '" + m.asText() + "' is not 'left right'");
        }
        left = parts[0];
        right = parts[1];
      }
      Integer l = vocab.get(left);
      Integer r = vocab.get(right);
      Integer result = vocab.get(left + right);
      if (l == null || r == null || result == null) {
        throw new InvalidConfigException(file, "$.model.merges", "merge '" + left + " " + right
            + "' uses or makes a token that is not in the vocabulary");
      }
      merges.add(new int[] {l, r, result});
    }
    int size = vocab.values().stream().mapToInt(Integer::intValue).max().orElse(-1) + 1;
    try {
      return new BpeTokenizer(new PreTokenizer(pattern), specials, merges, size);
    } catch (IllegalArgumentException e) {
      throw new InvalidConfigException(file, "$", e.getMessage());
    }
  }
}
