package org.treasuremarkers.core.annotate;

import java.util.regex.Pattern;
import org.treasuremarkers.core.example.RawExample;

/**
 * One configured rule: when {@code pattern} is found in the example's {@code field}, marker {@code marker}
 * gets {@code value}. Immutable and thread-safe (a {@link Pattern} is).
 *
 * @param id the rule's id in the rules file, for reports
 */
public record RegexRule(String id, String marker, String value, Field field, Pattern pattern, Prefilter prefilter) {

  public RegexRule(String id, String marker, String value, Field field, Pattern pattern) {
    this(id, marker, value, field, pattern, Prefilter.of(pattern));
  }

  /** The part of the example a rule looks at. */
  public enum Field {
    PROMPT, COMPLETION;

    public String of(RawExample example) {
      String text = this == PROMPT ? example.prompt() : example.completion();
      return text == null ? "" : text;
    }
  }

  public boolean matches(RawExample example) {
    return prefilter.matches(pattern, field.of(example));
  }

  /** As {@link #matches(RawExample)}, with the field's text and its case-folded form given. */
  public boolean matches(String text, String foldedText) {
    return prefilter.matches(pattern, text, foldedText);
  }
}
