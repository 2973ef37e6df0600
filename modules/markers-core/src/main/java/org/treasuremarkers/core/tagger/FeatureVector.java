package org.treasuremarkers.core.tagger;

import java.util.Arrays;

/**
 * The hashed features of one text: bucket indices (repeats allowed) with the common value 1/sqrt(n), so long and
 * short prompts weigh alike. Reusable: {@link #fill} overwrites it, which spares an allocation per row.
 */
public final class FeatureVector implements TextFeatures.Sink {
  private int[] buckets = new int[256];
  private int size;

  /** Replaces the content with the features of {@code text}; returns this. */
  public FeatureVector fill(TextFeatures features, String text) {
    size = 0;
    features.extract(text, this);
    return this;
  }

  @Override
  public void accept(int bucket) {
    if (size == buckets.length) {
      buckets = Arrays.copyOf(buckets, size * 2);
    }
    buckets[size++] = bucket;
  }

  public int size() {
    return size;
  }

  public int bucket(int i) {
    return buckets[i];
  }

  /** Every feature's value: 1/sqrt(size), or 0 for an empty text. */
  public float value() {
    return size == 0 ? 0f : (float) (1.0 / Math.sqrt(size));
  }
}
