package org.treasuremarkers.core.annotate;

import java.lang.Character.UnicodeScript;

/**
 * Letters of a text per Unicode script, weighting a Han, Hangul or Kana character as three (as
 * {@link Prose#letterWeight}). ASCII letters are counted as Latin without a script look-up, and only the scripts
 * that occur are visited afterwards.
 */
final class ScriptCounts {
  private static final UnicodeScript[] SCRIPTS = UnicodeScript.values();

  private final int[] weights = new int[SCRIPTS.length];
  private final boolean[] seen = new boolean[SCRIPTS.length];
  private int total;

  static ScriptCounts of(CharSequence text) {
    ScriptCounts c = new ScriptCounts();
    int latin = 0;
    int n = text.length();
    for (int i = 0; i < n; ) {
      char ch = text.charAt(i);
      if (ch < 0x80) {
        i++;
        if (ch >= 'a' && ch <= 'z' || ch >= 'A' && ch <= 'Z') {
          latin++;
        }
        continue;
      }
      int cp = Character.codePointAt(text, i);
      i += Character.charCount(cp);
      if (Character.isLetter(cp)) {
        UnicodeScript script = UnicodeScript.of(cp);
        int w = script == UnicodeScript.HAN || script == UnicodeScript.HANGUL || script == UnicodeScript.HIRAGANA
            || script == UnicodeScript.KATAKANA ? 3 : 1;
        c.add(script, w);
      }
    }
    if (latin > 0) {
      c.add(UnicodeScript.LATIN, latin);
    }
    return c;
  }

  private void add(UnicodeScript script, int w) {
    weights[script.ordinal()] += w;
    seen[script.ordinal()] = true;
    total += w;
  }

  int total() {
    return total;
  }

  int weight(UnicodeScript script) {
    return weights[script.ordinal()];
  }

  /** The script with the most weight; ties go to the one first in {@link UnicodeScript}'s order; COMMON if none. */
  UnicodeScript top() {
    int best = UnicodeScript.COMMON.ordinal();
    for (int i = 0; i < SCRIPTS.length; i++) {
      if (seen[i] && weights[i] > weights[best]) {
        best = i;
      }
    }
    return SCRIPTS[best];
  }
}
