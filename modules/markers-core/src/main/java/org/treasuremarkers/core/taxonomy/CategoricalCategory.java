package org.treasuremarkers.core.taxonomy;

import java.util.List;
import java.util.Set;

/** A category with a closed list of values (task, domain, lang, format, ...). */
public record CategoricalCategory(String name, String description, List<String> values, Set<String> valueSet)
    implements Category {

  public CategoricalCategory(String name, String description, List<String> values) {
    this(name, description, List.copyOf(values), Set.copyOf(values));
  }

  @Override
  public String canonical(String value) {
    if (value != null && valueSet.contains(value)) {
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
