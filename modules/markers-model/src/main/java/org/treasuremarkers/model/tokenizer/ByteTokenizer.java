package org.treasuremarkers.model.tokenizer;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Byte-level UTF-8 tokenizer: any text in any language or programming language encodes losslessly. Template tags
 * of the {@link Vocabulary} become single tokens wherever they appear. Decoding turns incomplete or invalid byte
 * sequences into U+FFFD, so its output is always valid Unicode whatever ids a model produces.
 */
public final class ByteTokenizer implements Tokenizer {
  private static final long serialVersionUID = 1L;
  /** Longest tag we look ahead for after a '<' (taxonomy keys are short identifiers). */
  private final int maxTagLength;
  private final Vocabulary vocabulary;

  public ByteTokenizer(Vocabulary vocabulary) {
    this.vocabulary = vocabulary;
    this.maxTagLength = vocabulary.tags().stream().mapToInt(String::length).max().orElse(0);
  }

  public static final String TYPE = "bytes";

  public Vocabulary vocabulary() {
    return vocabulary;
  }

  @Override
  public int size() {
    return vocabulary.size();
  }

  @Override
  public int specialId(String text) {
    return vocabulary.tagId(text);
  }

  @Override
  public String describe(int id) {
    return vocabulary.describe(id);
  }

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public int[] encode(String text) {
    int[] out = new int[text.length() * 3 + 4];
    int n = 0;
    int segmentStart = 0;
    int i = 0;
    while (i < text.length()) {
      int tagEnd = maxTagLength == 0 || text.charAt(i) != '<' ? -1 : matchTag(text, i);
      if (tagEnd < 0) {
        i++;
        continue;
      }
      n = appendBytes(text, segmentStart, i, out, n);
      out = ensure(out, n + 1);
      out[n++] = vocabulary.tagId(text.substring(i, tagEnd));
      i = tagEnd;
      segmentStart = i;
    }
    n = appendBytes(text, segmentStart, text.length(), out, n);
    return Arrays.copyOf(out, n);
  }

  private int matchTag(String text, int at) {
    int limit = Math.min(text.length(), at + maxTagLength);
    for (int j = at + 1; j < limit; j++) {
      char c = text.charAt(j);
      if (c == '>') {
        return vocabulary.tagId(text.substring(at, j + 1)) >= 0 ? j + 1 : -1;
      }
      if (c == '<') {
        return -1;
      }
    }
    return -1;
  }

  private static int appendBytes(String text, int from, int to, int[] out, int n) {
    if (from == to) {
      return n;
    }
    // Lone surrogates in a Java string become '?' here: the only input that is not lossless, and not valid text.
    byte[] bytes = text.substring(from, to).getBytes(StandardCharsets.UTF_8);
    for (byte b : bytes) {
      out[n++] = b & 0xFF;
    }
    return n;
  }

  private static int[] ensure(int[] out, int needed) {
    return needed <= out.length ? out : Arrays.copyOf(out, Math.max(needed, out.length * 2));
  }

  /**
   * Text of the ids: bytes decoded as UTF-8 (invalid or incomplete sequences as U+FFFD), tags as their text,
   * PAD/BOS/EOS and out-of-range ids dropped.
   */
  @Override
  public String decode(int[] ids) {
    StringBuilder text = new StringBuilder(ids.length);
    byte[] run = new byte[ids.length];
    int runLength = 0;
    for (int id : ids) {
      if (id >= 0 && id < Vocabulary.BYTE_TOKENS) {
        run[runLength++] = (byte) id;
        continue;
      }
      text.append(decodeUtf8(run, runLength));
      runLength = 0;
      if (vocabulary.isTag(id)) {
        text.append(vocabulary.tag(id));
      }
    }
    return text.append(decodeUtf8(run, runLength)).toString();
  }

  private static String decodeUtf8(byte[] bytes, int length) {
    if (length == 0) {
      return "";
    }
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPLACE)
        .onUnmappableCharacter(CodingErrorAction.REPLACE)
        .replaceWith("\uFFFD");
    try {
      return decoder.decode(ByteBuffer.wrap(bytes, 0, length)).toString();
    } catch (CharacterCodingException e) {
      throw new IllegalStateException("UTF-8 decoding with REPLACE cannot fail", e);
    }
  }

  @Override
  public String toString() {
    return "ByteTokenizer(" + vocabulary + ")";
  }
}
