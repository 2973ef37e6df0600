package org.treasuremarkers.model.tokenizer;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Byte-level BPE with special tokens, encoding exactly as Hugging Face tokenizers does for the
 * {@code tokenizer.json} that {@link HuggingFaceTokenizerJson} writes: special tokens are cut out first
 * ({@link SpecialTokens}), the rest is split by the {@link PreTokenizer}, and each piece's UTF-8 bytes are merged
 * lowest merge rank first, leftmost on ties. Ids 0..255 are the bytes, so any input encodes (byte fallback: there is
 * no unknown token) and decoding is byte-exact; 256..258 are PAD, BOS, EOS.
 */
public final class BpeTokenizer implements Tokenizer {
  private static final long serialVersionUID = 1L;
  public static final String TYPE = "bpe";
  /** Cached pieces per tokenizer instance; cleared when full (real text repeats a small set of words). */
  private static final int CACHE_LIMIT = 200_000;

  private final PreTokenizer preTokenizer;
  private final SpecialTokens specials;
  /** Merge rank r joins mergeLeft[r] and mergeRight[r] into mergeResult[r]. */
  private final int[] mergeLeft;
  private final int[] mergeRight;
  private final int[] mergeResult;
  /** Bytes of every id; null for PAD, BOS and EOS. */
  private final byte[][] tokenBytes;
  private transient Map<Long, Integer> ranks;
  private transient Map<String, int[]> cache;

  /**
   * @param specials PAD, BOS, EOS at 256..258 (special), then any added tokens
   * @param merges rows of (left id, right id, result id) in rank order
   * @param size number of ids; every id below it is a byte, a special token or a merge result
   */
  BpeTokenizer(PreTokenizer preTokenizer, List<SpecialTokens.Special> specials, List<int[]> merges, int size) {
    this.preTokenizer = preTokenizer;
    this.specials = new SpecialTokens(specials);
    this.mergeLeft = new int[merges.size()];
    this.mergeRight = new int[merges.size()];
    this.mergeResult = new int[merges.size()];
    this.tokenBytes = new byte[size][];
    for (int b = 0; b < Vocabulary.BYTE_TOKENS; b++) {
      tokenBytes[b] = new byte[] {(byte) b};
    }
    requireFraming(specials);
    for (SpecialTokens.Special s : specials) {
      if (s.id() >= Vocabulary.PAD && s.id() <= Vocabulary.EOS) {
        continue;
      }
      define(s.id(), s.content().getBytes(StandardCharsets.UTF_8), "special token '" + s.content() + "'");
    }
    for (int r = 0; r < merges.size(); r++) {
      int[] m = merges.get(r);
      mergeLeft[r] = m[0];
      mergeRight[r] = m[1];
      mergeResult[r] = m[2];
      byte[] left = bytesOf(m[0], r);
      byte[] right = bytesOf(m[1], r);
      byte[] joined = Arrays.copyOf(left, left.length + right.length);
      System.arraycopy(right, 0, joined, left.length, right.length);
      define(m[2], joined, "merge " + r);
    }
    for (int id = 0; id < size; id++) {
      if (tokenBytes[id] == null && (id < Vocabulary.PAD || id > Vocabulary.EOS)) {
        throw new IllegalArgumentException("id " + id + " is neither a byte, a special token nor a merge result");
      }
    }
  }

  private static void requireFraming(List<SpecialTokens.Special> specials) {
    for (int i = 0; i < Vocabulary.SPECIAL.size(); i++) {
      int id = Vocabulary.PAD + i;
      String name = Vocabulary.SPECIAL.get(i);
      if (specials.stream().noneMatch(s -> s.id() == id && s.content().equals(name))) {
        throw new IllegalArgumentException("special token " + name + " must have id " + id);
      }
    }
  }

  private byte[] bytesOf(int id, int rank) {
    if (id < 0 || id >= tokenBytes.length || tokenBytes[id] == null) {
      throw new IllegalArgumentException("merge " + rank + " uses id " + id + ", which is not defined before it");
    }
    return tokenBytes[id];
  }

  private void define(int id, byte[] bytes, String what) {
    if (id < 0 || id >= tokenBytes.length) {
      throw new IllegalArgumentException(what + " has id " + id + ", outside 0.." + (tokenBytes.length - 1));
    }
    if (tokenBytes[id] != null && !Arrays.equals(tokenBytes[id], bytes)) {
      throw new IllegalArgumentException(what + " gives id " + id + " other bytes than it already has");
    }
    tokenBytes[id] = bytes;
  }

  public PreTokenizer preTokenizer() {
    return preTokenizer;
  }

  List<SpecialTokens.Special> specials() {
    return specials.all();
  }

  int merges() {
    return mergeLeft.length;
  }

  int[] merge(int rank) {
    return new int[] {mergeLeft[rank], mergeRight[rank], mergeResult[rank]};
  }

  byte[] bytes(int id) {
    return tokenBytes[id];
  }

  @Override
  public int size() {
    return tokenBytes.length;
  }

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public int specialId(String text) {
    return specials.id(text);
  }

  @Override
  public String describe(int id) {
    if (id < 0 || id >= size()) {
      return "<invalid:" + id + ">";
    }
    if (id < Vocabulary.BYTE_TOKENS) {
      return String.format("<0x%02X>", id);
    }
    if (id <= Vocabulary.EOS) {
      return Vocabulary.SPECIAL.get(id - Vocabulary.PAD);
    }
    return new String(tokenBytes[id], StandardCharsets.UTF_8);
  }

  @Override
  public int[] encode(String text) {
    List<int[]> parts = new ArrayList<>();
    int n = 0;
    List<String> pieces = new ArrayList<>();
    for (SpecialTokens.Piece piece : specials.split(text)) {
      if (piece.id() >= 0) {
        parts.add(new int[] {piece.id()});
        n++;
        continue;
      }
      pieces.clear();
      preTokenizer.split(piece.text(), pieces);
      for (String p : pieces) {
        int[] ids = encodePiece(p);
        parts.add(ids);
        n += ids.length;
      }
    }
    int[] out = new int[n];
    int at = 0;
    for (int[] part : parts) {
      System.arraycopy(part, 0, out, at, part.length);
      at += part.length;
    }
    return out;
  }

  private int[] encodePiece(String piece) {
    Map<String, int[]> c = cache();
    int[] cached = c.get(piece);
    if (cached != null) {
      return cached;
    }
    int[] ids = merge(piece.getBytes(StandardCharsets.UTF_8));
    if (c.size() >= CACHE_LIMIT) {
      c.clear();
    }
    c.put(piece, ids);
    return ids;
  }

  /** Applies merges lowest rank first, leftmost first among equal ranks (as tokenizers' Word::merge_all). */
  private int[] merge(byte[] bytes) {
    int n = bytes.length;
    int[] sym = new int[n];
    int[] next = new int[n];
    int[] prev = new int[n];
    for (int i = 0; i < n; i++) {
      sym[i] = bytes[i] & 0xFF;
      next[i] = i + 1 < n ? i + 1 : -1;
      prev[i] = i - 1;
    }
    boolean[] gone = new boolean[n];
    PriorityQueue<Long> queue = new PriorityQueue<>();
    for (int i = 0; i + 1 < n; i++) {
      offer(queue, sym[i], sym[i + 1], i);
    }
    int alive = n;
    while (!queue.isEmpty()) {
      long top = queue.poll();
      int rank = (int) (top >>> 32);
      int i = (int) top;
      if (gone[i] || next[i] < 0 || rank(sym[i], sym[next[i]]) != rank) {
        continue; // stale: this pair changed since it was queued
      }
      int j = next[i];
      sym[i] = mergeResult[rank];
      gone[j] = true;
      alive--;
      next[i] = next[j];
      if (next[j] >= 0) {
        prev[next[j]] = i;
      }
      if (prev[i] >= 0) {
        offer(queue, sym[prev[i]], sym[i], prev[i]);
      }
      if (next[i] >= 0) {
        offer(queue, sym[i], sym[next[i]], i);
      }
    }
    int[] out = new int[alive];
    int k = 0;
    for (int i = n == 0 ? -1 : 0; i >= 0; i = next[i]) {
      out[k++] = sym[i];
    }
    return out;
  }

  private void offer(PriorityQueue<Long> queue, int left, int right, int position) {
    int rank = rank(left, right);
    if (rank >= 0) {
      queue.add(((long) rank << 32) | position);
    }
  }

  private int rank(int left, int right) {
    Integer r = ranks().get(pair(left, right));
    return r == null ? -1 : r;
  }

  static long pair(int left, int right) {
    return ((long) left << 32) | (right & 0xFFFFFFFFL);
  }

  private Map<Long, Integer> ranks() {
    if (ranks == null) {
      Map<Long, Integer> r = new HashMap<>(mergeLeft.length * 2);
      for (int i = 0; i < mergeLeft.length; i++) {
        r.putIfAbsent(pair(mergeLeft[i], mergeRight[i]), i);
      }
      ranks = r;
    }
    return ranks;
  }

  private Map<String, int[]> cache() {
    if (cache == null) {
      cache = new ConcurrentHashMap<>();
    }
    return cache;
  }

  @Override
  public String decode(int[] ids) {
    int length = 0;
    for (int id : ids) {
      length += id >= 0 && id < tokenBytes.length && tokenBytes[id] != null ? tokenBytes[id].length : 0;
    }
    byte[] all = new byte[length];
    int at = 0;
    for (int id : ids) {
      if (id >= 0 && id < tokenBytes.length && tokenBytes[id] != null) {
        System.arraycopy(tokenBytes[id], 0, all, at, tokenBytes[id].length);
        at += tokenBytes[id].length;
      }
    }
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
          .onUnmappableCharacter(CodingErrorAction.REPLACE).replaceWith("\uFFFD").decode(ByteBuffer.wrap(all))
          .toString();
    } catch (CharacterCodingException e) {
      throw new IllegalStateException("UTF-8 decoding with REPLACE cannot fail", e);
    }
  }

  @Override
  public String toString() {
    return "BpeTokenizer(" + size() + " tokens, " + merges() + " merges, " + (specials.all().size() - 3)
        + " added tokens)";
  }
}
