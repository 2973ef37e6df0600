package org.treasuremarkers.core.annotate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds which of a fixed list of strings occur in a text, in one pass: strings are indexed by their first two
 * characters (single characters by one). Immutable and thread-safe; {@link #scan} returns a fresh array.
 */
public final class LiteralScanner {
  private static final int ASCII = 128;

  private final List<String> literals;
  private final int[][] byAsciiPair = new int[ASCII * ASCII][];
  private final Map<Integer, int[]> byOtherPair = new HashMap<>();
  private final int[][] singleAscii = new int[ASCII][];
  private final Map<Character, int[]> singleOther = new HashMap<>();

  public LiteralScanner(List<String> literals) {
    this.literals = List.copyOf(literals);
    Map<Integer, List<Integer>> pairs = new HashMap<>();
    Map<Character, List<Integer>> singles = new HashMap<>();
    for (int id = 0; id < this.literals.size(); id++) {
      String s = this.literals.get(id);
      if (s.isEmpty()) {
        throw new IllegalArgumentException("empty literal");
      }
      if (s.length() == 1) {
        singles.computeIfAbsent(s.charAt(0), k -> new ArrayList<>()).add(id);
      } else {
        pairs.computeIfAbsent(pair(s.charAt(0), s.charAt(1)), k -> new ArrayList<>()).add(id);
      }
    }
    pairs.forEach((key, ids) -> {
      int[] a = ids.stream().mapToInt(Integer::intValue).toArray();
      char c0 = (char) (key >>> 16);
      char c1 = (char) (key & 0xFFFF);
      if (c0 < ASCII && c1 < ASCII) {
        byAsciiPair[c0 * ASCII + c1] = a;
      } else {
        byOtherPair.put(key, a);
      }
    });
    singles.forEach((c, ids) -> {
      int[] a = ids.stream().mapToInt(Integer::intValue).toArray();
      if (c < ASCII) {
        singleAscii[c] = a;
      } else {
        singleOther.put(c, a);
      }
    });
  }

  public int size() {
    return literals.size();
  }

  /** found[id] is true when literal {@code id} occurs in {@code text}. */
  public boolean[] scan(CharSequence text) {
    boolean[] found = new boolean[literals.size()];
    int n = text.length();
    for (int i = 0; i < n; i++) {
      char c0 = text.charAt(i);
      int[] singles = c0 < ASCII ? singleAscii[c0] : singleOther.isEmpty() ? null : singleOther.get(c0);
      if (singles != null) {
        for (int id : singles) {
          found[id] = true;
        }
      }
      if (i + 1 >= n) {
        break;
      }
      char c1 = text.charAt(i + 1);
      int[] ids = c0 < ASCII && c1 < ASCII ? byAsciiPair[c0 * ASCII + c1]
          : byOtherPair.isEmpty() ? null : byOtherPair.get(pair(c0, c1));
      if (ids == null) {
        continue;
      }
      for (int id : ids) {
        if (!found[id] && regionMatches(text, i, literals.get(id))) {
          found[id] = true;
        }
      }
    }
    return found;
  }

  private static boolean regionMatches(CharSequence text, int at, String literal) {
    if (at + literal.length() > text.length()) {
      return false;
    }
    for (int k = 2; k < literal.length(); k++) {
      if (text.charAt(at + k) != literal.charAt(k)) {
        return false;
      }
    }
    return true;
  }

  private static int pair(char c0, char c1) {
    return c0 << 16 | c1;
  }
}
