package org.treasuremarkers.model.tokenizer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;
import org.treasuremarkers.core.taxonomy.BucketCategory;
import org.treasuremarkers.core.taxonomy.CategoricalCategory;
import org.treasuremarkers.core.taxonomy.Category;
import org.treasuremarkers.core.taxonomy.Taxonomy;

/**
 * Trains a byte-level {@link BpeTokenizer} on text, on the driver: the caller passes a sample of the training text
 * (train-job takes a stable hash sample of the training rows, see {@code TokenizerCorpus}). Driver-side because
 * the merges are sequential (each one changes the counts the next is chosen from), so a Spark aggregation could
 * only count the pieces once; on a sample of some tens of MB that counting takes seconds in one JVM, while a
 * distributed count would add a job and a shuffle. The counting is separated ({@link #countPieces}) so a larger
 * corpus can count pieces with Spark and feed {@link #train(Map)} the same way.
 *
 * <p>Ids: 0..255 bytes, 256..258 PAD/BOS/EOS, then the template tags ({@code <TEMPLATE>}, {@code </TEMPLATE>},
 * {@code <key>}, {@code </key>} per taxonomy key, in the byte vocabulary's order and with its ids), then every
 * categorical and bucket marker value (whole words only; a one-byte value such as "c" keeps its byte id), then the
 * merges, most frequent pair first (ties: lowest ids), until {@code vocabSize} ids or no pair occurs twice. A merge
 * whose bytes are already a token (another merge, or a value such as "go") reuses that token's id, as Hugging Face's
 * BPE does with its vocabulary.
 */
public final class BpeTrainer {
  public static final int DEFAULT_VOCAB_SIZE = 8192;
  private static final int MIN_PAIR_COUNT = 2;

  private final PreTokenizer preTokenizer;
  private final List<SpecialTokens.Special> specials;
  private final SpecialTokens matcher;
  private final int vocabSize;
  private final int firstMergeId;

  public BpeTrainer(Taxonomy taxonomy, int vocabSize) {
    this(PreTokenizer.standard(), addedTokens(taxonomy), vocabSize);
  }

  BpeTrainer(PreTokenizer preTokenizer, List<SpecialTokens.Special> specials, int vocabSize) {
    this.preTokenizer = preTokenizer;
    this.specials = specials;
    this.matcher = new SpecialTokens(specials);
    this.firstMergeId = specials.stream().mapToInt(SpecialTokens.Special::id).max().orElse(Vocabulary.EOS) + 1;
    if (vocabSize < firstMergeId) {
      throw new IllegalArgumentException("vocab_size " + vocabSize + " is smaller than the " + firstMergeId
          + " bytes and special tokens it must hold");
    }
    this.vocabSize = vocabSize;
  }

  /** PAD/BOS/EOS, the template tags, then the categorical and bucket values, with their ids. */
  static List<SpecialTokens.Special> addedTokens(Taxonomy taxonomy) {
    List<SpecialTokens.Special> out = new ArrayList<>();
    for (int i = 0; i < Vocabulary.SPECIAL.size(); i++) {
      out.add(new SpecialTokens.Special(Vocabulary.SPECIAL.get(i), Vocabulary.PAD + i, false, true));
    }
    Vocabulary tags = Vocabulary.withTemplateTags(taxonomy);
    for (String tag : tags.tags()) {
      out.add(new SpecialTokens.Special(tag, tags.tagId(tag), false, false));
    }
    Set<String> values = new LinkedHashSet<>();
    for (Category c : taxonomy.categories().values()) {
      if (c instanceof CategoricalCategory cat) {
        values.addAll(cat.values());
      } else if (c instanceof BucketCategory bucket) {
        values.addAll(bucket.values());
      }
    }
    int next = tags.size();
    for (String value : values) {
      requireUnambiguous(value);
      byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
      boolean oneByte = bytes.length == 1 && ByteLevelAlphabet.isInvariant(value);
      out.add(new SpecialTokens.Special(value, oneByte ? bytes[0] & 0xFF : next++, true, false));
    }
    return out;
  }

  /** A value written with GPT-2's byte characters (Ġ...) would share its vocabulary key with other bytes. */
  private static void requireUnambiguous(String value) {
    byte[] asByteLevel = ByteLevelAlphabet.decode(value);
    if (asByteLevel != null && !Arrays.equals(asByteLevel, value.getBytes(StandardCharsets.UTF_8))) {
      throw new IllegalArgumentException("marker value '" + value + "' reads as byte-level text in tokenizer.json;"
          + " rename the value in the taxonomy");
    }
  }

  /** Pieces (what BPE merges within) of the texts, with how often each occurs; special tokens are left out. */
  public Map<String, Long> countPieces(Iterable<String> texts) {
    Map<String, Long> counts = new HashMap<>();
    List<String> pieces = new ArrayList<>();
    for (String text : texts) {
      for (SpecialTokens.Piece piece : matcher.split(text)) {
        if (piece.id() >= 0) {
          continue;
        }
        pieces.clear();
        preTokenizer.split(piece.text(), pieces);
        for (String p : pieces) {
          counts.merge(p, 1L, Long::sum);
        }
      }
    }
    return counts;
  }

  public BpeTokenizer train(Iterable<String> texts) {
    return train(countPieces(texts));
  }

  /** Learns merges from piece counts (as {@link #countPieces} makes them). */
  public BpeTokenizer train(Map<String, Long> pieceCounts) {
    // Sorted, so the word indices (and nothing else) do not depend on the map's order.
    TreeMap<String, Long> sorted = new TreeMap<>(pieceCounts);
    int[][] words = new int[sorted.size()][];
    long[] counts = new long[sorted.size()];
    int w = 0;
    for (Map.Entry<String, Long> e : sorted.entrySet()) {
      byte[] bytes = e.getKey().getBytes(StandardCharsets.UTF_8);
      int[] syms = new int[bytes.length];
      for (int i = 0; i < bytes.length; i++) {
        syms[i] = bytes[i] & 0xFF;
      }
      words[w] = syms;
      counts[w++] = e.getValue();
    }
    Map<Long, long[]> pairCounts = new HashMap<>();
    Map<Long, IntList> where = new HashMap<>();
    for (int i = 0; i < words.length; i++) {
      addPairs(words[i], counts[i], i, pairCounts, where, null);
    }
    PriorityQueue<long[]> queue = new PriorityQueue<>(BpeTrainer::byCountThenIds);
    pairCounts.forEach((p, c) -> queue.add(new long[] {c[0], p}));

    Map<String, Integer> idsByBytes = new HashMap<>();
    for (SpecialTokens.Special s : specials) {
      if (s.id() > Vocabulary.EOS && ByteLevelAlphabet.isInvariant(s.content())) {
        idsByBytes.put(s.content(), s.id());
      }
    }
    List<byte[]> bytesById = new ArrayList<>();
    for (int b = 0; b < Vocabulary.BYTE_TOKENS; b++) {
      bytesById.add(new byte[] {(byte) b});
    }
    List<int[]> merges = new ArrayList<>();
    int nextId = firstMergeId;
    while (nextId < vocabSize && !queue.isEmpty()) {
      long[] top = queue.poll();
      long[] current = pairCounts.get(top[1]);
      if (current == null || current[0] != top[0]) {
        continue; // stale entry; the pair's current count is queued too
      }
      if (top[0] < MIN_PAIR_COUNT) {
        break;
      }
      int left = (int) (top[1] >>> 32);
      int right = (int) top[1];
      byte[] joined = concat(tokenBytes(left, bytesById), tokenBytes(right, bytesById));
      String key = new String(joined, StandardCharsets.ISO_8859_1);
      Integer result = idsByBytes.get(key);
      if (result == null) {
        result = nextId++;
        idsByBytes.put(key, result);
        while (bytesById.size() < result) {
          bytesById.add(null); // ids of special tokens
        }
        bytesById.add(joined);
      }
      merges.add(new int[] {left, right, result});
      Set<Long> changed = new HashSet<>();
      IntList affected = where.remove(top[1]);
      for (int k = 0; k < affected.size; k++) {
        int word = affected.values[k];
        int[] after = mergeWord(words[word], left, right, result, counts[word], word, pairCounts, where, changed);
        if (after != null) {
          words[word] = after;
        }
      }
      pairCounts.remove(top[1]);
      for (long p : changed) {
        long[] c = pairCounts.get(p);
        if (c != null && c[0] > 0) {
          queue.add(new long[] {c[0], p});
        }
      }
    }
    List<SpecialTokens.Special> added = new ArrayList<>(specials);
    return new BpeTokenizer(preTokenizer, added, merges, nextId);
  }

  /** Keys of special tokens hold their text in ISO-8859-1 form only when it is ASCII, which isInvariant ensures. */
  private byte[] tokenBytes(int id, List<byte[]> bytesById) {
    if (id < bytesById.size() && bytesById.get(id) != null) {
      return bytesById.get(id);
    }
    for (SpecialTokens.Special s : specials) {
      if (s.id() == id) {
        return s.content().getBytes(StandardCharsets.UTF_8);
      }
    }
    throw new IllegalStateException("no bytes for id " + id);
  }

  private static int byCountThenIds(long[] a, long[] b) {
    int byCount = Long.compare(b[0], a[0]);
    return byCount != 0 ? byCount : Long.compare(a[1], b[1]);
  }

  /**
   * Merges every (left, right) of a word, left to right, and moves its count from the pairs that touched a merged
   * position to the pairs that touch the new token; the other pairs keep their count. Null when nothing merged.
   */
  private static int[] mergeWord(int[] syms, int left, int right, int result, long count, int word,
      Map<Long, long[]> pairCounts, Map<Long, IntList> where, Set<Long> changed) {
    int n = syms.length;
    boolean[] covered = new boolean[n];
    int[] out = new int[n];
    boolean[] fresh = new boolean[n];
    int m = 0;
    for (int i = 0; i < n; i++) {
      if (i + 1 < n && syms[i] == left && syms[i + 1] == right) {
        covered[i] = true;
        covered[i + 1] = true;
        fresh[m] = true;
        out[m++] = result;
        i++;
      } else {
        out[m++] = syms[i];
      }
    }
    if (m == n) {
      return null;
    }
    for (int i = 0; i + 1 < n; i++) {
      if (covered[i] || covered[i + 1]) {
        long p = BpeTokenizer.pair(syms[i], syms[i + 1]);
        long[] c = pairCounts.get(p);
        if (c != null) {
          c[0] -= count;
          changed.add(p);
        }
      }
    }
    for (int j = 0; j + 1 < m; j++) {
      if (fresh[j] || fresh[j + 1]) {
        long p = BpeTokenizer.pair(out[j], out[j + 1]);
        pairCounts.computeIfAbsent(p, q -> new long[1])[0] += count;
        where.computeIfAbsent(p, q -> new IntList()).addOnce(word);
        changed.add(p);
      }
    }
    return Arrays.copyOf(out, m);
  }

  private static void addPairs(int[] syms, long count, int word, Map<Long, long[]> pairCounts,
      Map<Long, IntList> where, Set<Long> changed) {
    for (int i = 0; i + 1 < syms.length; i++) {
      long p = BpeTokenizer.pair(syms[i], syms[i + 1]);
      pairCounts.computeIfAbsent(p, k -> new long[1])[0] += count;
      where.computeIfAbsent(p, k -> new IntList()).addOnce(word);
      if (changed != null) {
        changed.add(p);
      }
    }
  }

  /** Word indices, in the order first seen; a word already last is not added again. */
  private static final class IntList {
    int[] values = new int[2];
    int size;

    void addOnce(int v) {
      if (size > 0 && values[size - 1] == v) {
        return;
      }
      if (size == values.length) {
        values = Arrays.copyOf(values, size * 2);
      }
      values[size++] = v;
    }
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
