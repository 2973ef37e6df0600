package org.treasuremarkers.model.generate;

import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * The transformer's forward pass over a {@link KvCache}: it computes only the new tokens of each row and attends to
 * the cached keys and values, so a generated token costs O(context) instead of a whole window. It repeats
 * {@code CausalTransformerBlock} step for step (pre-layer-norm, causal attention, GELU as ND4J computes it:
 * x * sigmoid(1.702 x)); {@code CachedDecoderTest} checks it against the graph's output.
 *
 * <p>Plain Java loops over float arrays rather than ND4J ops: a decoding step is a few hundred thousand
 * multiply-adds, and on this machine each ND4J op call costs 50-500 us of overhead (a [1,128]x[128,128] mmul took
 * ~0.5 ms), which made an ND4J step slower than the arithmetic by two orders of magnitude. The inner loops are
 * unit-stride so the JIT vectorises them.
 */
public final class CachedDecoder {
  private static final float EPSILON = 1e-5f; // LayerNorms.EPSILON

  private final TransformerWeights w;
  private final int headSize;

  public CachedDecoder(TransformerWeights weights) {
    this.w = weights;
    this.headSize = weights.dModel() / weights.heads();
  }

  public static CachedDecoder of(ComputationGraph net) {
    return new CachedDecoder(TransformerWeights.of(net));
  }

  public TransformerWeights weights() {
    return w;
  }

  KvCache newCache(int rows) {
    return new KvCache(w.blocks().size(), rows, w.seqLen(), w.dModel());
  }

  /**
   * Runs a chunk of n tokens for each of {@code rows} (cache rows), row i's tokens sitting at positions
   * start[i]..start[i]+n-1, writes their keys and values into the cache and returns the logits (before softmax)
   * after chunk position last[i] of each row.
   */
  float[][] forward(KvCache cache, int[] rows, int[][] tokens, int[] start, int[] last) {
    int r = rows.length;
    int n = tokens[0].length;
    int m = r * n;
    int d = w.dModel();
    float[] x = new float[m * d];
    for (int i = 0; i < r; i++) {
      if (start[i] + n > w.seqLen()) {
        throw new IllegalArgumentException("row " + rows[i] + " would pass the window of " + w.seqLen());
      }
      for (int q = 0; q < n; q++) {
        int token = tokens[i][q];
        int at = (i * n + q) * d;
        int pos = (start[i] + q) * d;
        for (int c = 0; c < d; c++) {
          x[at + c] = w.embedding()[token * d + c] + w.positions()[pos + c];
        }
      }
    }
    float[] attended = new float[m * d];
    float[] scores = new float[w.seqLen()];
    float scale = (float) (1.0 / Math.sqrt(headSize));
    for (int l = 0; l < w.blocks().size(); l++) {
      TransformerWeights.Block b = w.blocks().get(l);
      float[] h = layerNorm(x, m, d, b.ln1Gain(), b.ln1Bias());
      float[] q = linear(h, m, d, b.wq(), b.bq(), d);
      float[] k = linear(h, m, d, b.wk(), b.bk(), d);
      float[] v = linear(h, m, d, b.wv(), b.bv(), d);
      for (int i = 0; i < r; i++) {
        System.arraycopy(k, i * n * d, cache.keys[l][rows[i]], start[i] * d, n * d);
        System.arraycopy(v, i * n * d, cache.values[l][rows[i]], start[i] * d, n * d);
      }
      for (int i = 0; i < r; i++) {
        float[] keys = cache.keys[l][rows[i]];
        float[] values = cache.values[l][rows[i]];
        for (int qi = 0; qi < n; qi++) {
          attend(q, (i * n + qi) * d, keys, values, start[i] + qi, scores, scale, attended);
        }
      }
      addInto(x, linear(attended, m, d, b.wo(), b.bo(), d));
      float[] hidden = linear(layerNorm(x, m, d, b.ln2Gain(), b.ln2Bias()), m, d, b.w1(), b.b1(), w.ffnSize());
      gelu(hidden);
      addInto(x, linear(hidden, m, w.ffnSize(), b.w2(), b.b2(), d));
    }
    float[] picked = new float[r * d];
    for (int i = 0; i < r; i++) {
      System.arraycopy(x, (i * n + last[i]) * d, picked, i * d, d);
    }
    float[] logits = linear(layerNorm(picked, r, d, w.finalGain(), w.finalBias()), r, d, w.outWeights(),
        w.outBias(), w.vocabSize());
    float[][] out = new float[r][];
    for (int i = 0; i < r; i++) {
      out[i] = java.util.Arrays.copyOfRange(logits, i * w.vocabSize(), (i + 1) * w.vocabSize());
    }
    return out;
  }

  /** Every head of the query at q[at..at+d) over positions 0..position of one row's cache, into out[at..at+d). */
  private void attend(float[] q, int at, float[] keys, float[] values, int position, float[] scores, float scale,
      float[] out) {
    int d = w.dModel();
    for (int head = 0; head < w.heads(); head++) {
      int offset = head * headSize;
      float max = Float.NEGATIVE_INFINITY;
      for (int j = 0; j <= position; j++) {
        float s = 0;
        int key = j * d + offset;
        for (int c = 0; c < headSize; c++) {
          s += q[at + offset + c] * keys[key + c];
        }
        scores[j] = s * scale;
        max = Math.max(max, scores[j]);
      }
      double sum = 0;
      for (int j = 0; j <= position; j++) {
        scores[j] = (float) Math.exp(scores[j] - max);
        sum += scores[j];
      }
      int o = at + offset;
      java.util.Arrays.fill(out, o, o + headSize, 0f);
      for (int j = 0; j <= position; j++) {
        float p = (float) (scores[j] / sum);
        int value = j * d + offset;
        for (int c = 0; c < headSize; c++) {
          out[o + c] += p * values[value + c];
        }
      }
    }
  }

  /** [rows][out] = [rows][in] x [in][out] + bias. */
  static float[] linear(float[] x, int rows, int in, float[] weight, float[] bias, int out) {
    float[] y = new float[rows * out];
    for (int i = 0; i < rows; i++) {
      int o = i * out;
      System.arraycopy(bias, 0, y, o, out);
      for (int k = 0; k < in; k++) {
        float a = x[i * in + k];
        int wRow = k * out;
        for (int j = 0; j < out; j++) {
          y[o + j] += a * weight[wRow + j];
        }
      }
    }
    return y;
  }

  static float[] layerNorm(float[] x, int rows, int d, float[] gain, float[] bias) {
    float[] y = new float[rows * d];
    for (int i = 0; i < rows; i++) {
      int o = i * d;
      float mean = 0;
      for (int c = 0; c < d; c++) {
        mean += x[o + c];
      }
      mean /= d;
      float variance = 0;
      for (int c = 0; c < d; c++) {
        float centred = x[o + c] - mean;
        variance += centred * centred;
      }
      variance /= d;
      float inv = (float) (1.0 / Math.sqrt(variance + EPSILON));
      for (int c = 0; c < d; c++) {
        y[o + c] = (x[o + c] - mean) * inv * gain[c] + bias[c];
      }
    }
    return y;
  }

  private static void gelu(float[] x) {
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) (x[i] / (1.0 + Math.exp(-1.702 * x[i])));
    }
  }

  private static void addInto(float[] x, float[] delta) {
    for (int i = 0; i < x.length; i++) {
      x[i] += delta[i];
    }
  }
}
