package org.treasuremarkers.model.data;

import java.nio.charset.StandardCharsets;

/**
 * A 64-bit hash of (salt, id) that is the same on every JVM and Spark task: used for the held-out split and the
 * per-epoch example order, so reruns and task retries make the same decisions.
 */
public final class StableHash {
  private StableHash() {}

  public static long of(long salt, String id) {
    long h = 0xcbf29ce484222325L ^ mix(salt);
    for (byte b : id.getBytes(StandardCharsets.UTF_8)) {
      h = (h ^ (b & 0xFF)) * 0x100000001b3L;
    }
    return mix(h);
  }

  /** A uniform number in [0, 1) from (salt, id). */
  public static double unit(long salt, String id) {
    return (of(salt, id) >>> 11) * 0x1.0p-53;
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
