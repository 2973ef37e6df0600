package org.treasuremarkers.spark.dropout;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.sql.catalyst.expressions.XXH64;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * The dropout decisions computed row by row in plain Java, independently of the SQL expressions: the test
 * oracle, and the "row-by-row Java" side of DropoutBenchmark. Spark's xxhash64(a, b, c) hashes a with seed
 * 42, then b with that hash as seed, then c.
 */
public final class DropoutOracle {
  private static final long SPARK_HASH_SEED = 42L;

  private DropoutOracle() {}

  static long hashString(String s, long seed) {
    UTF8String utf8 = UTF8String.fromString(s);
    return XXH64.hashUnsafeBytes(utf8.getBaseObject(), utf8.getBaseOffset(), utf8.numBytes(), seed);
  }

  static long idHash(long seed, String id) {
    return hashString(id, XXH64.hashLong(seed, SPARK_HASH_SEED));
  }

  /** unit(seed, id) in [0, 1). */
  public static double unit(long seed, String id) {
    return (idHash(seed, id) >>> 11) * (1.0 / (1L << 53));
  }

  public static boolean datasetDropped(long seed, String id, double rate) {
    return unit(seed, id) < rate;
  }

  /** The prompt side after sample-level dropout of {@code shown} (already past dataset-level dropout). */
  public static TreeMap<String, String> sampleDropout(long seed, String id, Map<String, String> shown, double rate,
      Set<String> protectedKeys, Set<String> excludedKeys) {
    TreeMap<String, String> out = new TreeMap<>(shown);
    out.keySet().removeAll(excludedKeys);
    List<String> droppable = new ArrayList<>();
    for (String key : out.keySet()) {
      if (!protectedKeys.contains(key)) {
        droppable.add(key);
      }
    }
    int k = SampleDropout.markersToDrop(rate, droppable.size());
    long rowHash = idHash(seed, id);
    droppable.sort(Comparator.<String>comparingLong(key -> hashString(key, rowHash)).thenComparing(Comparator.naturalOrder()));
    droppable.subList(0, k).forEach(out::remove);
    return out;
  }
}
