package org.treasuremarkers.core.template;

/**
 * One {@code <key>value</key>} line of a template, as both parsers read it.
 *
 * @param key the tag name, or null when the line is not a marker line
 * @param value the text between the tags
 * @param problem why the line is not a marker line, or null
 */
record TemplateLine(String key, String value, String problem) {

  /** Reads {@code line} (without its newline). */
  static TemplateLine read(String line) {
    if (line.length() < 2 || line.charAt(0) != '<' || line.startsWith("</")) {
      return new TemplateLine(null, null, "expected a marker line <key>value</key>");
    }
    int close = line.indexOf('>');
    if (close < 0) {
      return new TemplateLine(null, null, "opening tag is not closed with '>'");
    }
    String key = line.substring(1, close);
    String end = "</" + key + ">";
    if (!line.endsWith(end) || line.length() < close + 1 + end.length()) {
      return new TemplateLine(key, null, "expected the line to end with " + end);
    }
    String value = line.substring(close + 1, line.length() - end.length());
    if (value.indexOf('<') >= 0 || value.indexOf('>') >= 0) {
      return new TemplateLine(key, null, "value of <" + key + "> contains '<' or '>'");
    }
    return new TemplateLine(key, value, null);
  }
}
