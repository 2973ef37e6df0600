package org.treasuremarkers.core.taxonomy;

import java.util.List;

/** A count (length_tokens, length_sentences, ...). Canonical form: plain decimal digits, no sign for >= 0. */
public record IntegerCategory(String name, String description, long min, long max) implements Category {

  @Override
  public List<String> values() {
    return List.of();
  }

  @Override
  public String canonical(String value) {
    long parsed;
    try {
      parsed = Long.parseLong(value == null ? "" : value.strip());
    } catch (NumberFormatException e) {
      throw new InvalidMarkerException(
          "value '" + value + "' is not an integer for marker '" + name + "'; allowed: " + allowed());
    }
    return canonical(parsed);
  }

  public String canonical(long value) {
    if (value < min || value > max) {
      throw new InvalidMarkerException(
          "value " + value + " is out of range for marker '" + name + "'; allowed: " + allowed());
    }
    return Long.toString(value);
  }

  @Override
  public String allowed() {
    return "an integer in [" + min + ", " + (max == Long.MAX_VALUE ? "inf" : Long.toString(max)) + "]";
  }
}
