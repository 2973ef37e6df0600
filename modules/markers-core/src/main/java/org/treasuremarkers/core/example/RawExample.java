package org.treasuremarkers.core.example;

import java.io.Serializable;
import java.util.Map;

/**
 * One instruction example before annotation, as {@code datasets-schema/raw-example.schema.json} describes it.
 *
 * @param id stable id, or null to derive one from (dataset, prompt, completion)
 * @param quality the input's own quality score, or null
 * @param markers preset markers (take precedence over everything), never null
 * @param metadata free-form attributes, never null
 */
public record RawExample(String id, String dataset, String prompt, String completion, Double quality,
    Map<String, String> markers, Map<String, String> metadata) implements Serializable {

  public RawExample {
    markers = markers == null ? Map.of() : Map.copyOf(markers);
    metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
  }

  /** An example with only the required fields. */
  public static RawExample of(String dataset, String prompt, String completion) {
    return new RawExample(null, dataset, prompt, completion, null, Map.of(), Map.of());
  }
}
