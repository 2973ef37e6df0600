package org.treasuremarkers.core.taxonomy;

import java.util.List;

/**
 * A quantile bucket of a decimal category computed over the whole dataset, optionally within groups
 * ({@code per}, e.g. quality quartiles per lang). The first value is the highest quantile. Values are
 * assigned by a dataset-wide statistic, so no per-example annotator sets them.
 */
public record QuantileCategory(String name, String description, String of, String per, List<String> values)
    implements Category {

  public QuantileCategory {
    values = List.copyOf(values);
  }

  /** Number of quantile buckets (4 for quartiles). */
  public int count() {
    return values.size();
  }

  @Override
  public String canonical(String value) {
    if (values.contains(value)) {
      return value;
    }
    throw new InvalidMarkerException(
        "value '" + value + "' is not allowed for marker '" + name + "'; allowed: " + allowed());
  }

  @Override
  public String allowed() {
    return "one of " + String.join(", ", values);
  }
}
