package org.treasuremarkers.model.tokenizer;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * GPT-2's byte-to-character table, which Hugging Face's ByteLevel pre-tokenizer and decoder use: every byte maps to
 * one printable character (printable Latin-1 bytes to themselves, the rest to U+0100 onwards), so a token's bytes
 * can be written as a JSON string key in {@code tokenizer.json}.
 */
final class ByteLevelAlphabet {
  private static final char[] BYTE_TO_CHAR = new char[256];
  private static final int[] CHAR_TO_BYTE = new int[512];

  static {
    java.util.Arrays.fill(CHAR_TO_BYTE, -1);
    int next = 0;
    for (int b = 0; b < 256; b++) {
      boolean printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
      char c = printable ? (char) b : (char) (256 + next++);
      BYTE_TO_CHAR[b] = c;
      CHAR_TO_BYTE[c] = b;
    }
  }

  private ByteLevelAlphabet() {}

  static String encode(byte[] bytes) {
    StringBuilder s = new StringBuilder(bytes.length);
    for (byte b : bytes) {
      s.append(BYTE_TO_CHAR[b & 0xFF]);
    }
    return s.toString();
  }

  /** The bytes a byte-level string stands for, or null when it has a character outside the table. */
  static byte[] decode(String s) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= CHAR_TO_BYTE.length || CHAR_TO_BYTE[c] < 0) {
        return null;
      }
      out.write(CHAR_TO_BYTE[c]);
    }
    return out.toByteArray();
  }

  /** Whether the byte-level form of {@code text} is {@code text} itself (plain printable ASCII, for instance). */
  static boolean isInvariant(String text) {
    return encode(text.getBytes(StandardCharsets.UTF_8)).equals(text);
  }
}
