package org.treasuremarkers.core.annotate;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.treasuremarkers.core.tagger.Tagger;
import org.treasuremarkers.core.tagger.TaggerAnnotator;
import org.treasuremarkers.core.taxonomy.Taxonomy;

/**
 * The project's annotators in the order they must run: length first (its bucket reads length_tokens, which
 * may be preset), then language, code type, format, style, the task/domain rules, the tagger (it fills only what
 * the precise rules left open), and the quality heuristic last (it reads {@code lang}).
 */
public final class StandardAnnotators {
  private StandardAnnotators() {}

  /** The annotators with {@code rules} and no tagger; rule values are checked against the taxonomy. */
  public static List<Annotator> create(Taxonomy taxonomy, AnnotationRules rules) {
    return create(taxonomy, rules, Optional.empty());
  }

  /** The annotators with {@code rules} and, when given, a tagger for the markers the rules leave open. */
  public static List<Annotator> create(Taxonomy taxonomy, AnnotationRules rules, Optional<Tagger> tagger) {
    rules.checkAgainst(taxonomy);
    List<Annotator> annotators = new ArrayList<>();
    annotators.add(new LengthAnnotator(taxonomy));
    annotators.add(new LanguageAnnotator(taxonomy, rules));
    annotators.add(new CodeTypeAnnotator(rules));
    annotators.add(new FormatAnnotator());
    annotators.add(new StyleAnnotator(rules.style()));
    annotators.add(new RuleAnnotator(rules.rules()));
    tagger.ifPresent(t -> annotators.add(new TaggerAnnotator(t, taxonomy)));
    annotators.add(new QualityAnnotator()); // reads lang
    return List.copyOf(annotators);
  }

  /**
   * An {@link ExampleAnnotator} with the standard annotators, the packaged default rules and the shipped tagger
   * (when the build has one).
   */
  public static ExampleAnnotator exampleAnnotator(Taxonomy taxonomy) {
    return exampleAnnotator(taxonomy, Tagger.shipped());
  }

  /** An {@link ExampleAnnotator} with the packaged default rules and the given tagger (or none). */
  public static ExampleAnnotator exampleAnnotator(Taxonomy taxonomy, Optional<Tagger> tagger) {
    return new ExampleAnnotator(taxonomy, create(taxonomy, AnnotationRules.loadDefault(), tagger));
  }
}
