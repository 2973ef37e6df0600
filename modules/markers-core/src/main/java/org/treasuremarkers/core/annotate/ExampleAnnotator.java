package org.treasuremarkers.core.annotate;

import java.util.List;
import java.util.Map;
import org.treasuremarkers.core.example.Annotation;
import org.treasuremarkers.core.example.MarkerOrigin;
import org.treasuremarkers.core.example.RawExample;
import org.treasuremarkers.core.taxonomy.Taxonomy;

/**
 * Annotates one example with every per-example marker, honouring precedence: a preset marker on the row,
 * then the row's own quality score, then the dataset's markers, then the rule annotators in order.
 * Thread-safe when its annotators are.
 */
public final class ExampleAnnotator {
  private final Taxonomy taxonomy;
  private final List<Annotator> annotators;

  public ExampleAnnotator(Taxonomy taxonomy, List<Annotator> annotators) {
    this.taxonomy = taxonomy;
    this.annotators = List.copyOf(annotators);
  }

  public Taxonomy taxonomy() {
    return taxonomy;
  }

  /**
   * @param datasetMarkers markers the example's source dataset gives (may be empty)
   * @throws org.treasuremarkers.core.taxonomy.InvalidMarkerException when a preset or dataset marker is not
   *     in the taxonomy (the caller rejects the row with that message)
   */
  public Annotation annotate(RawExample example, Map<String, String> datasetMarkers) {
    MarkerBuilder builder = new MarkerBuilder(taxonomy);
    example.markers().forEach((key, value) -> {
      taxonomy.category(key); // an unknown preset key is an input error, not something to drop silently
      builder.propose(key, value, MarkerOrigin.INPUT);
    });
    if (example.quality() != null && taxonomy.has("quality")) {
      builder.proposeScore("quality", example.quality(), MarkerOrigin.INPUT);
    }
    datasetMarkers.forEach((key, value) -> {
      taxonomy.category(key);
      builder.propose(key, value, MarkerOrigin.DATASET);
    });
    for (Annotator annotator : annotators) {
      annotator.annotate(example, builder);
    }
    return builder.build();
  }
}
