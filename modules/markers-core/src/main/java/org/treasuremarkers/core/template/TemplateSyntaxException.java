package org.treasuremarkers.core.template;

/** A stored template that does not parse; the message gives line, column and what was expected. */
public final class TemplateSyntaxException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final int offset;

  TemplateSyntaxException(String text, int offset, String problem) {
    super(problem + " at " + position(text, offset));
    this.offset = offset;
  }

  /** Character offset of the problem in the parsed text. */
  public int offset() {
    return offset;
  }

  static String position(String text, int offset) {
    int line = 1;
    int column = 1;
    for (int i = 0; i < offset && i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        line++;
        column = 1;
      } else {
        column++;
      }
    }
    return "line " + line + " column " + column;
  }
}
