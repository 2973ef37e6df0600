package org.treasuremarkers.learn.tagger;

/**
 * One prompt with the task and domain its source gives (either may be null: the source's label maps to nothing).
 *
 * @param source the shared dataset folder it comes from (the unit of leave-one-source-out)
 * @param group rows that must stay on the same side of a held-out split (e.g. one XQuAD question in 12 languages)
 * @param file the file it was read from, relative to the datasets folder
 */
public record LabelledText(String source, String group, String file, String text, String task, String domain) {

  public String label(String marker) {
    return switch (marker) {
      case "task" -> task;
      case "domain" -> domain;
      default -> throw new IllegalArgumentException("no source labels for marker " + marker);
    };
  }
}
