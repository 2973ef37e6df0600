package org.treasuremarkers.learn.tagger;

import org.treasuremarkers.core.tagger.FeatureVector;
import org.treasuremarkers.core.tagger.TextFeatures;

/** A row's features computed once (they are reused by every epoch and every leave-one-source-out fold). */
final class EncodedRow {
  final LabelledText row;
  final int[] buckets;
  final float value;

  EncodedRow(LabelledText row, TextFeatures features, FeatureVector scratch) {
    this.row = row;
    scratch.fill(features, row.text());
    this.buckets = new int[scratch.size()];
    for (int i = 0; i < buckets.length; i++) {
      buckets[i] = scratch.bucket(i);
    }
    this.value = scratch.value();
  }
}
