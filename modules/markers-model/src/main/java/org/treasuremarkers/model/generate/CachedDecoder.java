package org.treasuremarkers.model.generate;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.custom.SoftMax;
import org.nd4j.linalg.api.ops.impl.transforms.strict.GELU;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The transformer's forward pass over a {@link KvCache}, in plain ND4J ops on the trained weights: it computes only
 * the new tokens of each row and attends to the cached keys and values, so a generated token costs O(context)
 * instead of a whole window. It repeats {@code CausalTransformerBlock} op for op (pre-layer-norm, additive causal
 * mask, the same GELU); {@code CachedDecoderTest} checks it against the graph's output.
 */
public final class CachedDecoder {
  /** As CausalMask.BLOCKED: exp underflows to exactly 0. */
  private static final float BLOCKED = -1e9f;
  private static final double EPSILON = 1e-5; // LayerNorms.EPSILON

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
    return new KvCache(w.blocks().size(), rows, w.heads(), w.seqLen(), headSize, w.dataType());
  }

  /**
   * Runs a chunk of n tokens for each of {@code rows} (cache rows), row i's tokens sitting at positions
   * start[i]..start[i]+n-1, writes their keys and values into the cache and returns the logits (before softmax)
   * after chunk position last[i] of each row: [rows.length, vocab].
   */
  INDArray forward(KvCache cache, int[] rows, int[][] tokens, int[] start, int[] last) {
    int r = rows.length;
    int n = tokens[0].length;
    int d = w.dModel();
    int heads = w.heads();
    int[] ids = new int[r * n];
    int[] positions = new int[r * n];
    int length = 0;
    for (int i = 0; i < r; i++) {
      if (start[i] + n > w.seqLen()) {
        throw new IllegalArgumentException("row " + rows[i] + " would pass the window of " + w.seqLen());
      }
      for (int q = 0; q < n; q++) {
        ids[i * n + q] = tokens[i][q];
        positions[i * n + q] = start[i] + q;
      }
      length = Math.max(length, start[i] + n);
    }
    INDArray x = Nd4j.pullRows(w.embedding(), 1, ids).addi(Nd4j.pullRows(w.positions(), 1, positions));
    INDArray mask = mask(start, n, heads, length);
    double scale = 1.0 / Math.sqrt(headSize);
    for (int l = 0; l < w.blocks().size(); l++) {
      TransformerWeights.Block b = w.blocks().get(l);
      INDArray h = layerNorm(x, b.ln1Gain(), b.ln1Bias());
      INDArray q = heads(h.mmul(b.wq()).addiRowVector(b.bq()), r, n);
      INDArray k = heads(h.mmul(b.wk()).addiRowVector(b.bk()), r, n);
      INDArray v = heads(h.mmul(b.wv()).addiRowVector(b.bv()), r, n);
      cache.write(l, rows, start, k, v);
      INDArray keys = cache.keys(l, rows, length).reshape('c', (long) r * heads, length, headSize);
      INDArray values = cache.values(l, rows, length).reshape('c', (long) r * heads, length, headSize);
      INDArray scores = Nd4j.matmul(q.reshape('c', (long) r * heads, n, headSize), keys, false, true, false)
          .muli(scale).addi(mask);
      INDArray flat = scores.reshape('c', (long) r * heads * n, length);
      Nd4j.exec(new SoftMax(flat, flat, 1));
      INDArray attended = Nd4j.matmul(flat.reshape('c', (long) r * heads, n, length), values)
          .reshape('c', r, heads, n, headSize).permute(0, 2, 1, 3).dup('c').reshape('c', (long) r * n, d);
      INDArray x1 = x.addi(attended.mmul(b.wo()).addiRowVector(b.bo()));
      INDArray hidden = layerNorm(x1, b.ln2Gain(), b.ln2Bias()).mmul(b.w1()).addiRowVector(b.b1());
      Nd4j.exec(new GELU(hidden, hidden));
      x = x1.addi(hidden.mmul(b.w2()).addiRowVector(b.b2()));
    }
    int[] pick = new int[r];
    for (int i = 0; i < r; i++) {
      pick[i] = i * n + last[i];
    }
    INDArray picked = layerNorm(Nd4j.pullRows(x, 1, pick), w.finalGain(), w.finalBias());
    return picked.mmul(w.outWeights()).addiRowVector(w.outBias());
  }

  /** [rows*n, dModel] activations as [rows, heads, n, headSize]. */
  private INDArray heads(INDArray rowsByFeature, int r, int n) {
    return rowsByFeature.reshape('c', r, n, w.heads(), headSize).permute(0, 2, 1, 3).dup('c');
  }

  /** Additive mask [rows*heads, n, length]: query q of row i (position start[i]+q) sees slots 0..start[i]+q. */
  private INDArray mask(int[] start, int n, int heads, int length) {
    float[] m = new float[start.length * heads * n * length];
    int at = 0;
    for (int i = 0; i < start.length; i++) {
      for (int h = 0; h < heads; h++) {
        for (int q = 0; q < n; q++) {
          int visible = start[i] + q;
          for (int j = 0; j < length; j++) {
            m[at++] = j <= visible ? 0f : BLOCKED;
          }
        }
      }
    }
    return Nd4j.create(m, new long[] {(long) start.length * heads, n, length}, 'c').castTo(w.dataType());
  }

  private static INDArray layerNorm(INDArray x, INDArray gain, INDArray bias) {
    INDArray centred = x.subColumnVector(x.mean(true, 1));
    INDArray variance = centred.mul(centred).mean(true, 1);
    return centred.diviColumnVector(Transforms.sqrt(variance.addi(EPSILON), false))
        .muliRowVector(gain).addiRowVector(bias);
  }
}
