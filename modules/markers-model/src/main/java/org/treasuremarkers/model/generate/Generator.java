package org.treasuremarkers.model.generate;

import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.treasuremarkers.core.taxonomy.Taxonomy;
import org.treasuremarkers.core.template.LenientParse;
import org.treasuremarkers.core.template.Template;
import org.treasuremarkers.model.data.SequenceEncoder;
import org.treasuremarkers.model.data.TrainingText;
import org.treasuremarkers.model.tokenizer.Vocabulary;
import org.treasuremarkers.model.train.ModelDirectory;

/**
 * Generates from a prompt and optional fixed markers. The input is built exactly as for training
 * ({@link TrainingText#input}); the model then writes its template and the completion. The template is read back
 * with the lenient parser, so a malformed one is reported, not thrown. No Spark needed.
 *
 * <p>Each step runs the whole window (no key/value cache): fine for the small models trained here.
 */
public final class Generator {
  private final ComputationGraph net;
  private final SequenceEncoder encoder;
  private final Template template;

  public Generator(ComputationGraph net, SequenceEncoder encoder, Template template) {
    this.net = net;
    this.encoder = encoder;
    this.template = template;
  }

  /** Loads MODEL_DIR (model, vocabulary and sequence length from its saved configuration). */
  public static Generator load(ModelDirectory dir, Taxonomy taxonomy) {
    return new Generator(dir.loadModel(), SequenceEncoder.of(dir.tokenizer(), dir.config()), new Template(taxonomy));
  }

  public Generation generate(String prompt, Map<String, String> fixedMarkers, SamplingOptions options) {
    String input = TrainingText.input(template, prompt, fixedMarkers);
    int[] context = encoder.prompt(input);
    int seqLen = encoder.seqLen();
    int[] generated = new int[options.maxNewTokens()];
    int count = 0;
    boolean eos = false;
    Random random = new Random(options.seed());
    int close = encoder.tokenizer().specialId(Template.CLOSE);
    int[] window = context;
    while (count < options.maxNewTokens()) {
      int next = choose(nextTokenProbabilities(window, seqLen), options, random);
      if (next == Vocabulary.EOS) {
        eos = true;
        break;
      }
      generated[count++] = next;
      window = append(window, next, seqLen);
      if (options.stopAfterTemplate() && (next == close || (close < 0
          && encoder.tokenizer().decode(Arrays.copyOf(generated, count)).contains(Template.CLOSE)))) {
        break;
      }
    }
    String text = encoder.tokenizer().decode(Arrays.copyOf(generated, count));
    LenientParse parse = template.lenient().parse(text);
    String completion = parse.found() && parse.end() >= 0 ? text.substring(Math.min(parse.end(), text.length()))
        : text;
    return new Generation(input, text, parse, completion, count, eos);
  }

  /** Softmax over the vocabulary for the token after {@code window} (at most seqLen tokens). */
  private double[] nextTokenProbabilities(int[] window, int seqLen) {
    INDArray features = Nd4j.valueArrayOf(new long[] {1, seqLen}, (double) Vocabulary.PAD, DataType.FLOAT);
    for (int t = 0; t < window.length; t++) {
      features.putScalar(0, t, window[t]);
    }
    // Padding after the window cannot influence position window.length - 1: attention is causal.
    INDArray out = net.outputSingle(false, features);
    return out.get(NDArrayIndex.point(0), NDArrayIndex.all(), NDArrayIndex.point(window.length - 1)).toDoubleVector();
  }

  private static int[] append(int[] window, int token, int seqLen) {
    int[] longer = Arrays.copyOf(window, window.length + 1);
    longer[window.length] = token;
    // Slide: keep BOS-less tail when the window is full (the model saw such windows only at generation time).
    return longer.length <= seqLen ? longer : Arrays.copyOfRange(longer, longer.length - seqLen, longer.length);
  }

  static int choose(double[] probabilities, SamplingOptions options, Random random) {
    double[] p = probabilities.clone();
    // Never emit the tokens that only frame a sequence.
    p[Vocabulary.PAD] = 0;
    p[Vocabulary.BOS] = 0;
    if (options.temperature() == 0) {
      int best = 0;
      for (int i = 1; i < p.length; i++) {
        if (p[i] > p[best]) {
          best = i;
        }
      }
      return best;
    }
    double[] weights = new double[p.length];
    for (int i = 0; i < p.length; i++) {
      weights[i] = p[i] <= 0 ? 0 : Math.exp(Math.log(p[i]) / options.temperature());
    }
    if (options.topK() > 0 && options.topK() < weights.length) {
      double[] sorted = weights.clone();
      Arrays.sort(sorted);
      double threshold = sorted[sorted.length - options.topK()];
      long above = Arrays.stream(weights).filter(w -> w > threshold).count();
      long tiesAllowed = options.topK() - above;
      for (int i = 0; i < weights.length; i++) {
        // Ties at the threshold: keep only as many as topK allows, lowest ids first.
        if (weights[i] == threshold && tiesAllowed > 0) {
          tiesAllowed--;
        } else if (weights[i] <= threshold) {
          weights[i] = 0;
        }
      }
    }
    double total = Arrays.stream(weights).sum();
    double r = random.nextDouble() * total;
    for (int i = 0; i < weights.length; i++) {
      r -= weights[i];
      if (r < 0 && weights[i] > 0) {
        return i;
      }
    }
    for (int i = weights.length - 1; i >= 0; i--) {
      if (weights[i] > 0) {
        return i;
      }
    }
    return Vocabulary.EOS;
  }
}
