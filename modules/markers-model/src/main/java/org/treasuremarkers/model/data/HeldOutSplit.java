package org.treasuremarkers.model.data;

import java.io.Serializable;
import java.util.Set;

/**
 * Which examples are kept out of training for evaluation: a fixed share chosen by a hash of the example id, so the
 * split never changes between runs, resumes or fine-tuning rounds with the same seed; plus {@code alsoHeldOut}, ids
 * that {@link StratifiedHoldOut} adds so that rare marker values are evaluated too (derived from the data and the
 * same hash, so also stable).
 */
public record HeldOutSplit(double percent, long seed, Set<String> alsoHeldOut) implements Serializable {
  /** Salt that separates this decision from other hash-based ones made with the same seed. */
  private static final long SALT = 0x6865_6c64_6f75_7421L;

  public HeldOutSplit(double percent, long seed) {
    this(percent, seed, Set.of());
  }

  public HeldOutSplit {
    alsoHeldOut = Set.copyOf(alsoHeldOut);
  }

  public boolean isHeldOut(String id) {
    return byHash(id) || alsoHeldOut.contains(id);
  }

  /** The hash part of the decision alone. */
  public boolean byHash(String id) {
    return percent > 0 && StableHash.unit(seed ^ SALT, id) * 100.0 < percent;
  }

  /** The order in which held-out candidates are taken: the same hash. */
  public double rank(String id) {
    return StableHash.unit(seed ^ SALT, id);
  }

  public HeldOutSplit withAlsoHeldOut(Set<String> ids) {
    return new HeldOutSplit(percent, seed, ids);
  }
}
