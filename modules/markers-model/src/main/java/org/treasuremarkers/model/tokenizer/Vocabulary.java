package org.treasuremarkers.model.tokenizer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.treasuremarkers.core.json.InvalidConfigException;
import org.treasuremarkers.core.json.SchemaCheckedJson;
import org.treasuremarkers.core.taxonomy.Taxonomy;
import org.treasuremarkers.core.template.Template;

/**
 * The token ids of the model: ids 0..255 are the bytes of UTF-8 text, then the special tokens PAD, BOS, EOS,
 * then (optionally) one token per template tag. The tags are taken from the taxonomy when the vocabulary is
 * built and stored in the vocabulary file, so a saved model decodes the same way even if the taxonomy changes.
 */
public final class Vocabulary implements Serializable {
  private static final long serialVersionUID = 1L;

  /** File format marker and the one version this code reads. Bump the version when the id layout changes. */
  public static final String FORMAT = "treasure-markers-vocabulary";
  public static final int VERSION = 1;
  public static final String FILE_NAME = "vocabulary.json";

  public static final int BYTE_TOKENS = 256;
  public static final int PAD = 256;
  public static final int BOS = 257;
  public static final int EOS = 258;
  static final List<String> SPECIAL = List.of("<pad>", "<bos>", "<eos>");
  private static final int FIRST_TAG = BYTE_TOKENS + 3;

  private final List<String> tags;
  private final String taxonomySha256;
  private transient Map<String, Integer> tagIds;

  private Vocabulary(List<String> tags, String taxonomySha256) {
    this.tags = List.copyOf(tags);
    this.taxonomySha256 = taxonomySha256;
  }

  /** Bytes and special tokens only. */
  public static Vocabulary bytesOnly() {
    return new Vocabulary(List.of(), "");
  }

  /** Bytes, special tokens and {@code <TEMPLATE>}, {@code </TEMPLATE>}, {@code <key>}, {@code </key>} per taxonomy key. */
  public static Vocabulary withTemplateTags(Taxonomy taxonomy) {
    List<String> tags = new ArrayList<>();
    tags.add(Template.OPEN);
    tags.add(Template.CLOSE);
    for (String key : taxonomy.names()) {
      tags.add("<" + key + ">");
      tags.add("</" + key + ">");
    }
    return new Vocabulary(tags, taxonomy.sha256());
  }

  public int size() {
    return FIRST_TAG + tags.size();
  }

  /** Template tags in id order; tag {@code i} has id {@code 259 + i}. */
  public List<String> tags() {
    return tags;
  }

  public String taxonomySha256() {
    return taxonomySha256;
  }

  /** The id of a tag string, or -1. */
  public int tagId(String tag) {
    return tagIds().getOrDefault(tag, -1);
  }

  public boolean isTag(int id) {
    return id >= FIRST_TAG && id < size();
  }

  public String tag(int id) {
    return tags.get(id - FIRST_TAG);
  }

  /** A readable name for any id, for logs and tests. */
  public String describe(int id) {
    if (id < 0 || id >= size()) {
      return "<invalid:" + id + ">";
    }
    if (id < BYTE_TOKENS) {
      return String.format("<0x%02X>", id);
    }
    return id < FIRST_TAG ? SPECIAL.get(id - BYTE_TOKENS) : tag(id);
  }

  private Map<String, Integer> tagIds() {
    if (tagIds == null) {
      Map<String, Integer> ids = new LinkedHashMap<>();
      for (int i = 0; i < tags.size(); i++) {
        ids.put(tags.get(i), FIRST_TAG + i);
      }
      tagIds = Collections.unmodifiableMap(ids);
    }
    return tagIds;
  }

  // ---- file form ----

  public JsonNode toJson() {
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode root = mapper.createObjectNode();
    root.put("format", FORMAT);
    root.put("version", VERSION);
    root.put("byte_tokens", BYTE_TOKENS);
    ArrayNode special = root.putArray("special");
    SPECIAL.forEach(special::add);
    ArrayNode tagArray = root.putArray("tags");
    tags.forEach(tagArray::add);
    root.put("taxonomy_sha256", taxonomySha256);
    root.put("size", size());
    return root;
  }

  public void save(Path file) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(file.toFile(), toJson());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write vocabulary " + file, e);
    }
  }

  /** Reads a vocabulary file; a different format or version is refused with a message saying what to do. */
  public static Vocabulary load(Path file) {
    return fromJson(file.toString(), SchemaCheckedJson.parse(file.toString(), SchemaCheckedJson.fileBytes(file)));
  }

  static Vocabulary fromJson(String file, JsonNode root) {
    if (!FORMAT.equals(root.path("format").asText())) {
      throw new InvalidConfigException(file, "$.format", "expected \"" + FORMAT + "\", found "
          + root.path("format") + "; this is not a treasure-markers vocabulary file");
    }
    int version = root.path("version").asInt(-1);
    if (version != VERSION) {
      throw new InvalidConfigException(file, "$.version", "vocabulary version " + root.path("version")
          + " is not supported; this build reads version " + VERSION
          + " only: use the treasure-markers release that trained the model, or retrain it");
    }
    if (root.path("byte_tokens").asInt() != BYTE_TOKENS || !root.path("special").toString()
        .equals(new ObjectMapper().valueToTree(SPECIAL).toString())) {
      throw new InvalidConfigException(file, "$.special", "expected " + BYTE_TOKENS + " byte tokens and special "
          + SPECIAL + "; the file was changed by hand or written by other software");
    }
    List<String> tags = new ArrayList<>();
    root.path("tags").forEach(t -> tags.add(t.asText()));
    Vocabulary vocabulary = new Vocabulary(tags, root.path("taxonomy_sha256").asText(""));
    if (root.has("size") && root.get("size").asInt() != vocabulary.size()) {
      throw new InvalidConfigException(file, "$.size", "says " + root.get("size") + " but the tokens listed make "
          + vocabulary.size());
    }
    return vocabulary;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Vocabulary v && v.tags.equals(tags) && v.taxonomySha256.equals(taxonomySha256);
  }

  @Override
  public int hashCode() {
    return tags.hashCode() * 31 + taxonomySha256.hashCode();
  }

  @Override
  public String toString() {
    return "Vocabulary(v" + VERSION + ", " + size() + " tokens, " + tags.size() + " template tags)";
  }
}
