package org.treasuremarkers.learn.tagger;

/** A 64-bit FNV-1a of a string: the same on every JVM and run, unlike String.hashCode's spread. */
final class StableHash {
  private StableHash() {}

  static long of(String s, long seed) {
    long h = 0xcbf29ce484222325L ^ seed;
    for (int i = 0; i < s.length(); i++) {
      h ^= s.charAt(i);
      h *= 0x100000001b3L;
    }
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    return h;
  }

  /** A value in [0, 1). */
  static double unit(String s, long seed) {
    return (of(s, seed) >>> 11) * 0x1.0p-53;
  }
}
