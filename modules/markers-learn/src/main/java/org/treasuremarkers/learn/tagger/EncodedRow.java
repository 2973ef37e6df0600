package org.treasuremarkers.learn.tagger;

import org.treasuremarkers.core.tagger.FeatureVector;
import org.treasuremarkers.core.tagger.TextFeatures;

/** A row's features computed once (they are reused by every epoch and every leave-one-source-out fold). */
final class EncodedRow {
  final LabelledText row;
  final int[] buckets;
  final float value;
  /** The balancing unit: source and script, e.g. "agieval/han". */
  final String unit;

  EncodedRow(LabelledText row, TextFeatures features, FeatureVector scratch) {
    this.row = row;
    scratch.fill(features, row.text());
    this.buckets = new int[scratch.size()];
    for (int i = 0; i < buckets.length; i++) {
      buckets[i] = scratch.bucket(i);
    }
    this.value = scratch.value();
    this.unit = row.source() + "/" + script(row.text());
  }

  /** "han" when at least a fifth of the first 500 letters are Han characters, else "other". */
  static String script(String text) {
    int letters = 0;
    int han = 0;
    for (int i = 0; i < text.length() && letters < 500; ) {
      int cp = text.codePointAt(i);
      i += Character.charCount(cp);
      if (Character.isLetter(cp)) {
        letters++;
        if (Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN) {
          han++;
        }
      }
    }
    return letters > 0 && han * 5 >= letters ? "han" : "other";
  }
}
