package org.treasuremarkers.model.data;

import java.io.Serializable;

/**
 * Which examples are kept out of training for evaluation: a fixed share chosen by a hash of the example id, so the
 * split never changes between runs, resumes or fine-tuning rounds with the same seed.
 */
public record HeldOutSplit(double percent, long seed) implements Serializable {
  /** Salt that separates this decision from other hash-based ones made with the same seed. */
  private static final long SALT = 0x6865_6c64_6f75_7421L;

  public boolean isHeldOut(String id) {
    return percent > 0 && StableHash.unit(seed ^ SALT, id) * 100.0 < percent;
  }
}
