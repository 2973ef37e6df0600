package org.treasuremarkers.core.taxonomy;

import java.util.List;

/**
 * One marker category of the taxonomy (task, lang, length_tokens, ...). Knows which values it allows and
 * their canonical spelling, so that every marker value the project stores or renders is written one way.
 */
public sealed interface Category
    permits CategoricalCategory, IntegerCategory, DecimalCategory, BucketCategory, QuantileCategory {

  String name();

  String description();

  /** The values a categorical-like category allows, in taxonomy order; empty for numeric categories. */
  List<String> values();

  /**
   * Returns the canonical form of {@code value}.
   *
   * @throws InvalidMarkerException when the value is not allowed, with a message saying what is
   */
  String canonical(String value);

  /** A short human description of what is allowed, used in error messages. */
  String allowed();

  default boolean accepts(String value) {
    try {
      canonical(value);
      return true;
    } catch (InvalidMarkerException e) {
      return false;
    }
  }
}
