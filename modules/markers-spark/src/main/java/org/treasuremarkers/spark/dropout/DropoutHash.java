package org.treasuremarkers.spark.dropout;

import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.shiftrightunsigned;
import static org.apache.spark.sql.functions.xxhash64;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.catalyst.expressions.XXH64;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * The random decisions of dropout as pure functions of (seed, row id[, marker key]): Spark's xxhash64, which
 * hashes its arguments in order (the first with seed 42, each next one with the previous hash as seed). A
 * rerun, a task retry or a different partitioning sees the same values. Each function exists as a Spark
 * SQL expression and in plain Java; the tests check that both agree on every row.
 */
public final class DropoutHash {
  /** 2^-53: the top 53 bits of a hash, scaled, are a double uniform in [0, 1). */
  private static final double UNIT = 1.0 / (1L << 53);
  private static final long SPARK_HASH_SEED = 42L;

  private DropoutHash() {}

  /** Uniform in [0, 1): {@code (xxhash64(seed, id) >>> 11) * 2^-53}. */
  public static Column unit(long seed, Column id) {
    return shiftrightunsigned(xxhash64(lit(seed), id), 11).cast("double").multiply(UNIT);
  }

  /** A per-(row, marker) rank: {@code xxhash64(seed, id, key)}, compared as a signed long. */
  public static Column rank(long seed, Column id, Column key) {
    return xxhash64(lit(seed), id, key);
  }

  /** {@code xxhash64(seed, id)} in Java. */
  public static long rowHash(long seed, String id) {
    return hash(id, XXH64.hashLong(seed, SPARK_HASH_SEED));
  }

  /** {@link #unit(long, Column)} in Java. */
  public static double unit(long seed, String id) {
    return (rowHash(seed, id) >>> 11) * UNIT;
  }

  /** {@code xxhash64(seed, id, key)} in Java, given {@code rowHash(seed, id)}. */
  public static long rank(long rowHash, String key) {
    return hash(key, rowHash);
  }

  private static long hash(String s, long seed) {
    UTF8String utf8 = UTF8String.fromString(s);
    return XXH64.hashUnsafeBytes(utf8.getBaseObject(), utf8.getBaseOffset(), utf8.numBytes(), seed);
  }
}
