package org.treasuremarkers.core.testing;

import java.util.Map;
import java.util.TreeMap;

/** Counts of expected -> predicted labels ("none" when nothing was predicted), printed per expected class. */
public final class Confusion {
  public static final String NONE = "none";

  private final String title;
  private final Map<String, Map<String, Integer>> counts = new TreeMap<>();

  public Confusion(String title) {
    this.title = title;
  }

  public void add(String expected, String predicted) {
    counts.computeIfAbsent(expected, k -> new TreeMap<>()).merge(predicted == null ? NONE : predicted, 1, Integer::sum);
  }

  public int total() {
    return counts.values().stream().flatMap(m -> m.values().stream()).mapToInt(Integer::intValue).sum();
  }

  public int correct() {
    return counts.entrySet().stream().mapToInt(e -> e.getValue().getOrDefault(e.getKey(), 0)).sum();
  }

  public double accuracy() {
    return total() == 0 ? 0 : (double) correct() / total();
  }

  /** One line per expected class: accuracy and every prediction with its count. */
  public String summary() {
    StringBuilder out = new StringBuilder();
    out.append(String.format("%s: %d/%d correct = %.2f%%%n", title, correct(), total(), 100 * accuracy()));
    counts.forEach((expected, predicted) -> {
      int n = predicted.values().stream().mapToInt(Integer::intValue).sum();
      int ok = predicted.getOrDefault(expected, 0);
      out.append(String.format("  %-12s %4d/%-4d %6.2f%%  -> %s%n", expected, ok, n, 100.0 * ok / n, predicted));
    });
    return out.toString();
  }
}
