package org.treasuremarkers.model.generate;

import java.util.Arrays;

/**
 * Incremental decoding of a batch of token sequences of different lengths with a {@link KvCache}. Prompts are
 * right-padded into one prefill pass; each row then keeps its own length, so row r's next token sits at position
 * length(r) whatever the other rows hold. Rows that have finished are left out of later steps.
 *
 * <p>When a row would pass the model's window, its context slides: the row is rebuilt from the last three quarters
 * of the window (one prefill of that row alone, once per quarter window of tokens), which keeps a token's cost
 * O(context) and a row's result independent of the other rows in the batch.
 */
public final class DecodeSession {
  private final CachedDecoder decoder;
  private final KvCache cache;
  private final int seqLen;
  private final int[][] history;
  private final int[] historyLength;
  /** Tokens of each row in the cache now (its position for the next token). */
  private final int[] cached;
  private final float[][] logits;

  /** Prefills the prompts (each at most the window; longer ones keep their tail). */
  public DecodeSession(CachedDecoder decoder, int[][] prompts) {
    this.decoder = decoder;
    this.seqLen = decoder.weights().seqLen();
    int rows = prompts.length;
    this.cache = decoder.newCache(rows);
    this.history = new int[rows][];
    this.historyLength = new int[rows];
    this.cached = new int[rows];
    this.logits = new float[rows][];
    for (int i = 0; i < rows; i++) {
      if (prompts[i].length == 0) {
        throw new IllegalArgumentException("prompt " + i + " is empty (it needs at least BOS)");
      }
      history[i] = Arrays.copyOf(prompts[i], Math.max(16, prompts[i].length * 2));
      historyLength[i] = prompts[i].length;
    }
    int[] all = new int[rows];
    Arrays.setAll(all, i -> i);
    prefill(all);
  }

  public int rows() {
    return history.length;
  }

  /** Logits (before softmax) for row r's next token. */
  public float[] logits(int row) {
    return logits[row];
  }

  /** Row r's tokens so far (prompt and appended). */
  public int[] tokens(int row) {
    return Arrays.copyOf(history[row], historyLength[row]);
  }

  /** Appends tokens[i] to rows[i] and computes their next logits; other rows are left as they are. */
  public void append(int[] rows, int[] tokens) {
    int[] stepRows = new int[rows.length];
    int[][] stepTokens = new int[rows.length][];
    int[] start = new int[rows.length];
    int stepping = 0;
    int[] rebuild = new int[rows.length];
    int rebuilding = 0;
    for (int i = 0; i < rows.length; i++) {
      int row = rows[i];
      push(row, tokens[i]);
      if (cached[row] < seqLen) {
        stepRows[stepping] = row;
        stepTokens[stepping] = new int[] {tokens[i]};
        start[stepping++] = cached[row];
      } else {
        rebuild[rebuilding++] = row;
      }
    }
    if (stepping > 0) {
      int[] r = Arrays.copyOf(stepRows, stepping);
      float[][] out = decoder.forward(cache, r, Arrays.copyOf(stepTokens, stepping), Arrays.copyOf(start, stepping),
          new int[stepping]);
      store(r, out);
      for (int row : r) {
        cached[row]++;
      }
    }
    for (int i = 0; i < rebuilding; i++) {
      prefill(new int[] {rebuild[i]});
    }
  }

  /** Recomputes the cache of the given rows from their history (its tail, when longer than the window allows). */
  private void prefill(int[] rows) {
    int keepWhenSliding = seqLen - seqLen / 4;
    int width = 0;
    int[][] context = new int[rows.length][];
    for (int i = 0; i < rows.length; i++) {
      int row = rows[i];
      int length = historyLength[row];
      int keep = length <= seqLen && cached[row] == 0 ? length : Math.min(length, keepWhenSliding);
      context[i] = Arrays.copyOfRange(history[row], length - keep, length);
      width = Math.max(width, keep);
    }
    int[][] padded = new int[rows.length][width];
    int[] last = new int[rows.length];
    for (int i = 0; i < rows.length; i++) {
      // Padding is never attended to by a real position; id 0 exists in every vocabulary.
      System.arraycopy(context[i], 0, padded[i], 0, context[i].length);
      last[i] = context[i].length - 1;
    }
    float[][] out = decoder.forward(cache, rows, padded, new int[rows.length], last);
    store(rows, out);
    for (int i = 0; i < rows.length; i++) {
      cached[rows[i]] = context[i].length;
    }
  }

  private void store(int[] rows, float[][] out) {
    for (int i = 0; i < rows.length; i++) {
      logits[rows[i]] = out[i];
    }
  }

  private void push(int row, int token) {
    if (historyLength[row] == history[row].length) {
      history[row] = Arrays.copyOf(history[row], history[row].length * 2);
    }
    history[row][historyLength[row]++] = token;
  }
}
