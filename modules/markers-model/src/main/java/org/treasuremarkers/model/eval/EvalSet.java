package org.treasuremarkers.model.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.treasuremarkers.model.data.HeldOutSplit;

/**
 * The evaluation set: held-out examples (never trained on, by {@link HeldOutSplit}) in a stable order that covers
 * every stratified marker value early, so that the first few hundred examples, the ones generation is run for,
 * include each lang, task and domain value the held-out split has: round robin over the values, each value's
 * lowest-ranked example (the split's own hash), then each one's second, up to {@code perValue}; then every other
 * example by rank.
 */
public final class EvalSet {
  private EvalSet() {}

  public static List<EvalExample> order(List<EvalExample> heldOut, HeldOutSplit split, List<String> categories,
      int perValue) {
    Comparator<EvalExample> byRank = Comparator.comparingDouble((EvalExample e) -> split.rank(e.id()))
        .thenComparing(EvalExample::id);
    List<EvalExample> ranked = new ArrayList<>(heldOut);
    ranked.sort(byRank);
    Map<String, List<EvalExample>> byValue = new TreeMap<>();
    for (EvalExample e : ranked) {
      for (String category : categories) {
        String value = e.markers().get(category);
        if (value != null) {
          byValue.computeIfAbsent(category + "=" + value, k -> new ArrayList<>()).add(e);
        }
      }
    }
    // Round robin over the values: every value's first example, then every value's second, ...
    LinkedHashSet<EvalExample> first = new LinkedHashSet<>();
    for (int round = 0; round < perValue; round++) {
      for (List<EvalExample> members : byValue.values()) {
        if (round < members.size()) {
          first.add(members.get(round));
        }
      }
    }
    List<EvalExample> out = new ArrayList<>(first);
    for (EvalExample e : ranked) {
      if (!first.contains(e)) {
        out.add(e);
      }
    }
    return out;
  }

  /**
   * Per category: training rows, values with training rows, values present in the set, and the values with
   * training rows that the set lacks (a value with a single example has nothing to hold out).
   */
  public static ObjectNode coverage(List<EvalExample> set, Map<String, Map<String, Long>> trainingCounts) {
    ObjectNode out = new ObjectMapper().createObjectNode();
    out.put("examples", set.size());
    trainingCounts.forEach((category, counts) -> {
      Set<String> present = new TreeSet<>();
      for (EvalExample e : set) {
        String v = e.markers().get(category);
        if (v != null) {
          present.add(v);
        }
      }
      ObjectNode c = out.putObject(category);
      c.put("values_with_training_rows", counts.size());
      c.put("values_in_eval_set", present.size());
      var missing = c.putArray("missing");
      counts.keySet().stream().filter(v -> !present.contains(v)).forEach(missing::add);
    });
    return out;
  }
}
