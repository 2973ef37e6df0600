package org.treasuremarkers.model.tokenizer;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds special tokens in text the way Hugging Face tokenizers finds added tokens (not normalized): leftmost-longest
 * non-overlapping matches, scanning on after each one; a match of a {@code singleWord} token is dropped (and not
 * retried shorter) when a word character ({@code \w} in Unicode: alphabetic, marks, decimal digits, connector
 * punctuation, joiners) touches it on either side. Template tags match anywhere; marker values only as whole words,
 * or "c" (a code_type value) would cut every word that has a c in it.
 */
final class SpecialTokens implements Serializable {
  private static final long serialVersionUID = 1L;

  /** One added token: its text, id, and whether it must stand as a whole word. */
  record Special(String content, int id, boolean singleWord, boolean special) implements Serializable {}

  /** A piece of text: a special token's id, or -1 for plain text to pre-tokenize. */
  record Piece(String text, int id) {}

  private final List<Special> specials;
  /** Candidates by first character, longest first. */
  private final Map<Character, List<Special>> byFirstChar = new HashMap<>();
  private final Map<String, Special> byContent = new HashMap<>();

  SpecialTokens(List<Special> specials) {
    this.specials = List.copyOf(specials);
    for (Special s : specials) {
      if (s.content().isEmpty()) {
        throw new IllegalArgumentException("a special token cannot be empty");
      }
      if (byContent.putIfAbsent(s.content(), s) != null) {
        throw new IllegalArgumentException("special token '" + s.content() + "' is listed twice");
      }
      byFirstChar.computeIfAbsent(s.content().charAt(0), c -> new ArrayList<>()).add(s);
    }
    byFirstChar.values().forEach(l -> l.sort(Comparator.comparingInt((Special s) -> s.content().length()).reversed()));
  }

  List<Special> all() {
    return specials;
  }

  /** The id of a special token's text, or -1. */
  int id(String content) {
    Special s = byContent.get(content);
    return s == null ? -1 : s.id();
  }

  List<Piece> split(String text) {
    List<Piece> pieces = new ArrayList<>();
    int plainStart = 0;
    int i = 0;
    while (i < text.length()) {
      Special match = longestAt(text, i);
      if (match == null) {
        i++;
        continue;
      }
      int end = i + match.content().length();
      if (match.singleWord() && (endsWithWord(text, i) || startsWithWord(text, end))) {
        i = end;
        continue;
      }
      if (i > plainStart) {
        pieces.add(new Piece(text.substring(plainStart, i), -1));
      }
      pieces.add(new Piece(match.content(), match.id()));
      i = end;
      plainStart = end;
    }
    if (plainStart < text.length()) {
      pieces.add(new Piece(text.substring(plainStart), -1));
    }
    return pieces;
  }

  private Special longestAt(String text, int at) {
    List<Special> candidates = byFirstChar.get(text.charAt(at));
    if (candidates == null) {
      return null;
    }
    for (Special s : candidates) {
      if (text.startsWith(s.content(), at)) {
        return s;
      }
    }
    return null;
  }

  private static boolean endsWithWord(String text, int end) {
    return end > 0 && isWordChar(text.codePointBefore(end));
  }

  private static boolean startsWithWord(String text, int start) {
    return start < text.length() && isWordChar(text.codePointAt(start));
  }

  /** Unicode {@code \w} as the Rust regex crate defines it. */
  static boolean isWordChar(int cp) {
    if (Character.isAlphabetic(cp) || cp == 0x200C || cp == 0x200D) {
      return true;
    }
    int type = Character.getType(cp);
    return type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK
        || type == Character.COMBINING_SPACING_MARK || type == Character.DECIMAL_DIGIT_NUMBER
        || type == Character.CONNECTOR_PUNCTUATION;
  }
}
