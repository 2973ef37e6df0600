package org.treasuremarkers.model.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.treasuremarkers.core.taxonomy.TaxonomyLoader;
import org.treasuremarkers.model.config.TrainConfig;
import org.treasuremarkers.model.generate.CachedDecoder;
import org.treasuremarkers.model.generate.DecodeSession;
import org.treasuremarkers.model.nn.TransformerFactory;
import org.treasuremarkers.model.tokenizer.Vocabulary;

/**
 * bench/generation: greedy decoding tokens/s of one model, uncached (the whole window through the
 * ComputationGraph for each token, as Generator did before the cache) against {@link CachedDecoder}, from a
 * PROMPT-token prompt to a context of SEQ_LEN tokens. Both decode the same random prompts; the bench also reports
 * how many of the generated tokens agree (they should all agree: same model, same greedy rule). A fifth argument
 * (any) times the cached path alone. Run with bench/generation/run.sh.
 */
public final class GenerationBenchmark {
  public static void main(String[] args) {
    Path config = Path.of(args.length > 0 ? args[0] : "conf/train.json");
    int seqLen = args.length > 1 ? Integer.parseInt(args[1]) : 512;
    int prompt = args.length > 2 ? Integer.parseInt(args[2]) : 384;
    int batch = args.length > 3 ? Integer.parseInt(args[3]) : 1;
    TrainConfig conf = TrainConfig.load(config).with("{\"model\": {\"seq_len\": " + seqLen + "}}");
    int vocab = Vocabulary.withTemplateTags(TaxonomyLoader.loadDefault()).size();
    ComputationGraph net = TransformerFactory.build(conf.model(), conf.training(), vocab);
    int newTokens = seqLen - prompt;
    Random random = new Random(1);
    int[][] prompts = new int[batch][prompt];
    for (int[] p : prompts) {
      Arrays.setAll(p, i -> i == 0 ? Vocabulary.BOS : random.nextInt(Vocabulary.BYTE_TOKENS));
    }
    System.out.printf(Locale.ROOT, "model %s with seq_len %d: d_model %d, layers %d, heads %d, vocab %d, %d params;"
            + " batch %d, prompt %d tokens, %d new tokens (context %d..%d); OMP_NUM_THREADS=%s, load %.1f%n",
        config, seqLen, conf.model().dModel(), conf.model().layers(), conf.model().heads(), vocab, net.numParams(),
        batch, prompt, newTokens, prompt, seqLen, System.getenv("OMP_NUM_THREADS"),
        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    // Warm-up of both paths (JIT, native libraries, workspaces).
    cached(net, prompts, 8);
    uncached(net, prompts, 4, seqLen);

    long t0 = System.nanoTime();
    int[][] fast = cached(net, prompts, newTokens);
    double cachedSeconds = (System.nanoTime() - t0) / 1e9;
    if (args.length > 4) {
      System.out.printf(Locale.ROOT, "cached only: %.2f s%n", cachedSeconds);
      return;
    }
    t0 = System.nanoTime();
    int[][] slow = uncached(net, prompts, newTokens, seqLen);
    double uncachedSeconds = (System.nanoTime() - t0) / 1e9;

    long agree = 0;
    for (int b = 0; b < batch; b++) {
      for (int i = 0; i < newTokens; i++) {
        agree += fast[b][i] == slow[b][i] ? 1 : 0;
      }
    }
    long tokens = (long) batch * newTokens;
    System.out.printf(Locale.ROOT, "uncached: %d tokens in %.2f s = %.1f tokens/s%n", tokens, uncachedSeconds,
        tokens / uncachedSeconds);
    System.out.printf(Locale.ROOT, "cached:   %d tokens in %.2f s = %.1f tokens/s (prefill included)%n", tokens,
        cachedSeconds, tokens / cachedSeconds);
    System.out.printf(Locale.ROOT, "speed-up %.1fx; greedy tokens agreeing %d of %d%n",
        uncachedSeconds / cachedSeconds, agree, tokens);
  }

  static int[][] cached(ComputationGraph net, int[][] prompts, int newTokens) {
    long t0 = System.nanoTime();
    DecodeSession session = new DecodeSession(CachedDecoder.of(net), prompts);
    if (newTokens > 8) {
      System.out.printf(Locale.ROOT, "cached prefill %.3f s%n", (System.nanoTime() - t0) / 1e9);
    }
    int rows = prompts.length;
    int[][] out = new int[rows][newTokens];
    int[] all = new int[rows];
    Arrays.setAll(all, i -> i);
    for (int i = 0; i < newTokens; i++) {
      int[] next = new int[rows];
      for (int b = 0; b < rows; b++) {
        next[b] = argmax(session.logits(b));
        out[b][i] = next[b];
      }
      if (i + 1 < newTokens) {
        session.append(all, next);
      }
    }
    return out;
  }

  /** The pre-cache Generator: the whole [rows, T] window through the graph for every token. */
  static int[][] uncached(ComputationGraph net, int[][] prompts, int newTokens, int seqLen) {
    int rows = prompts.length;
    int[][] out = new int[rows][newTokens];
    INDArray features = Nd4j.zeros(DataType.FLOAT, rows, seqLen);
    for (int b = 0; b < rows; b++) {
      for (int t = 0; t < prompts[b].length; t++) {
        features.putScalar(b, t, prompts[b][t]);
      }
    }
    int length = prompts[0].length;
    for (int i = 0; i < newTokens; i++) {
      INDArray probabilities = net.outputSingle(false, features);
      for (int b = 0; b < rows; b++) {
        INDArray p = probabilities.get(NDArrayIndex.point(b), NDArrayIndex.all(), NDArrayIndex.point(length - 1));
        out[b][i] = argmax(p.toFloatVector());
        if (length < seqLen) {
          features.putScalar(b, length, out[b][i]);
        }
      }
      length++;
    }
    return out;
  }

  private static int argmax(float[] v) {
    int best = 0;
    for (int i = 1; i < v.length; i++) {
      if (v[i] > v[best]) {
        best = i;
      }
    }
    return best;
  }
}
