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
import org.treasuremarkers.model.data.Batches;
import org.treasuremarkers.model.data.SequenceEncoder;
import org.treasuremarkers.model.data.TokenizedExample;
import org.treasuremarkers.model.generate.Generation;
import org.treasuremarkers.model.generate.Generator;
import org.treasuremarkers.model.generate.SamplingOptions;

/**
 * eval.json on held-out examples:
 * <ul>
 *   <li>{@code heldout_loss}: cross-entropy per target token (the completion with its template), overall and per
 *       {@code task}, {@code domain}, {@code lang} value;</li>
 *   <li>{@code marker_inference}: the prompt alone, the model writes its template; per category, the share of
 *       examples annotated with it whose generated value equals the annotation;</li>
 *   <li>{@code marker_obedience}: the prompt with the markers its prepared input carries fixed (the ones the seeded
 *       dropout kept, as training shows them: a prompt with every marker fixed looks like a completion's template,
 *       which the prompt side almost never shows, since 50% sample-level dropout keeps all nine of an example's
 *       markers in 1 prompt of 512); per category, the share of generated templates that repeat
 *       the fixed value; for {@code length_bucket}, the share of completions whose measured length (ICU words, as
 *       the length annotator counts) falls outside the requested bucket.</li>
 * </ul>
 */
public final class Evaluator {
  static final List<String> LOSS_GROUPS = List.of("task", "domain", "lang");

  private final ComputationGraph net;
  private final SequenceEncoder encoder;
  private final Generator generator;
  private final Taxonomy taxonomy;

  public Evaluator(ComputationGraph net, SequenceEncoder encoder, Generator generator, Taxonomy taxonomy) {
    this.net = net;
    this.encoder = encoder;
    this.generator = generator;
    this.taxonomy = taxonomy;
  }

  /**
   * @param examples held-out examples: all of them for the loss
   * @param generationExamples how many to generate for, in each of inference (the first ones) and obedience (the
   *     first ones with prompt markers): a capped number, as generation is one forward pass per token
   */
  public ObjectNode evaluate(List<EvalExample> examples, int generationExamples, SamplingOptions sampling) {
    ObjectNode root = new ObjectMapper().createObjectNode();
    root.set("heldout_loss", heldOutLoss(examples, 16));
    root.set("marker_inference", inference(examples.stream().limit(generationExamples).toList(), sampling));
    root.set("marker_obedience", obedience(
        examples.stream().filter(e -> !e.promptMarkers().isEmpty()).limit(generationExamples).toList(), sampling));
    return root;
  }

  ObjectNode heldOutLoss(List<EvalExample> examples, int batchSize) {
    double[] total = new double[2];
    Map<String, Map<String, double[]>> groups = new TreeMap<>();
    for (int start = 0; start < examples.size(); start += batchSize) {
      List<EvalExample> chunk = examples.subList(start, Math.min(examples.size(), start + batchSize));
      List<TokenizedExample> encoded = new ArrayList<>();
      for (EvalExample e : chunk) {
        encoded.add(encoder.encode(e.id(), e.inputText(), e.targetText()));
      }
      DataSet batch = Batches.of(encoded, encoder.seqLen());
      INDArray probabilities = net.outputSingle(false, batch.getFeatures());
      for (int b = 0; b < chunk.size(); b++) {
        double loss = 0;
        long tokens = 0;
        for (int t = 0; t < encoder.seqLen(); t++) {
          if (batch.getLabelsMaskArray().getDouble(b, t) > 0) {
            double p = probabilities.getDouble(b, batch.getLabels().getInt(b, 0, t), t);
            loss -= Math.log(Math.max(p, 1e-30));
            tokens++;
          }
        }
        total[0] += loss;
        total[1] += tokens;
        for (String group : LOSS_GROUPS) {
          String value = chunk.get(b).markers().get(group);
          if (value != null) {
            double[] acc = groups.computeIfAbsent(group, g -> new TreeMap<>()).computeIfAbsent(value, v -> new double[2]);
            acc[0] += loss;
            acc[1] += tokens;
          }
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

  ObjectNode inference(List<EvalExample> examples, SamplingOptions sampling) {
    Map<String, Tally> perCategory = new TreeMap<>();
    Tally templates = new Tally();
    List<Generation> generations = generator.generate(examples.stream().map(EvalExample::prompt).toList(),
        examples.stream().map(e -> Map.<String, String>of()).toList(), sampling.untilTemplateClosed());
    for (int i = 0; i < examples.size(); i++) {
      EvalExample e = examples.get(i);
      Generation g = generations.get(i);
      templates.add(g.template().found() && g.template().closed());
      e.markers().forEach((key, value) ->
          perCategory.computeIfAbsent(key, k -> new Tally()).add(value.equals(g.inferredMarkers().get(key))));
    }
    ObjectNode out = new ObjectMapper().createObjectNode();
    out.put("examples", examples.size());
    templates.writeTo(out.putObject("well_formed_templates"), "well_formed");
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
