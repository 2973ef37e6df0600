package org.treasuremarkers.core.tagger;

import java.util.ArrayList;
import java.util.List;
import org.treasuremarkers.core.annotate.Annotator;
import org.treasuremarkers.core.annotate.MarkerBuilder;
import org.treasuremarkers.core.example.MarkerOrigin;
import org.treasuremarkers.core.example.RawExample;
import org.treasuremarkers.core.taxonomy.CategoricalCategory;
import org.treasuremarkers.core.taxonomy.Taxonomy;

/**
 * Fills the markers a {@link Tagger} predicts (task, domain, ...) from the prompt, after the row, its dataset and
 * the precise rules had their say: it never overrides a value already set. Below a model's threshold it proposes
 * nothing. Its values carry {@link MarkerOrigin#MODEL}.
 */
public final class TaggerAnnotator implements Annotator {
  private final List<LinearTagger> models;

  /** @throws IllegalArgumentException when a model predicts a class the taxonomy does not have */
  public TaggerAnnotator(Tagger tagger, Taxonomy taxonomy) {
    List<LinearTagger> kept = new ArrayList<>();
    for (String marker : Tagger.MARKERS) {
      tagger.forMarker(marker).filter(m -> taxonomy.has(marker)).ifPresent(model -> {
        if (!(taxonomy.category(marker) instanceof CategoricalCategory)) {
          throw new IllegalArgumentException("tagger " + tagger.location() + " predicts " + marker
              + ", which is not a categorical marker in this taxonomy");
        }
        for (String value : model.classes()) {
          if (!taxonomy.category(marker).accepts(value)) {
            throw new IllegalArgumentException("tagger " + tagger.location() + " predicts " + marker + "="
                + value + ", which the taxonomy does not have; retrain it with ./run-cluster.sh train-tagger");
          }
        }
        kept.add(model);
      });
    }
    this.models = List.copyOf(kept);
  }

  @Override
  public void annotate(RawExample example, MarkerBuilder markers) {
    for (LinearTagger model : models) {
      if (markers.has(model.marker())) {
        continue;
      }
      Prediction p = model.predict(example.prompt());
      if (p.probability() >= model.threshold()) {
        markers.propose(model.marker(), p.value(), MarkerOrigin.MODEL);
      }
    }
  }
}
