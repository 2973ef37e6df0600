package org.treasuremarkers.core.annotate;

import java.util.List;
import org.treasuremarkers.core.example.RawExample;

/**
 * {@code style}: Custom when the prompt asks for a persona or a style ("respond like a pirate", "in the style
 * of Shakespeare", "pretend you are ..."), from the {@code style} rules of {@code conf/annotation-rules.json};
 * nothing otherwise (an ordinary prompt has no style request to record).
 */
public final class StyleAnnotator implements Annotator {
  private final RuleAnnotator rules;

  public StyleAnnotator(List<RegexRule> styleRules) {
    this.rules = new RuleAnnotator(styleRules);
  }

  @Override
  public void annotate(RawExample example, MarkerBuilder markers) {
    rules.annotate(example, markers);
  }
}
