package org.treasuremarkers.model.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.treasuremarkers.core.json.InvalidConfigException;
import org.treasuremarkers.model.tokenizer.BpeTokenizer;
import org.treasuremarkers.model.tokenizer.ByteTokenizer;
import org.treasuremarkers.model.tokenizer.HuggingFaceTokenizerJson;
import org.treasuremarkers.model.tokenizer.Tokenizer;
import org.treasuremarkers.model.tokenizer.Vocabulary;

/**
 * {@code tokenizer-record.json} in a model folder: the tokenizer's type, its file and that file's SHA-256, so a
 * model is never read with another vocabulary than it was trained with (an edited or swapped tokenizer.json is
 * refused). A folder without the record is from before BPE and has a byte vocabulary.
 */
final class TokenizerRecord {
  static final String FILE_NAME = "tokenizer-record.json";
  static final String FORMAT = "treasure-markers-tokenizer-record";
  static final int VERSION = 1;

  private TokenizerRecord() {}

  static void save(Path root, Tokenizer tokenizer) {
    Path file;
    if (tokenizer instanceof BpeTokenizer bpe) {
      file = root.resolve(HuggingFaceTokenizerJson.FILE_NAME);
      HuggingFaceTokenizerJson.write(bpe, file);
    } else if (tokenizer instanceof ByteTokenizer bytes) {
      file = root.resolve(Vocabulary.FILE_NAME);
      bytes.vocabulary().save(file);
    } else {
      throw new IllegalArgumentException("cannot save a " + tokenizer.getClass().getName());
    }
    ObjectNode record = new ObjectMapper().createObjectNode();
    record.put("format", FORMAT);
    record.put("version", VERSION);
    record.put("type", tokenizer.type());
    record.put("file", file.getFileName().toString());
    record.put("sha256", sha256(file));
    record.put("size", tokenizer.size());
    ModelDirectory.writeAtomically(root.resolve(FILE_NAME),
        tmp -> new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), record));
  }

  static Tokenizer load(Path root) {
    Path recordFile = root.resolve(FILE_NAME);
    if (!Files.isRegularFile(recordFile)) {
      return new ByteTokenizer(Vocabulary.load(root.resolve(Vocabulary.FILE_NAME)));
    }
    JsonNode record;
    try {
      record = new ObjectMapper().readTree(recordFile.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + recordFile, e);
    }
    if (!FORMAT.equals(record.path("format").asText()) || record.path("version").asInt() != VERSION) {
      throw new InvalidConfigException(recordFile.toString(), "$.version", "expected " + FORMAT + " version "
          + VERSION + "; use the treasure-markers release that trained the model");
    }
    String name = record.path("file").asText();
    Path file = root.resolve(name).normalize();
    if (name.isEmpty() || !file.getParent().equals(root.normalize())) {
      throw new InvalidConfigException(recordFile.toString(), "$.file", "must name a file in the model folder");
    }
    String actual = sha256(file);
    if (!actual.equals(record.path("sha256").asText())) {
      throw new InvalidConfigException(recordFile.toString(), "$.sha256", name + " has SHA-256 " + actual
          + " but the model was trained with " + record.path("sha256").asText() + "; restore the original file");
    }
    String type = record.path("type").asText();
    Tokenizer tokenizer = switch (type) {
      case BpeTokenizer.TYPE -> HuggingFaceTokenizerJson.read(file);
      case ByteTokenizer.TYPE -> new ByteTokenizer(Vocabulary.load(file));
      default -> throw new InvalidConfigException(recordFile.toString(), "$.type", "unknown tokenizer type '"
          + type + "'");
    };
    if (record.has("size") && record.get("size").asInt() != tokenizer.size()) {
      throw new InvalidConfigException(recordFile.toString(), "$.size", "says " + record.get("size") + " but "
          + name + " makes " + tokenizer.size());
    }
    return tokenizer;
  }

  static String sha256(Path file) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
