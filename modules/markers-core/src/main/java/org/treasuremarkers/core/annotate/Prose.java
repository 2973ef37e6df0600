package org.treasuremarkers.core.annotate;

import java.util.regex.Pattern;

/**
 * The natural-language part of a text: without fenced code blocks, inline code, block comments, URLs, e-mail
 * addresses and lines that look like code. Language detection and the quality heuristic read this.
 */
public final class Prose {
  private static final Pattern INLINE_CODE = Pattern.compile("`[^`\\n]*`");
  private static final Pattern BLOCK_COMMENT = Pattern.compile("/\\*.*?(\\*/|$)", Pattern.DOTALL);
  private static final Pattern URL = Pattern.compile("(?i)\\b(?:https?://|ftp://|www\\.)\\S+|\\S+@\\S+\\.\\w+");
  // A line that starts like a statement and carries code punctuation.
  private static final Pattern CODE_START = Pattern.compile(
      "^\\s*(?:def|class|import|from|return|func|fn|let|const|var|public|private|protected|static|package|using"
          + "|#include|#define|if|for|while|elif|else|switch|case|try|catch|SELECT|INSERT|UPDATE|DELETE|CREATE"
          + "|echo|print|printf|console\\.log|System\\.out)\\b.*[(){}\\[\\]=;:<>]");

  private static final Pattern CALL = Pattern.compile("[\\w\\]]\\(|\\w\\.\\w+\\(");

  // "sum = 0", "total += x", "x := f(y)": an identifier assigned a value.
  private static final Pattern ASSIGNMENT = Pattern.compile("^[A-Za-z_$][\\w.\\[\\]$]*\\s*(?:[-+*/%|&^]?=|:=)\\s*[^=\\s]");
  // Block keywords alone on a line, and lower-case commands that open a statement ("echo done", "let x").
  private static final Pattern SHELL_LIKE = Pattern.compile(
      "^(?:fi|done|else|end|esac|then|do|begin|endif|endfor|endwhile)$"
          + "|^(?:echo|puts|print|printf|let|local|export|exit|rm|ls|cd|mkdir|mv|cp|sudo|chmod|cat|grep|pip|npm) \\S");
  // "return total" without sentence punctuation.
  private static final Pattern RETURN = Pattern.compile("^return\\b[^.!?\\u3002]*$");
  private static final Pattern WORD = Pattern.compile("\\p{IsLatin}[\\p{IsLatin}'-]*");

  private static final Pattern LATEX_COMMAND = Pattern.compile("\\\\[a-zA-Z]{2,}\\{");

  private Prose() {}

  /**
   * True when the Latin words of {@code prose} are nearly all capitalised: a list of names or titles
   * ("1. Brazil 2. Argentina 3. Chile") says nothing about the language it is written in.
   */
  public static boolean isNameList(String prose) {
    int latin = 0;
    int other = 0;
    for (int i = 0; i < prose.length(); i++) {
      char c = prose.charAt(i);
      if (Character.isLetter(c)) {
        if (c < 0x250) {
          latin++;
        } else {
          other++;
        }
      }
    }
    if (other >= latin) {
      return false; // Latin names inside Chinese, Thai, ... prose
    }
    var m = WORD.matcher(prose);
    int words = 0;
    int capitalised = 0;
    while (m.find()) {
      words++;
      if (Character.isUpperCase(prose.charAt(m.start()))) {
        capitalised++;
      }
    }
    return words >= 1 && capitalised >= 0.8 * words;
  }

  /**
   * The prose of {@code text}, lines joined by new lines. Computed once per text per thread ({@link IdentityMemo}):
   * the language, format and quality annotators all read the completion's prose.
   */
  public static String of(String text) {
    if (text == null || text.isEmpty()) {
      return "";
    }
    return MEMO.apply(text);
  }

  private static final IdentityMemo<String> MEMO = new IdentityMemo<>(t -> of(t, Integer.MAX_VALUE));

  /**
   * At least the first {@code enough} characters of the prose of {@code text} (all of it when shorter): the same
   * characters {@link #of(String)} starts with, found without reading the rest of a long text.
   */
  public static String head(String text, int enough) {
    if (text == null || text.isEmpty()) {
      return "";
    }
    return text.length() <= enough ? of(text) : of(text, enough);
  }

  private static String of(String text, int enough) {
    String t = FencedCodeBlocks.remove(text);
    if (t.indexOf('`') >= 0) {
      t = INLINE_CODE.matcher(t).replaceAll(" ");
    }
    if (t.contains("/*")) {
      t = BLOCK_COMMENT.matcher(t).replaceAll(" ");
    }
    if (t.contains("://") || t.contains("www.") || t.indexOf('@') >= 0) {
      t = URL.matcher(t).replaceAll(" ");
    }
    StringBuilder out = new StringBuilder(t.length());
    int pos = 0;
    int n = t.length();
    while (pos < n && out.length() < enough) {
      int end = t.indexOf('\n', pos);
      if (end < 0) {
        end = n;
      }
      String line = t.substring(pos, end);
      if (!isCodeLine(line)) {
        out.append(line).append('\n');
      }
      pos = end + 1;
    }
    return out.toString();
  }

  /**
   * A line of code rather than prose: a comment line, a line ending like a statement or block, a statement
   * keyword with code punctuation, or a line dense in code symbols.
   */
  public static boolean isCodeLine(String line) {
    String s = line.strip();
    if (s.isEmpty()) {
      return false;
    }
    if (s.startsWith("//") || s.startsWith("#!") || s.startsWith("--") && s.length() > 2 && s.charAt(2) == ' ') {
      return true;
    }
    char last = s.charAt(s.length() - 1);
    if (last != ';' && (s.startsWith("$$") || s.indexOf('\\') >= 0 && LATEX_COMMAND.matcher(s).find())) {
      return false; // mathematics in LaTeX is prose's notation, braces and all
    }
    if (last == ';' || last == '{' || last == '}') {
      return true;
    }
    int letters = 0;
    int symbols = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isLetter(c)) {
        letters++;
      } else if ("{}[]()<>=;_|&\\$#*+/\":".indexOf(c) >= 0) {
        symbols++;
      }
    }
    if (symbols >= 3 && symbols * 4 > letters) {
      return true;
    }
    if (ASSIGNMENT.matcher(s).find() || RETURN.matcher(s).find() || SHELL_LIKE.matcher(s).find()) {
      return true;
    }
    if (symbols > 0 && CODE_START.matcher(s).find()) {
      return true;
    }
    // A call or method call that ends the line: "result.append(x)", "main()", "for x in range(n):".
    return (last == ')' || last == ':') && CALL.matcher(s).find();
  }

  /**
   * Letters in {@code text}, weighting a Han, Kana or Hangul character as three (one such character carries
   * about as much as a short Latin word's letters).
   */
  public static int letterWeight(CharSequence text) {
    int weight = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isLetter(c)) {
        weight += c >= 0x2E80 && (c <= 0x9FFF || c >= 0xAC00 && c <= 0xD7AF || c >= 0xF900 && c <= 0xFAFF) ? 3 : 1;
      }
    }
    return weight;
  }
}
