package org.treasuremarkers.spark.dropout;

import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.shiftrightunsigned;
import static org.apache.spark.sql.functions.xxhash64;

import org.apache.spark.sql.Column;

/**
 * The random decisions of dropout as pure functions of (seed, row id[, marker key]): Spark's xxhash64,
 * which hashes its arguments in order, each with the previous hash as seed. A rerun, a task retry or a
 * different partitioning sees the same values.
 */
public final class DropoutHash {
  /** 2^-53: the top 53 bits of a hash, scaled, are a double uniform in [0, 1). */
  private static final double UNIT = 1.0 / (1L << 53);

  private DropoutHash() {}

  /** Uniform in [0, 1): {@code (xxhash64(seed, id) >>> 11) * 2^-53}. */
  public static Column unit(long seed, Column id) {
    return shiftrightunsigned(xxhash64(lit(seed), id), 11).cast("double").multiply(UNIT);
  }

  /** A per-(row, marker) rank: {@code xxhash64(seed, id, key)}, compared as a signed long. */
  public static Column rank(long seed, Column id, Column key) {
    return xxhash64(lit(seed), id, key);
  }
}
