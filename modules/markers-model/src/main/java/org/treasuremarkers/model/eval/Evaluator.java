package org.treasuremarkers.model.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.treasuremarkers.core.annotate.LengthAnnotator;
import org.treasuremarkers.core.taxonomy.BucketCategory;
import org.treasuremarkers.core.taxonomy.Taxonomy;
import org.treasuremarkers.core.template.Template;
import org.treasuremarkers.model.data.Batches;
import org.treasuremarkers.model.data.SequenceEncoder;
import org.treasuremarkers.model.data.TokenizedExample;
import org.treasuremarkers.model.data.TrainingText;
import org.treasuremarkers.model.generate.Generation;
import org.treasuremarkers.model.generate.Generator;
import org.treasuremarkers.model.generate.SamplingOptions;

/**
 * eval.json on held-out examples:
 * <ul>
 *   <li>{@code heldout_loss}: cross-entropy per target token (the completion with its template), overall and per
 *       {@code task}, {@code domain}, {@code lang} value;</li>
 *   <li>{@code marker_inference}: the prompt alone, the model writes its template; the share of well-formed
 *       (closed, parseable) templates; per category, among examples annotated with it, the share whose template
 *       has a valid line for it ({@code well_formed_marker}) and the share whose value equals the annotation
 *       ({@code accuracy});</li>
 *   <li>{@code marker_obedience}: the prompt with the markers its prepared input carries fixed (the ones the seeded
 *       dropout kept, as training shows them: a prompt with every marker fixed looks like a completion's template,
 *       which the prompt side almost never shows, since 50% sample-level dropout keeps all nine of an example's
 *       markers in 1 prompt of 512); per category, the share of generated templates that repeat
 *       the fixed value; for {@code length_bucket}, the share of completions whose measured length (ICU words, as
 *       the length annotator counts) falls outside the requested bucket;</li>
 *   <li>with training counts: {@code eval_set} (coverage of lang/task/domain values) and {@code slice_loss}.</li>
 * </ul>
 */
public final class Evaluator {
  static final List<String> LOSS_GROUPS = List.of("task", "domain", "lang");
  /** A value is long-tail under this share of the training rows (the 5%). */
  public static final double LONG_TAIL_SHARE = 0.05;
  /** Markers training never puts on the prompt side (conf/train.json dropout.prompt_excluded_markers). */
  static final java.util.Set<String> PROMPT_EXCLUDED = java.util.Set.of("quality");

  private final ComputationGraph net;
  private final SequenceEncoder encoder;
  private final Generator generator;
  private final Taxonomy taxonomy;
  private final Template template;

  public Evaluator(ComputationGraph net, SequenceEncoder encoder, Generator generator, Taxonomy taxonomy) {
    this.net = net;
    this.encoder = encoder;
    this.generator = generator;
    this.taxonomy = taxonomy;
    this.template = new Template(taxonomy);
  }

  /**
   * @param examples held-out examples: all of them for the loss
   * @param generationExamples how many to generate for, in each of inference (the first ones) and obedience (the
   *     first ones with prompt markers): a capped number, as generation is one forward pass per token
   */
  public ObjectNode evaluate(List<EvalExample> examples, int generationExamples, SamplingOptions sampling) {
    return evaluate(examples, generationExamples, sampling, Map.of());
  }

  /**
   * As above, plus, with the training rows per lang/task/domain value: the eval set's coverage of those values and
   * {@code slice_loss}, the loss per target token with every marker on the prompt side and with none, for long-tail
   * values (under {@link #LONG_TAIL_SHARE} of the training rows) against the rest.
   */
  public ObjectNode evaluate(List<EvalExample> examples, int generationExamples, SamplingOptions sampling,
      Map<String, Map<String, Long>> trainingCounts) {
    ObjectNode root = new ObjectMapper().createObjectNode();
    if (!trainingCounts.isEmpty()) {
      root.set("eval_set", EvalSet.coverage(examples, trainingCounts));
      root.set("slice_loss", sliceLoss(examples, trainingCounts));
    }
    root.set("heldout_loss", heldOutLoss(examples, 16));
    root.set("marker_inference", inference(examples.stream().limit(generationExamples).toList(), sampling));
    root.set("marker_obedience", obedience(
        examples.stream().filter(e -> !e.promptMarkers().isEmpty()).limit(generationExamples).toList(), sampling));
    return root;
  }

  /** Summed loss and target tokens of each (id, input, target), [n][2]. */
  double[][] losses(List<String[]> idInputTarget, int batchSize) {
    double[][] out = new double[idInputTarget.size()][2];
    for (int start = 0; start < idInputTarget.size(); start += batchSize) {
      List<String[]> chunk = idInputTarget.subList(start, Math.min(idInputTarget.size(), start + batchSize));
      List<TokenizedExample> encoded = new ArrayList<>();
      for (String[] e : chunk) {
        encoded.add(encoder.encode(e[0], e[1], e[2]));
      }
      DataSet batch = Batches.of(encoded, encoder.seqLen());
      INDArray probabilities = net.outputSingle(false, batch.getFeatures());
      for (int b = 0; b < chunk.size(); b++) {
        for (int t = 0; t < encoder.seqLen(); t++) {
          if (batch.getLabelsMaskArray().getDouble(b, t) > 0) {
            double p = probabilities.getDouble(b, batch.getLabels().getInt(b, 0, t), t);
            out[start + b][0] -= Math.log(Math.max(p, 1e-30));
            out[start + b][1]++;
          }
        }
      }
    }
    return out;
  }

  ObjectNode heldOutLoss(List<EvalExample> examples, int batchSize) {
    double[] total = new double[2];
    Map<String, Map<String, double[]>> groups = new TreeMap<>();
    double[][] perExample = losses(examples.stream()
        .map(e -> new String[] {e.id(), e.inputText(), e.targetText()}).toList(), batchSize);
    for (int i = 0; i < examples.size(); i++) {
      double loss = perExample[i][0];
      double tokens = perExample[i][1];
      total[0] += loss;
      total[1] += tokens;
      for (String group : LOSS_GROUPS) {
        String value = examples.get(i).markers().get(group);
        if (value != null) {
          double[] acc = groups.computeIfAbsent(group, g -> new TreeMap<>()).computeIfAbsent(value, v -> new double[2]);
          acc[0] += loss;
          acc[1] += tokens;
        }
      }
    }
    ObjectNode out = new ObjectMapper().createObjectNode();
    out.put("examples", examples.size());
    out.put("tokens", (long) total[1]);
    out.put("loss_per_token", total[1] == 0 ? Double.NaN : total[0] / total[1]);
    groups.forEach((group, values) -> {
      ObjectNode g = out.putObject("by_" + group);
      values.forEach((value, acc) -> {
        ObjectNode v = g.putObject(value);
        v.put("tokens", (long) acc[1]);
        v.put("loss_per_token", acc[0] / acc[1]);
      });
    });
    return out;
  }

  /**
   * Loss per target token of each example with all its markers on the prompt side (less the ones training never
   * puts there) and with none, summed per category over long-tail values and over the rest.
   */
  ObjectNode sliceLoss(List<EvalExample> examples, Map<String, Map<String, Long>> trainingCounts) {
    List<String[]> with = new ArrayList<>();
    List<String[]> without = new ArrayList<>();
    for (EvalExample e : examples) {
      Map<String, String> promptSide = new TreeMap<>(e.markers());
      promptSide.keySet().removeAll(PROMPT_EXCLUDED);
      with.add(new String[] {e.id(), TrainingText.input(template, e.prompt(), promptSide), e.targetText()});
      without.add(new String[] {e.id(), e.prompt(), e.targetText()});
    }
    double[][] lossWith = losses(with, 16);
    double[][] lossWithout = losses(without, 16);
    ObjectNode out = new ObjectMapper().createObjectNode();
    out.put("long_tail_share", LONG_TAIL_SHARE);
    trainingCounts.forEach((category, counts) -> {
      long rows = counts.values().stream().mapToLong(Long::longValue).sum();
      // [tail, rest][loss with, its tokens, loss without, its tokens (the cut can differ), examples]
      double[][] acc = new double[2][5];
      java.util.Set<String> tailValues = new java.util.TreeSet<>();
      for (int i = 0; i < examples.size(); i++) {
        String value = examples.get(i).markers().get(category);
        if (value == null) {
          continue;
        }
        boolean tail = counts.getOrDefault(value, 0L) < LONG_TAIL_SHARE * rows;
        if (tail) {
          tailValues.add(value);
        }
        double[] a = acc[tail ? 0 : 1];
        a[0] += lossWith[i][0];
        a[1] += lossWith[i][1];
        a[2] += lossWithout[i][0];
        a[3] += lossWithout[i][1];
        a[4]++;
      }
      ObjectNode c = out.putObject(category);
      for (int part = 0; part < 2; part++) {
        ObjectNode p = c.putObject(part == 0 ? "long_tail" : "rest");
        double[] a = acc[part];
        p.put("examples", (long) a[4]);
        p.put("loss_with_markers", a[1] == 0 ? Double.NaN : a[0] / a[1]);
        p.put("loss_without_markers", a[3] == 0 ? Double.NaN : a[2] / a[3]);
      }
      tailValues.forEach(c.putArray("long_tail_values")::add);
    });
    return out;
  }

  ObjectNode inference(List<EvalExample> examples, SamplingOptions sampling) {
    Map<String, Tally> perCategory = new TreeMap<>();
    Map<String, Tally> written = new TreeMap<>();
    Tally templates = new Tally();
    List<Generation> generations = generator.generate(examples.stream().map(EvalExample::prompt).toList(),
        examples.stream().map(e -> Map.<String, String>of()).toList(), sampling.untilTemplateClosed());
    for (int i = 0; i < examples.size(); i++) {
      EvalExample e = examples.get(i);
      Generation g = generations.get(i);
      templates.add(g.template().found() && g.template().closed());
      e.markers().forEach((key, value) -> {
        perCategory.computeIfAbsent(key, k -> new Tally()).add(value.equals(g.inferredMarkers().get(key)));
        written.computeIfAbsent(key, k -> new Tally()).add(g.inferredMarkers().containsKey(key));
      });
    }
    ObjectNode out = new ObjectMapper().createObjectNode();
    out.put("examples", examples.size());
    templates.writeTo(out.putObject("well_formed_templates"), "well_formed");
    ObjectNode lines = out.putObject("well_formed_marker");
    written.forEach((key, tally) -> tally.writeTo(lines.putObject(key), "written"));
    ObjectNode categories = out.putObject("accuracy");
    perCategory.forEach((key, tally) -> tally.writeTo(categories.putObject(key), "correct"));
    return out;
  }

  ObjectNode obedience(List<EvalExample> examples, SamplingOptions sampling) {
    Map<String, Tally> perCategory = new TreeMap<>();
    Tally lengthViolations = new Tally();
    Tally ended = new Tally();
    BucketCategory buckets = taxonomy.has("length_bucket")
        ? taxonomy.category("length_bucket", BucketCategory.class) : null;
    List<Generation> generations = generator.generate(examples.stream().map(EvalExample::prompt).toList(),
        examples.stream().map(EvalExample::promptMarkers).toList(), sampling);
    for (int i = 0; i < examples.size(); i++) {
      EvalExample e = examples.get(i);
      Generation g = generations.get(i);
      ended.add(g.endedWithEos());
      e.promptMarkers().forEach((key, value) ->
          perCategory.computeIfAbsent(key, k -> new Tally()).add(value.equals(g.inferredMarkers().get(key))));
      String requested = e.promptMarkers().get("length_bucket");
      if (buckets != null && requested != null) {
        String measured = buckets.bucketOf(LengthAnnotator.words(g.completion()));
        lengthViolations.add(!measured.equals(requested));
      }
    }
    ObjectNode out = new ObjectMapper().createObjectNode();
    out.put("examples", examples.size());
    ended.writeTo(out.putObject("ended_with_eos"), "ended");
    ObjectNode categories = out.putObject("agreement");
    perCategory.forEach((key, tally) -> tally.writeTo(categories.putObject(key), "agree"));
    lengthViolations.writeTo(out.putObject("length_bucket_violation"), "violations");
    out.put("note", "completions are cut at max_new_tokens; a cut completion is measured as generated");
    out.put("max_new_tokens", sampling.maxNewTokens());
    return out;
  }
}
