package org.treasuremarkers.model.generate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.deeplearning4j.nn.graph.ComputationGraph;
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
 * <p>Decoding goes through a {@link CachedDecoder} (key/value cache, O(context) per token) over the graph's
 * weights, read at each call so a generator made before training sees the trained values. Prompts are decoded
 * {@link #BATCH} at a time; each row has its own seeded random generator, so a prompt's result does not depend on
 * the batch it is in (up to float rounding between batch shapes).
 */
public final class Generator {
  /** Rows decoded together: enough to amortise per-op overhead on CPU, small enough for the cache (~2 MB at T 256). */
  public static final int BATCH = 16;

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
    return generate(List.of(prompt), List.of(fixedMarkers), options).get(0);
  }

  /** One generation per prompt, with fixedMarkers.get(i) fixed for prompts.get(i). */
  public List<Generation> generate(List<String> prompts, List<? extends Map<String, String>> fixedMarkers,
      SamplingOptions options) {
    if (prompts.size() != fixedMarkers.size()) {
      throw new IllegalArgumentException(prompts.size() + " prompts but " + fixedMarkers.size() + " marker maps");
    }
    CachedDecoder decoder = CachedDecoder.of(net);
    List<Generation> out = new ArrayList<>(prompts.size());
    for (int from = 0; from < prompts.size(); from += BATCH) {
      int to = Math.min(prompts.size(), from + BATCH);
      out.addAll(batch(decoder, prompts.subList(from, to), fixedMarkers.subList(from, to), options));
    }
    return out;
  }

  private List<Generation> batch(CachedDecoder decoder, List<String> prompts,
      List<? extends Map<String, String>> fixedMarkers, SamplingOptions options) {
    int rows = prompts.size();
    String[] inputs = new String[rows];
    int[][] contexts = new int[rows][];
    for (int i = 0; i < rows; i++) {
      inputs[i] = TrainingText.input(template, prompts.get(i), fixedMarkers.get(i));
      contexts[i] = encoder.prompt(inputs[i]);
    }
    int close = encoder.tokenizer().specialId(Template.CLOSE);
    int[][] generated = new int[rows][options.maxNewTokens()];
    int[] count = new int[rows];
    boolean[] eos = new boolean[rows];
    boolean[] done = new boolean[rows];
    Random[] random = new Random[rows];
    for (int i = 0; i < rows; i++) {
      random[i] = new Random(options.seed());
    }
    DecodeSession session = new DecodeSession(decoder, contexts);
    while (true) {
      int[] stepRows = new int[rows];
      int[] stepTokens = new int[rows];
      int stepping = 0;
      for (int i = 0; i < rows; i++) {
        if (done[i]) {
          continue;
        }
        int next = choose(probabilities(session.logits(i)), options, random[i]);
        if (next == Vocabulary.EOS) {
          eos[i] = true;
          done[i] = true;
          continue;
        }
        generated[i][count[i]++] = next;
        done[i] = count[i] >= options.maxNewTokens() || (options.stopAfterTemplate() && (next == close
            || (close < 0 && encoder.tokenizer().decode(Arrays.copyOf(generated[i], count[i]))
                .contains(Template.CLOSE))));
        if (!done[i]) {
          stepRows[stepping] = i;
          stepTokens[stepping++] = next;
        }
      }
      if (stepping == 0) {
        break;
      }
      session.append(Arrays.copyOf(stepRows, stepping), Arrays.copyOf(stepTokens, stepping));
    }
    List<Generation> out = new ArrayList<>(rows);
    for (int i = 0; i < rows; i++) {
      String text = encoder.tokenizer().decode(Arrays.copyOf(generated[i], count[i]));
      LenientParse parse = template.lenient().parse(text);
      String completion = parse.found() && parse.end() >= 0
          ? text.substring(Math.min(parse.end(), text.length())) : text;
      out.add(new Generation(inputs[i], text, parse, completion, count[i], eos[i]));
    }
    return out;
  }

  /** Softmax of logits, in double. */
  static double[] probabilities(float[] logits) {
    double max = Double.NEGATIVE_INFINITY;
    for (float l : logits) {
      max = Math.max(max, l);
    }
    double[] p = new double[logits.length];
    double sum = 0;
    for (int i = 0; i < logits.length; i++) {
      p[i] = Math.exp(logits[i] - max);
      sum += p[i];
    }
    for (int i = 0; i < p.length; i++) {
      p[i] /= sum;
    }
    return p;
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
