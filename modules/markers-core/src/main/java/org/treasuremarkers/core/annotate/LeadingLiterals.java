package org.treasuremarkers.core.annotate;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a regex's matches can start: when every top-level branch opens (after zero-width tokens such as
 * {@code \b}, {@code ^} or a look-behind) with a literal, a match can only start at an occurrence of one of those
 * literals. {@link #find} then tries the regex only there ({@code lookingAt} with transparent, non-anchoring
 * bounds, so {@code \b}, look-behinds and {@code ^} see the text around), which gives {@code find()}'s answer
 * without testing a word boundary at every position of a 4,000-character text.
 */
record LeadingLiterals(String[] literals) {

  /** The leading literal of every branch, or null when a branch opens otherwise (or with case folding). */
  static LeadingLiterals of(Pattern pattern) {
    if ((pattern.flags() & (Pattern.CASE_INSENSITIVE | Pattern.COMMENTS | Pattern.LITERAL)) != 0) {
      return null;
    }
    List<String> out = new ArrayList<>();
    for (String branch : topLevelBranches(pattern.pattern())) {
      String literal = leadingLiteral(branch);
      if (literal == null || literal.isEmpty()) {
        return null;
      }
      out.add(literal);
    }
    return out.isEmpty() ? null : new LeadingLiterals(out.toArray(String[]::new));
  }

  /** Whether {@code pattern} (the one these literals were taken from) occurs in {@code text}. */
  boolean find(Pattern pattern, String text) {
    Matcher m = null;
    for (int at = nextOccurrence(text, 0); at >= 0; at = nextOccurrence(text, at + 1)) {
      if (m == null) {
        m = pattern.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
      }
      m.region(at, text.length());
      if (m.lookingAt()) {
        return true;
      }
    }
    return false;
  }

  private int nextOccurrence(String text, int from) {
    int best = -1;
    for (String literal : literals) {
      int i = text.indexOf(literal, from);
      if (i >= 0 && (best < 0 || i < best)) {
        best = i;
      }
    }
    return best;
  }

  static List<String> topLevelBranches(String regex) {
    List<String> branches = new ArrayList<>();
    int depth = 0;
    int start = 0;
    for (int i = 0; i < regex.length(); i++) {
      char c = regex.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '[') {
        i = classEnd(regex, i);
        if (i < 0) {
          return List.of(); // unparsed: no optimisation
        }
      } else if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      } else if (c == '|' && depth == 0) {
        branches.add(regex.substring(start, i));
        start = i + 1;
      }
    }
    branches.add(regex.substring(start));
    return branches;
  }

  // The literal a branch starts with after zero-width tokens; "" when it starts with anything else.
  static String leadingLiteral(String branch) {
    int i = 0;
    while (i < branch.length()) { // zero-width openers
      if (branch.startsWith("\\b", i) || branch.startsWith("\\A", i)) {
        i += 2;
      } else if (branch.charAt(i) == '^') {
        i++;
      } else if (branch.startsWith("(?<!", i) || branch.startsWith("(?<=", i) || branch.startsWith("(?=", i)
          || branch.startsWith("(?!", i)) {
        int end = groupEnd(branch, i);
        if (end < 0) {
          return "";
        }
        i = end + 1;
      } else {
        break;
      }
    }
    StringBuilder literal = new StringBuilder();
    while (i < branch.length()) {
      char c = branch.charAt(i);
      char next;
      int width;
      if (c == '\\' && i + 1 < branch.length() && "\\.()[]{}$^|*+?/-'\"#&~<>=!:,@%`;".indexOf(branch.charAt(i + 1)) >= 0) {
        next = branch.charAt(i + 1);
        width = 2;
      } else if (Character.isLetterOrDigit(c) || c == ' ' || c == '_' || "\"'#&~<>=!:,@%`;/-".indexOf(c) >= 0) {
        next = c;
        width = 1;
      } else {
        break;
      }
      int after = i + width;
      if (after < branch.length() && "*?{".indexOf(branch.charAt(after)) >= 0) {
        break; // the char may be absent (or repeated a varying number of times): the literal ends before it
      }
      literal.append(next);
      i = after;
      if (after < branch.length() && branch.charAt(after) == '+') {
        break; // one or more: the literal holds it once and ends there
      }
    }
    return literal.toString();
  }

  private static int groupEnd(String regex, int open) {
    int depth = 0;
    for (int i = open; i < regex.length(); i++) {
      char c = regex.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '[') {
        i = classEnd(regex, i);
        if (i < 0) {
          return -1;
        }
      } else if (c == '(') {
        depth++;
      } else if (c == ')' && --depth == 0) {
        return i;
      }
    }
    return -1;
  }

  private static int classEnd(String regex, int open) {
    int i = open + 1;
    if (i < regex.length() && regex.charAt(i) == '^') {
      i++;
    }
    if (i < regex.length() && regex.charAt(i) == ']') {
      i++;
    }
    int depth = 1;
    for (; i < regex.length(); i++) {
      char c = regex.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '[') {
        depth++;
      } else if (c == ']' && --depth == 0) {
        return i;
      }
    }
    return -1;
  }
}
