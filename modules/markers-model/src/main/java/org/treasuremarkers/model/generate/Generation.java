package org.treasuremarkers.model.generate;

import java.util.SortedMap;
import org.treasuremarkers.core.template.LenientParse;

/**
 * A generated answer.
 *
 * @param input the text the model was conditioned on (prompt, plus the fixed markers' template if any)
 * @param generated everything the model wrote (its template and the completion)
 * @param template the lenient parse of the generated template
 * @param completion the generated text after the template (all of it if no template was found)
 * @param tokens generated token count
 * @param endedWithEos whether the model ended the answer itself
 */
public record Generation(String input, String generated, LenientParse template, String completion, int tokens,
    boolean endedWithEos) {
  /** The markers the model wrote in its template (valid ones, canonical). */
  public SortedMap<String, String> inferredMarkers() {
    return template.markers();
  }
}
