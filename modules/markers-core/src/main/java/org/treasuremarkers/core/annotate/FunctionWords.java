package org.treasuremarkers.core.annotate;

import java.util.Map;
import java.util.Set;

/**
 * The {@code functionWords} section of {@code conf/annotation-rules.json}: per {@code lang} value, frequent
 * words that are rare in the other candidate languages, and how much of a text they must make up for the
 * language detector to take the shortcut.
 */
public record FunctionWords(int minWords, double minShare, int minDistinct, Map<String, Set<String>> languages) {

  public FunctionWords {
    languages = Map.copyOf(languages);
  }
}
