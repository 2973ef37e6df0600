package org.treasuremarkers.core.annotate;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * Cheap tests that let a configured regex skip texts it cannot match, with exactly the regex's answer:
 * <ul>
 *   <li>a pattern whose every branch starts with {@code ^} or {@code \A} (without MULTILINE) can only match at
 *       the start, so it is tried there ({@code lookingAt}) instead of at every position;</li>
 *   <li>a pattern that needs one of some literals ({@link RequiredLiterals}) is not run on a text that holds
 *       none of them; for case-insensitive patterns both sides are compared case-folded, char by char, as
 *       {@link Pattern#CASE_INSENSITIVE} with {@link Pattern#UNICODE_CASE} compares them.</li>
 * </ul>
 */
public record Prefilter(boolean anchoredAtStart, Set<String> literals, boolean folded) {

  public static Prefilter of(Pattern pattern) {
    boolean multiline = (pattern.flags() & Pattern.MULTILINE) != 0;
    boolean folded = (pattern.flags() & Pattern.CASE_INSENSITIVE) != 0;
    Set<String> literals = RequiredLiterals.of(pattern.pattern());
    if (folded) {
      if ((pattern.flags() & Pattern.UNICODE_CASE) == 0) {
        literals = Set.of(); // ASCII-only folding: not worth a second rule; always run
      } else {
        literals = literals.stream().map(Prefilter::fold).collect(java.util.stream.Collectors.toUnmodifiableSet());
      }
    }
    return new Prefilter(!multiline && everyBranchAnchored(pattern.pattern()), literals, folded);
  }

  /** The regex's own answer to "does it occur in text", computed cheaply when possible. */
  public boolean matches(Pattern pattern, String text) {
    return matches(pattern, text, folded && !literals.isEmpty() ? fold(text) : null);
  }

  /** As {@link #matches(Pattern, String)}, with {@code foldedText} = {@code fold(text)} computed by the caller. */
  public boolean matches(Pattern pattern, String text, String foldedText) {
    if (!literals.isEmpty()) {
      String haystack = folded ? foldedText : text;
      boolean any = false;
      for (String literal : literals) {
        if (haystack.contains(literal)) {
          any = true;
          break;
        }
      }
      if (!any) {
        return false;
      }
    }
    return anchoredAtStart ? pattern.matcher(text).lookingAt() : pattern.matcher(text).find();
  }

  /** Case folding as Pattern's UNICODE_CASE compares characters: lower case of upper case, one char each. */
  static String fold(String s) {
    char[] out = new char[s.length()];
    for (int i = 0; i < out.length; i++) {
      out[i] = Character.toLowerCase(Character.toUpperCase(s.charAt(i)));
    }
    return new String(out);
  }

  // "^a|^b" yes, "^a|b" no: every top-level alternative must open with ^ or \A.
  static boolean everyBranchAnchored(String regex) {
    int depth = 0;
    boolean atBranchStart = true;
    for (int i = 0; i < regex.length(); i++) {
      char c = regex.charAt(i);
      if (atBranchStart) {
        if (!(c == '^' || regex.startsWith("\\A", i))) {
          return false;
        }
        atBranchStart = false;
      }
      if (c == '\\') {
        i++;
      } else if (c == '[') {
        i = classEnd(regex, i);
        if (i < 0) {
          return false;
        }
      } else if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      } else if (c == '|' && depth == 0) {
        atBranchStart = true;
      }
    }
    return !atBranchStart;
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
