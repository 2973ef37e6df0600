package org.treasuremarkers.core.annotate;

import org.treasuremarkers.core.example.MarkerOrigin;
import org.treasuremarkers.core.example.RawExample;
import org.treasuremarkers.core.quality.HeuristicQuality;
import org.treasuremarkers.core.quality.QualityModel;
import org.treasuremarkers.core.quality.ShippedQualityModel;

/**
 * {@code quality} when the row brings none: the learned pairwise score of the shipped model
 * ({@link ShippedQualityModel}, origin {@code model}) when it is on the class path, else the documented heuristic
 * ({@link HeuristicQuality}, origin {@code rule}). An example without an answer (blank completion) gets no quality,
 * and so no quality_bucket. The full-precision score travels with the marker ({@link MarkerBuilder#proposeScore})
 * so the per-language quartiles can break the ties of the two-decimal value.
 */
public final class QualityAnnotator implements Annotator {
  private final QualityModel model;

  /** With the shipped model when present. */
  public QualityAnnotator() {
    this(ShippedQualityModel.get().orElse(null));
  }

  /** With {@code model}, or the heuristic when it is null. */
  public QualityAnnotator(QualityModel model) {
    this.model = model;
  }

  public boolean usesModel() {
    return model != null;
  }

  @Override
  public void annotate(RawExample example, MarkerBuilder markers) {
    if (markers.has("quality") || !markers.taxonomy().has("quality") || !hasAnswer(example.completion())) {
      return; // no answer, no quality to judge: such rows get neither quality nor quality_bucket
    }
    String prompt = example.prompt() == null ? "" : example.prompt();
    if (model != null) {
      markers.proposeScore("quality", model.quality(prompt, example.completion()), MarkerOrigin.MODEL);
    } else {
      markers.proposeScore("quality", HeuristicQuality.score(prompt, example.completion(), markers.get("lang")),
          MarkerOrigin.RULE);
    }
  }

  /** False for a null, empty or blank completion: the example has no answer to score. */
  public static boolean hasAnswer(String completion) {
    return HeuristicQuality.hasAnswer(completion);
  }
}
