package org.treasuremarkers.spark.source;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * One input dataset: where its files are and how a record becomes a raw example. A source with
 * {@code rawSchema} reads records in the shape of {@code datasets-schema/raw-example.schema.json} (the
 * {@code --input} path of annotate-job); the others build prompt and completion from templates.
 *
 * @param paths files or globs, already resolved against the sources file's base folder
 * @param columns tsv column names (null for other formats)
 * @param markers markers of the whole dataset (origin dataset)
 */
public record SourceDefinition(String name, List<String> paths, SourceFormat format, List<String> columns,
    FieldPath id, TextTemplate prompt, TextTemplate completion, FieldPath quality, Map<String, String> markers,
    List<DerivedMarker> derivedMarkers, boolean rawSchema) implements Serializable {

  public SourceDefinition {
    paths = List.copyOf(paths);
    columns = columns == null ? null : List.copyOf(columns);
    markers = markers == null ? Map.of() : Map.copyOf(markers);
    derivedMarkers = derivedMarkers == null ? List.of() : List.copyOf(derivedMarkers);
  }

  /**
   * Records in the raw-example shape; {@code defaultDataset} names rows that carry no dataset field (null: such
   * rows are rejected).
   */
  public static SourceDefinition rawInput(List<String> paths, SourceFormat format, String defaultDataset) {
    // tsv has no field names: raw tsv input is "prompt TAB completion".
    List<String> columns = format == SourceFormat.TSV ? List.of("prompt", "completion") : null;
    return new SourceDefinition(defaultDataset, paths, format, columns, FieldPath.parse("id"),
        TextTemplate.of("prompt"), TextTemplate.of("completion"), FieldPath.parse("quality"), Map.of(), List.of(), true);
  }
}
