package org.treasuremarkers.core.annotate;

import java.util.ArrayList;
import java.util.List;
import org.treasuremarkers.core.taxonomy.Taxonomy;

/**
 * The project's annotators in the order they must run: length first (its bucket reads length_tokens, which
 * may be preset), then language, code type, format, style, the task/domain rules, and the quality heuristic
 * last (it reads {@code lang}).
 */
public final class StandardAnnotators {
  private StandardAnnotators() {}

  /** The annotators for {@code taxonomy} with {@code rules}; rule values are checked against the taxonomy. */
  public static List<Annotator> create(Taxonomy taxonomy, AnnotationRules rules) {
    rules.checkAgainst(taxonomy);
    List<Annotator> annotators = new ArrayList<>();
    annotators.add(new LengthAnnotator(taxonomy));
    annotators.add(new LanguageAnnotator(taxonomy, rules));
    annotators.add(new CodeTypeAnnotator(rules));
    annotators.add(new FormatAnnotator());
    annotators.add(new StyleAnnotator(rules.style()));
    annotators.add(new RuleAnnotator(rules.rules()));
    annotators.add(new QualityAnnotator()); // reads lang
    return List.copyOf(annotators);
  }

  /** An {@link ExampleAnnotator} with the standard annotators and the packaged default rules. */
  public static ExampleAnnotator exampleAnnotator(Taxonomy taxonomy) {
    return new ExampleAnnotator(taxonomy, create(taxonomy, AnnotationRules.loadDefault()));
  }
}
