package org.treasuremarkers.core.annotate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The fenced code blocks of a Markdown text ({@code ```lang ... ```} or {@code ~~~}). An unclosed fence runs
 * to the end of the text, as Markdown renders it.
 */
public final class FencedCodeBlocks {
  /** One block: the info string's first word in lower case ("" when none) and the code. */
  public record Block(String info, String code, int start, int end) {}

  private FencedCodeBlocks() {}

  /** True when the text may hold a fence; a cheap test before {@link #of}. */
  public static boolean mayContain(String text) {
    return text.contains("```") || text.contains("~~~");
  }

  /** The blocks of {@code text} (unmodifiable), computed once per text per thread (see {@link IdentityMemo}). */
  public static List<Block> of(String text) {
    return mayContain(text) ? MEMO.apply(text) : List.of();
  }

  private static final IdentityMemo<List<Block>> MEMO = new IdentityMemo<>(t -> List.copyOf(find(t)));

  private static List<Block> find(String text) {
    List<Block> blocks = new ArrayList<>();
    int pos = 0;
    int n = text.length();
    while (pos < n) {
      int lineEnd = text.indexOf('\n', pos);
      if (lineEnd < 0) {
        lineEnd = n;
      }
      String fence = fenceAt(text, pos, lineEnd);
      if (fence == null) {
        pos = lineEnd + 1;
        continue;
      }
      int start = pos;
      String info = infoWord(text.substring(text.indexOf(fence, pos) + fence.length(), lineEnd));
      int codeStart = Math.min(lineEnd + 1, n);
      int cursor = codeStart;
      int codeEnd = n;
      int blockEnd = n;
      while (cursor < n) {
        int end = text.indexOf('\n', cursor);
        if (end < 0) {
          end = n;
        }
        String closing = fenceAt(text, cursor, end);
        if (closing != null && closing.charAt(0) == fence.charAt(0) && closing.length() >= fence.length()
            && text.substring(text.indexOf(closing, cursor) + closing.length(), end).isBlank()) {
          codeEnd = cursor;
          blockEnd = end;
          break;
        }
        cursor = end + 1;
      }
      blocks.add(new Block(info, text.substring(codeStart, Math.max(codeStart, codeEnd)), start, blockEnd));
      pos = blockEnd + 1;
    }
    return blocks;
  }

  /** The text with every fenced block replaced by a line break. */
  public static String remove(String text) {
    List<Block> blocks = of(text);
    if (blocks.isEmpty()) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    int pos = 0;
    for (Block b : blocks) {
      out.append(text, pos, b.start()).append('\n');
      pos = Math.min(b.end(), text.length());
    }
    out.append(text, pos, text.length());
    return out.toString();
  }

  // A fence opens a line (up to 3 spaces of indent) with 3+ backticks or tildes, as in CommonMark.
  private static String fenceAt(String text, int lineStart, int lineEnd) {
    int i = lineStart;
    while (i < lineEnd && i - lineStart < 3 && text.charAt(i) == ' ') {
      i++;
    }
    if (i >= lineEnd) {
      return null;
    }
    char c = text.charAt(i);
    if (c != '`' && c != '~') {
      return null;
    }
    int j = i;
    while (j < lineEnd && text.charAt(j) == c) {
      j++;
    }
    return j - i >= 3 ? text.substring(i, j) : null;
  }

  private static String infoWord(String rest) {
    String trimmed = rest.strip();
    if (trimmed.isEmpty() || trimmed.indexOf('`') >= 0) {
      return "";
    }
    int space = 0;
    while (space < trimmed.length() && !Character.isWhitespace(trimmed.charAt(space)) && trimmed.charAt(space) != '{') {
      space++;
    }
    return trimmed.substring(0, space).toLowerCase(Locale.ROOT);
  }
}
