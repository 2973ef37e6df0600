package org.treasuremarkers.spark.source;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The id of a row without one: a hash of (dataset, prompt, completion), the same on every run and JVM. */
public final class StableId {
  private StableId() {}

  public static String of(String dataset, String prompt, String completion) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (String part : new String[] {dataset, prompt, completion}) {
        byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
        // length-prefixed, so ("ab", "c") and ("a", "bc") differ
        sha.update(java.nio.ByteBuffer.allocate(4).putInt(bytes.length).array());
        sha.update(bytes);
      }
      return HexFormat.of().formatHex(sha.digest(), 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
