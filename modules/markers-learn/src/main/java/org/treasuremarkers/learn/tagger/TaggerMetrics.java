package org.treasuremarkers.learn.tagger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Figures of a set of {@link Scored} rows at a threshold: accuracy (right among all rows: abstaining counts as
 * wrong), precision (right among tagged rows), coverage, per-class precision/recall/F1, macro-F1 and the confusion
 * matrix (truth -> predicted -> rows, "-" when the tagger abstained).
 */
record TaggerMetrics(int rows, int tagged, int right, double macroF1, Map<String, ObjectNode> perClass,
    Map<String, Map<String, Integer>> confusion) {

  private static final ObjectMapper JSON = new ObjectMapper();

  static TaggerMetrics of(List<Scored> scored, double threshold, List<String> classes) {
    Map<String, Map<String, Integer>> confusion = new TreeMap<>();
    int tagged = 0;
    int right = 0;
    for (Scored s : scored) {
      boolean tag = s.probability() >= threshold;
      String predicted = tag ? s.predicted() : "-";
      confusion.computeIfAbsent(s.truth(), k -> new TreeMap<>()).merge(predicted, 1, Integer::sum);
      if (tag) {
        tagged++;
        if (s.predicted().equals(s.truth())) {
          right++;
        }
      }
    }
    Map<String, ObjectNode> perClass = new TreeMap<>();
    double f1Sum = 0;
    int f1Classes = 0;
    for (String c : classes) {
      int tp = confusion.getOrDefault(c, Map.of()).getOrDefault(c, 0);
      int truth = confusion.getOrDefault(c, Map.of()).values().stream().mapToInt(Integer::intValue).sum();
      int predicted = confusion.values().stream().mapToInt(m -> m.getOrDefault(c, 0)).sum();
      if (truth == 0 && predicted == 0) {
        continue;
      }
      double p = predicted == 0 ? 0 : (double) tp / predicted;
      double r = truth == 0 ? 0 : (double) tp / truth;
      double f1 = p + r == 0 ? 0 : 2 * p * r / (p + r);
      ObjectNode n = JSON.createObjectNode();
      n.put("rows", truth);
      n.put("predicted", predicted);
      n.put("precision", round(p));
      n.put("recall", round(r));
      n.put("f1", round(f1));
      perClass.put(c, n);
      if (truth > 0) {
        f1Sum += f1;
        f1Classes++;
      }
    }
    return new TaggerMetrics(scored.size(), tagged, right, f1Classes == 0 ? 0 : f1Sum / f1Classes, perClass,
        confusion);
  }

  double accuracy() {
    return rows == 0 ? 0 : (double) right / rows;
  }

  double precision() {
    return tagged == 0 ? 0 : (double) right / tagged;
  }

  double coverage() {
    return rows == 0 ? 0 : (double) tagged / rows;
  }

  ObjectNode summary() {
    ObjectNode n = JSON.createObjectNode();
    n.put("rows", rows);
    n.put("accuracy", round(accuracy()));
    n.put("precision", round(precision()));
    n.put("coverage", round(coverage()));
    n.put("macro_f1", round(macroF1));
    return n;
  }

  ObjectNode full() {
    ObjectNode n = summary();
    ObjectNode classesNode = n.putObject("per_class");
    perClass.forEach(classesNode::set);
    n.set("confusion", JSON.valueToTree(confusion));
    return n;
  }

  static double round(double v) {
    return Math.round(v * 10000) / 10000.0;
  }
}
