package org.treasuremarkers.learn.tagger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * ../shared/datasets/tagger-mapping.json: each source's own labels -> taxonomy values. Some whole-source labels
 * are written with an explanation ("QuestionAnswering (every row is ...)"); the value is their first word.
 */
public final class TaggerMapping {
  private final JsonNode root;

  private TaggerMapping(JsonNode root) {
    this.root = root;
  }

  public static TaggerMapping read(Path file) {
    try {
      return new TaggerMapping(new ObjectMapper().readTree(file.toFile()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the tagger mapping " + file, e);
    }
  }

  public JsonNode source(String name) {
    JsonNode node = root.path(name);
    if (node.isMissingNode()) {
      throw new IllegalArgumentException("tagger-mapping.json has no entry for source '" + name + "'");
    }
    return node;
  }

  /** The value of a whole-source label such as {@code "task": "Reasoning (grade-school ...)"}, or null. */
  public static String value(JsonNode node) {
    if (node == null || !node.isTextual()) {
      return null;
    }
    String text = node.asText().trim();
    int end = 0;
    while (end < text.length() && Character.isLetter(text.charAt(end))) {
      end++;
    }
    return end == 0 ? null : text.substring(0, end);
  }

  /** The key of {@code groups} (value -> list of labels) whose list holds {@code label}, or null. */
  public static String groupOf(JsonNode groups, String label) {
    var it = groups.fields();
    while (it.hasNext()) {
      var e = it.next();
      for (JsonNode l : e.getValue()) {
        if (l.asText().equals(label)) {
          return e.getKey();
        }
      }
    }
    return null;
  }
}
