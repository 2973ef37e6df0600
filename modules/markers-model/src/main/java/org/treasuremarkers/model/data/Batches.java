package org.treasuremarkers.model.data;

import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.treasuremarkers.model.tokenizer.Vocabulary;

/**
 * Minibatches for the transformer: features [mb, T] token ids, labels [mb, 1, T] next-token ids (sparse labels
 * for LossSparseMCXENT), features mask [mb, T] = 1 on real tokens, label mask [mb, T] = 1 where the next token is
 * a target token (completion with its template, and EOS). Padding is PAD with both masks 0.
 */
public final class Batches {
  private Batches() {}

  public static DataSet of(List<TokenizedExample> examples, int seqLen) {
    int mb = examples.size();
    float[][] features = new float[mb][seqLen];
    float[][][] labels = new float[mb][1][seqLen];
    float[][] featureMask = new float[mb][seqLen];
    float[][] labelMask = new float[mb][seqLen];
    for (int b = 0; b < mb; b++) {
      TokenizedExample e = examples.get(b);
      int[] tokens = e.tokens();
      if (tokens.length > seqLen + 1) {
        throw new IllegalArgumentException("example " + e.id() + " has " + tokens.length + " tokens; at most "
            + (seqLen + 1) + " fit a window of " + seqLen);
      }
      for (int t = 0; t < seqLen; t++) {
        boolean real = t < tokens.length;
        boolean hasNext = t + 1 < tokens.length;
        features[b][t] = real ? tokens[t] : Vocabulary.PAD;
        featureMask[b][t] = real ? 1f : 0f;
        labels[b][0][t] = hasNext ? tokens[t + 1] : Vocabulary.PAD;
        labelMask[b][t] = hasNext && t + 1 >= e.targetStart() ? 1f : 0f;
      }
    }
    return new DataSet(Nd4j.create(features).castTo(DataType.FLOAT), Nd4j.create(labels),
        Nd4j.create(featureMask), Nd4j.create(labelMask));
  }

  /** Number of positions in the loss (sum of the label mask). */
  public static long lossTokens(DataSet batch) {
    return Math.round(batch.getLabelsMaskArray().sumNumber().doubleValue());
  }
}
