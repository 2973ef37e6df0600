package org.treasuremarkers.learn.tagger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.treasuremarkers.core.annotate.AnnotationRules;
import org.treasuremarkers.core.annotate.MarkerBuilder;
import org.treasuremarkers.core.annotate.RuleAnnotator;
import org.treasuremarkers.core.example.RawExample;
import org.treasuremarkers.core.tagger.FeatureVector;
import org.treasuremarkers.core.tagger.LinearTagger;
import org.treasuremarkers.core.tagger.TaggerFile;
import org.treasuremarkers.core.tagger.TextFeatures;
import org.treasuremarkers.core.taxonomy.Taxonomy;

/**
 * Trains one tagger per marker (task, domain) from the labelled sources and measures it two ways: on a held-out
 * tenth of the rows (split by group, so one question in 12 languages stays on one side), and leave-one-source-out
 * (train without a source, test on it), the figure that predicts a user's unseen data. The abstention threshold is
 * chosen on the leave-one-source-out predictions. Two baselines are measured on the same rows: the most frequent
 * class of the training rows, and the project's rules alone.
 */
public final class TaggerTraining {
  /** The markers the sources label. */
  public static final List<String> MARKERS = List.of("task", "domain");
  private static final double HELD_OUT = 0.1;
  private static final int LOSO_TEST_ROWS = 2000;
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The final models (thresholds set, weights as they will be stored) and the evaluation report. */
  public record Result(Map<String, LinearTagger> models, ObjectNode evaluation) {}

  private final Taxonomy taxonomy;
  private final TaggerParams params;
  private final Consumer<String> log;

  public TaggerTraining(Taxonomy taxonomy, TaggerParams params, Consumer<String> log) {
    this.taxonomy = taxonomy;
    this.params = params;
    this.log = log;
  }

  /** How much evaluation a training run does. */
  public enum Evaluation {
    /** None: only the final models (threshold 0), for quick experiments. */
    NONE,
    /** The held-out rows only (threshold 0). */
    HELD_OUT,
    /** Held-out rows and leave-one-source-out folds (the threshold comes from the folds). */
    FULL
  }

  public Result train(List<LabelledText> rows, Evaluation evaluationLevel) {
    TextFeatures features = new TextFeatures(params.buckets());
    FeatureVector scratch = new FeatureVector();
    List<EncodedRow> encoded = new ArrayList<>(rows.size());
    for (LabelledText row : rows) {
      encoded.add(new EncodedRow(row, features, scratch));
    }
    Map<LabelledText, Map<String, String>> ruled = ruleLabels(rows);
    Map<String, LinearTagger> models = new LinkedHashMap<>();
    ObjectNode evaluation = JSON.createObjectNode();
    for (String marker : MARKERS) {
      List<EncodedRow> labelled = encoded.stream().filter(r -> r.row.label(marker) != null).toList();
      List<String> classes = taxonomy.category(marker).values().stream()
          .filter(v -> labelled.stream().anyMatch(r -> v.equals(r.row.label(marker)))).toList();
      log.accept(marker + ": " + labelled.size() + " labelled rows, classes " + classes);
      ObjectNode report = evaluation.putObject(marker);
      report.putPOJO("classes", classes);
      report.set("training_rows", counts(labelled, marker));

      double threshold = 0;
      if (evaluationLevel == Evaluation.FULL) {
        ObjectNode loso = report.putObject("leave_one_source_out");
        threshold = leaveOneSourceOut(labelled, marker, classes, ruled, loso);
      }
      report.put("threshold", threshold);
      if (evaluationLevel != Evaluation.NONE) {
        heldOut(labelled, marker, classes, ruled, threshold, report.putObject("held_out_rows"));
      }

      LinearTagger model = quantized(new SoftmaxTrainer(params).fit(labelled, marker, classes)
          .withThreshold(threshold));
      models.put(marker, model);
      log.accept(marker + ": final model fitted, threshold " + threshold);
    }
    return new Result(models, evaluation);
  }

  private void heldOut(List<EncodedRow> labelled, String marker, List<String> classes,
      Map<LabelledText, Map<String, String>> ruled, double threshold, ObjectNode out) {
    List<EncodedRow> train = new ArrayList<>();
    List<EncodedRow> test = new ArrayList<>();
    for (EncodedRow r : labelled) {
      (StableHash.unit(r.row.group(), params.seed()) < HELD_OUT ? test : train).add(r);
    }
    LinearTagger model = new SoftmaxTrainer(params).fit(train, marker, classes);
    out.put("train_rows", train.size());
    out.put("test_rows", test.size());
    out.set("tagger", TaggerMetrics.of(score(model, test, marker), threshold, classes).full());
    out.set("tagger_8bit", TaggerMetrics.of(score(quantized(model), test, marker), threshold, classes).summary());
    out.set("majority", TaggerMetrics.of(constant(test, marker, majority(train, marker)), 0, classes).summary());
    out.set("rules", TaggerMetrics.of(rules(test, marker, ruled), 0.5, classes).summary());
    log.accept(marker + " held-out rows: " + out.path("tagger").path("accuracy") + " accuracy, "
        + out.path("majority").path("accuracy") + " majority baseline");
  }

  /** Per-source folds; returns the threshold chosen on their predictions. */
  private double leaveOneSourceOut(List<EncodedRow> labelled, String marker, List<String> classes,
      Map<LabelledText, Map<String, String>> ruled, ObjectNode out) {
    Map<String, List<EncodedRow>> bySource = new TreeMap<>();
    labelled.forEach(r -> bySource.computeIfAbsent(r.row.source(), k -> new ArrayList<>()).add(r));
    Map<String, List<Scored>> scored = Collections.synchronizedMap(new TreeMap<>());
    Map<String, String> majorities = Collections.synchronizedMap(new HashMap<>());
    Map<String, List<EncodedRow>> tests = new TreeMap<>();
    bySource.forEach((source, rows) -> tests.put(source, sample(rows)));
    bySource.keySet().parallelStream().forEach(source -> {
      List<EncodedRow> train = labelled.stream().filter(r -> !r.row.source().equals(source)).toList();
      List<EncodedRow> test = tests.get(source);
      List<String> foldClasses = classes.stream()
          .filter(c -> train.stream().anyMatch(r -> c.equals(r.row.label(marker)))).toList();
      LinearTagger model = new SoftmaxTrainer(params).fit(train, marker, foldClasses);
      scored.put(source, score(model, test, marker));
      majorities.put(source, majority(train, marker));
      log.accept(marker + " leave-out " + source + ": " + test.size() + " rows scored");
    });
    double threshold = chooseThreshold(scored);
    ObjectNode perSource = out.putObject("per_source");
    double accuracy = 0;
    double coverage = 0;
    double majorityAccuracy = 0;
    double rulesAccuracy = 0;
    List<Scored> pooled = new ArrayList<>();
    for (String source : scored.keySet()) {
      List<Scored> s = scored.get(source);
      pooled.addAll(s);
      TaggerMetrics m = TaggerMetrics.of(s, threshold, classes);
      List<EncodedRow> test = tests.get(source);
      TaggerMetrics majority = TaggerMetrics.of(constant(test, marker, majorities.get(source)), 0, classes);
      TaggerMetrics rules = TaggerMetrics.of(rules(test, marker, ruled), 0.5, classes);
      ObjectNode n = m.summary();
      n.put("majority_accuracy", TaggerMetrics.round(majority.accuracy()));
      n.put("rules_accuracy", TaggerMetrics.round(rules.accuracy()));
      n.set("labels", counts(test, marker));
      n.set("predicted", JSON.valueToTree(predictedCounts(s, threshold)));
      perSource.set(source, n);
      accuracy += m.accuracy();
      coverage += m.coverage();
      majorityAccuracy += majority.accuracy();
      rulesAccuracy += rules.accuracy();
    }
    int n = scored.size();
    ObjectNode average = out.putObject("average_over_sources");
    average.put("sources", n);
    average.put("accuracy", TaggerMetrics.round(accuracy / n));
    average.put("coverage", TaggerMetrics.round(coverage / n));
    average.put("majority_accuracy", TaggerMetrics.round(majorityAccuracy / n));
    average.put("rules_accuracy", TaggerMetrics.round(rulesAccuracy / n));
    out.set("pooled", TaggerMetrics.of(pooled, threshold, classes).full());
    log.accept(marker + " leave-one-source-out: " + average);
    return threshold;
  }

  /** The highest threshold whose coverage, averaged over sources, stays at or above the minimum. */
  private double chooseThreshold(Map<String, List<Scored>> scored) {
    double best = 0;
    for (int step = 0; step <= 90; step++) {
      double t = step / 100.0;
      double coverage = 0;
      for (List<Scored> s : scored.values()) {
        coverage += s.stream().filter(x -> x.probability() >= t).count() / (double) s.size();
      }
      if (coverage / scored.size() >= params.minCoverage()) {
        best = t;
      }
    }
    return best;
  }

  private List<EncodedRow> sample(List<EncodedRow> rows) {
    if (rows.size() <= LOSO_TEST_ROWS) {
      return rows;
    }
    List<EncodedRow> sorted = new ArrayList<>(rows);
    sorted.sort(java.util.Comparator.comparingLong(r -> StableHash.of(r.row.group() + r.row.text(), params.seed() + 1)));
    return sorted.subList(0, LOSO_TEST_ROWS);
  }

  private static List<Scored> score(LinearTagger model, List<EncodedRow> rows, String marker) {
    List<Scored> out = new ArrayList<>(rows.size());
    for (EncodedRow r : rows) {
      var p = model.predict(r.row.text());
      out.add(new Scored(r.row.source(), r.row.label(marker), p.value(), p.probability()));
    }
    return out;
  }

  private static List<Scored> constant(List<EncodedRow> rows, String marker, String value) {
    return rows.stream().map(r -> new Scored(r.row.source(), r.row.label(marker), value, 1.0)).toList();
  }

  private static List<Scored> rules(List<EncodedRow> rows, String marker, Map<LabelledText, Map<String, String>> ruled) {
    return rows.stream().map(r -> {
      String v = ruled.get(r.row).get(marker);
      return new Scored(r.row.source(), r.row.label(marker), v == null ? "-" : v, v == null ? 0.0 : 1.0);
    }).toList();
  }

  private Map<LabelledText, Map<String, String>> ruleLabels(List<LabelledText> rows) {
    RuleAnnotator rules = new RuleAnnotator(AnnotationRules.loadDefault().rules());
    Map<LabelledText, Map<String, String>> out = new java.util.IdentityHashMap<>();
    for (LabelledText row : rows) {
      MarkerBuilder b = new MarkerBuilder(taxonomy);
      rules.annotate(RawExample.of(row.source(), row.text(), ""), b);
      Map<String, String> m = new HashMap<>();
      for (String marker : MARKERS) {
        if (b.get(marker) != null) {
          m.put(marker, b.get(marker));
        }
      }
      out.put(row, m);
    }
    return out;
  }

  private static String majority(List<EncodedRow> rows, String marker) {
    Map<String, Integer> counts = new HashMap<>();
    rows.forEach(r -> counts.merge(r.row.label(marker), 1, Integer::sum));
    return counts.entrySet().stream().max(Map.Entry.<String, Integer>comparingByValue()
        .thenComparing(Map.Entry.comparingByKey())).orElseThrow().getKey();
  }

  private static ObjectNode counts(List<EncodedRow> rows, String marker) {
    Map<String, Integer> counts = new TreeMap<>();
    rows.forEach(r -> counts.merge(r.row.label(marker), 1, Integer::sum));
    return JSON.valueToTree(counts);
  }

  private static Map<String, Integer> predictedCounts(List<Scored> scored, double threshold) {
    Map<String, Integer> counts = new TreeMap<>();
    scored.forEach(s -> counts.merge(s.probability() >= threshold ? s.predicted() : "-", 1, Integer::sum));
    return counts;
  }

  /** The model as it will be read back from its file (8-bit weights), so every figure is of what ships. */
  static LinearTagger quantized(LinearTagger model) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      TaggerFile.write(model, bytes);
      return TaggerFile.read(new ByteArrayInputStream(bytes.toByteArray()), model.marker() + " (in memory)");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
