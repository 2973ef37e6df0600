package org.treasuremarkers.core.annotate;

import java.util.List;
import org.treasuremarkers.core.example.RawExample;

/**
 * Sets markers from configured regex rules ({@code rules} of {@code conf/annotation-rules.json}: task, domain,
 * ...). Rules run in file order and the first rule that matches sets its marker; later rules for a marker
 * that already has a value (from the row, the dataset or an earlier rule) are skipped without matching.
 */
public final class RuleAnnotator implements Annotator {
  private final List<RegexRule> rules;

  public RuleAnnotator(List<RegexRule> rules) {
    this.rules = List.copyOf(rules);
  }

  @Override
  public void annotate(RawExample example, MarkerBuilder markers) {
    String[] folded = new String[RegexRule.Field.values().length]; // each field folded at most once
    for (RegexRule rule : rules) {
      if (!markers.has(rule.marker()) && markers.taxonomy().has(rule.marker())) {
        String text = rule.field().of(example);
        int f = rule.field().ordinal();
        if (folded[f] == null && rule.prefilter().folded()) {
          folded[f] = Prefilter.fold(text);
        }
        if (rule.matches(text, folded[f])) {
          markers.propose(rule.marker(), rule.value());
        }
      }
    }
  }
}
