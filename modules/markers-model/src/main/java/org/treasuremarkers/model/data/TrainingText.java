package org.treasuremarkers.model.data;

import java.util.Map;
import org.treasuremarkers.core.template.Template;

/**
 * The text layout the model is trained on (datasets-schema/training-example.schema.json, "x-layout"):
 * input_text = prompt + "\n" + template(prompt markers), or the prompt alone when there are none;
 * target_text = template(all markers) + "\n" + completion. Generation builds its input with the same rule.
 */
public final class TrainingText {
  private TrainingText() {}

  public static String input(Template template, String prompt, Map<String, String> promptMarkers) {
    return promptMarkers.isEmpty() ? prompt : prompt + "\n" + template.render(promptMarkers);
  }

  public static String target(Template template, Map<String, String> markers, String completion) {
    return template.render(markers) + "\n" + completion;
  }
}
