package org.treasuremarkers.core.annotate;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Strings of which at least one occurs in every match of a regex, read from the regex's source: a cheap
 * substring test then tells that the regex cannot match, without running it. Conservative: any construct it
 * does not understand (inline flags, \Q..\E, hex or Unicode escapes) yields no literals, meaning "always run
 * the regex". Only valid for case-sensitive patterns.
 */
public final class RequiredLiterals {
  private final String regex;
  private int pos;
  // Set by quantifierMin(): false after "+", "*", "?" or "{..}", whose atom may repeat or be absent.
  private boolean lastQuantifierWasExactlyOne;

  private RequiredLiterals(String regex) {
    this.regex = regex;
  }

  /** Literals one of which every match contains; empty when none can be derived. */
  public static Set<String> of(String regex) {
    try {
      RequiredLiterals parser = new RequiredLiterals(regex);
      Set<String> out = parser.alternation();
      return parser.pos == regex.length() && out != null ? out : Set.of();
    } catch (Unsupported e) {
      return Set.of();
    }
  }

  private static final class Unsupported extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Unsupported() {
      super(null, null, false, false);
    }
  }

  // branch ('|' branch)*, up to an unmatched ')' or the end; null when some branch requires nothing.
  private Set<String> alternation() {
    Set<String> union = new LinkedHashSet<>();
    boolean complete = true;
    while (true) {
      Set<String> branch = branch();
      if (branch == null) {
        complete = false;
      } else {
        union.addAll(branch);
      }
      if (pos < regex.length() && regex.charAt(pos) == '|') {
        pos++;
        continue;
      }
      return complete ? union : null;
    }
  }

  // A sequence of atoms; the best requirement among its literal runs and mandatory groups.
  private Set<String> branch() {
    List<Set<String>> candidates = new ArrayList<>();
    StringBuilder run = new StringBuilder();
    while (pos < regex.length() && regex.charAt(pos) != '|' && regex.charAt(pos) != ')') {
      char c = regex.charAt(pos);
      Character literal = null;
      Set<String> group = null;
      boolean zeroWidthGroup = false;
      if (c == '(') {
        pos++;
        if (regex.startsWith("?:", pos)) {
          pos += 2;
        } else if (regex.startsWith("?=", pos) || regex.startsWith("?!", pos)
            || regex.startsWith("?<=", pos) || regex.startsWith("?<!", pos)) {
          pos += regex.charAt(pos + 1) == '<' ? 3 : 2;
          zeroWidthGroup = true;
        } else if (regex.startsWith("?<", pos)) {
          pos = regex.indexOf('>', pos) + 1; // named group
          if (pos == 0) {
            throw new Unsupported();
          }
        } else if (pos < regex.length() && regex.charAt(pos) == '?') {
          throw new Unsupported(); // inline flags or other special groups
        }
        group = alternation();
        if (pos >= regex.length() || regex.charAt(pos) != ')') {
          throw new Unsupported();
        }
        pos++;
      } else if (c == '\\') {
        literal = escape();
      } else if (c == '[') {
        skipClass();
      } else if (c == '.' || c == '^' || c == '$') {
        pos++;
      } else if (c == '*' || c == '+' || c == '?' || c == '{') {
        throw new Unsupported(); // a quantifier without an atom
      } else {
        literal = c;
        pos++;
      }
      int min = quantifierMin();
      if (literal != null && min >= 1) {
        run.append(literal.charValue());
        if (min == 1 && !lastQuantifierWasExactlyOne) {
          flush(run, candidates); // "a+" requires one "a"; what follows may not be adjacent
        }
      } else {
        flush(run, candidates);
        if (group != null && min >= 1 && !zeroWidthGroup) {
          candidates.add(group);
        }
      }
    }
    flush(run, candidates);
    Set<String> best = null;
    for (Set<String> candidate : candidates) {
      if (best == null || score(candidate) > score(best)) {
        best = candidate;
      }
    }
    return best;
  }

  // The least repetitions the quantifier after an atom allows (1 when there is none).
  private int quantifierMin() {
    lastQuantifierWasExactlyOne = true;
    if (pos >= regex.length()) {
      return 1;
    }
    char q = regex.charAt(pos);
    int min;
    if (q == '?' || q == '*') {
      pos++;
      min = 0;
    } else if (q == '+') {
      pos++;
      min = 1;
    } else if (q == '{') {
      int close = regex.indexOf('}', pos);
      if (close < 0) {
        throw new Unsupported();
      }
      String body = regex.substring(pos + 1, close);
      pos = close + 1;
      String first = body.contains(",") ? body.substring(0, body.indexOf(',')) : body;
      try {
        min = Integer.parseInt(first.trim());
      } catch (NumberFormatException e) {
        throw new Unsupported();
      }
    } else {
      return 1;
    }
    lastQuantifierWasExactlyOne = false;
    if (pos < regex.length() && (regex.charAt(pos) == '?' || regex.charAt(pos) == '+')) {
      pos++; // lazy or possessive
    }
    return min;
  }

  // A backslash escape: the character it stands for, or null for classes, anchors and back-references.
  private Character escape() {
    if (pos + 1 >= regex.length()) {
      throw new Unsupported();
    }
    char e = regex.charAt(pos + 1);
    pos += 2;
    switch (e) {
      case 't':
        return '\t';
      case 'n':
        return '\n';
      case 'r':
        return '\r';
      case 'f':
        return '\f';
      case 'p', 'P':
        if (pos < regex.length() && regex.charAt(pos) == '{') {
          pos = regex.indexOf('}', pos) + 1;
          if (pos == 0) {
            throw new Unsupported();
          }
        } else {
          pos++;
        }
        return null;
      case 'Q', 'E', 'x', 'u', 'c', '0', 'k', 'N', 'X':
        throw new Unsupported();
      default:
        if (Character.isLetterOrDigit(e)) {
          return null; // \w \s \d \b \B \A \z \Z \G \h \R \v and back-references
        }
        return e; // an escaped punctuation character stands for itself
    }
  }

  private void skipClass() {
    pos++; // '['
    if (pos < regex.length() && regex.charAt(pos) == '^') {
      pos++;
    }
    if (pos < regex.length() && regex.charAt(pos) == ']') {
      pos++;
    }
    int depth = 1;
    while (pos < regex.length() && depth > 0) {
      char c = regex.charAt(pos);
      if (c == '\\') {
        pos += 2;
        continue;
      }
      if (c == '[') {
        depth++;
      } else if (c == ']') {
        depth--;
      }
      pos++;
    }
    if (depth != 0) {
      throw new Unsupported();
    }
  }

  private static void flush(StringBuilder run, List<Set<String>> candidates) {
    if (run.length() > 0) {
      candidates.add(Set.of(run.toString()));
      run.setLength(0);
    }
  }

  // Prefer requirements whose shortest literal is longest (rarer), then fewer alternatives.
  private static double score(Set<String> literals) {
    int shortest = Integer.MAX_VALUE;
    for (String s : literals) {
      shortest = Math.min(shortest, s.length());
    }
    return Math.min(shortest, 8) - 0.01 * literals.size();
  }
}
