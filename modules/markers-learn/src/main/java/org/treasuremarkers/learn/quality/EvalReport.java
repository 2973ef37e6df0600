package org.treasuremarkers.learn.quality;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * eval.json and the Markdown table of a {@link LeaveModelsOut} run: per fold and averaged over the folds (each
 * fold weighs the same), for the learned score, the heuristic and "longer wins", overall and on length-matched
 * pairs; plus the pooled figure over every test pair.
 */
final class EvalReport {
  private static final ObjectMapper JSON = new ObjectMapper();

  private EvalReport() {}

  static ObjectNode json(List<LeaveModelsOut.Fold> folds, List<LeaveModelsOut.Fold> seenInstructions) {
    ObjectNode root = JSON.createObjectNode();
    root.put("protocol", "leave-models-out: generators shuffled (seed) into " + folds.size() + " folds; instructions"
        + " hashed into as many; each test pair scored by a model trained on other generators and other instructions;"
        + " agreement = share of pairs where the scorer ranks the judge's winner higher (a tie counts 0.5);"
        + " length-matched = shorter answer has >= " + LeaveModelsOut.LENGTH_MATCH + " of the longer one's words");
    var list = root.putArray("folds");
    for (LeaveModelsOut.Fold f : folds) {
      ObjectNode n = list.addObject();
      f.testGenerators().forEach(n.putArray("test_generators")::add);
      n.put("pairs", f.model().pairs());
      n.put("length_matched_pairs", f.model().lengthMatchedPairs());
      n.set("learned", figures(f.model().overall(), f.model().lengthMatched()));
      n.set("heuristic", figures(f.heuristic().overall(), f.heuristic().lengthMatched()));
      n.set("longer_wins", figures(f.longer().overall(), f.longer().lengthMatched()));
    }
    root.set("mean_over_folds", means(folds));
    ObjectNode pooled = root.putObject("pooled");
    pooled.put("pairs", folds.stream().mapToLong(f -> f.model().pairs()).sum());
    pooled.put("length_matched_pairs", folds.stream().mapToLong(f -> f.model().lengthMatchedPairs()).sum());
    ObjectNode check = root.putObject("without_instruction_split");
    check.put("what", "the same folds, but a test generator's pairs scored by a model trained on all instructions"
        + " (their davinci-003 answers seen in training): the gap to mean_over_folds is what the split guards against");
    check.set("mean_over_folds", means(seenInstructions).get("learned"));
    return root;
  }

  private static ObjectNode means(List<LeaveModelsOut.Fold> folds) {
    ObjectNode n = JSON.createObjectNode();
    n.set("learned", mean(folds, LeaveModelsOut.Fold::model));
    n.set("heuristic", mean(folds, LeaveModelsOut.Fold::heuristic));
    n.set("longer_wins", mean(folds, LeaveModelsOut.Fold::longer));
    return n;
  }

  private static ObjectNode mean(List<LeaveModelsOut.Fold> folds, Function<LeaveModelsOut.Fold, Agreement> scorer) {
    return figures(folds.stream().mapToDouble(f -> scorer.apply(f).overall()).average().orElse(Double.NaN),
        folds.stream().mapToDouble(f -> scorer.apply(f).lengthMatched()).average().orElse(Double.NaN));
  }

  private static ObjectNode figures(double overall, double lengthMatched) {
    ObjectNode n = JSON.createObjectNode();
    n.put("overall", round(overall));
    n.put("length_matched", round(lengthMatched));
    return n;
  }

  static double round(double v) {
    return Math.round(v * 1000) / 1000.0;
  }

  /** The table of README.md: one row per fold and the mean; cells are "overall / length-matched". */
  static String table(List<LeaveModelsOut.Fold> folds) {
    StringBuilder t = new StringBuilder(
        "| test generators | pairs (length-matched) | learned | heuristic | longer wins |\n|---|---|---|---|---|\n");
    for (LeaveModelsOut.Fold f : folds) {
      t.append("| ").append(String.join(", ", f.testGenerators())).append(" | ").append(f.model().pairs())
          .append(" (").append(f.model().lengthMatchedPairs()).append(") | ").append(cell(f.model())).append(" | ")
          .append(cell(f.heuristic())).append(" | ").append(cell(f.longer())).append(" |\n");
    }
    ObjectNode m = means(folds);
    t.append("| **mean of the folds** | ").append(folds.stream().mapToLong(f -> f.model().pairs()).sum()).append(" (")
        .append(folds.stream().mapToLong(f -> f.model().lengthMatchedPairs()).sum()).append(") | ");
    for (String scorer : List.of("learned", "heuristic", "longer_wins")) {
      t.append("**").append(format(m.at("/" + scorer + "/overall").asDouble())).append(" / ")
          .append(format(m.at("/" + scorer + "/length_matched").asDouble())).append("** | ");
    }
    return t.toString().stripTrailing() + "\n";
  }

  private static String cell(Agreement a) {
    return format(a.overall()) + " / " + format(a.lengthMatched());
  }

  private static String format(double v) {
    return String.format(Locale.ROOT, "%.3f", v);
  }
}
