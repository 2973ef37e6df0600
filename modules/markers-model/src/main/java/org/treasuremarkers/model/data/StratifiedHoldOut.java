package org.treasuremarkers.model.data;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Extends a {@link HeldOutSplit} so that every marker value of the stratified categories (lang, task, domain) with
 * at least two examples has held-out examples: a 5% hash split leaves most values with under 20 examples unseen by
 * evaluation, and those long-tail values are what the markers are for. For a value with n examples it holds out
 * the lowest-ranked ones (by the split's own hash) until min(perValue, n / 2) are held out, so at least half of
 * each value stays in training. A value with a single example stays in training and is reported as not evaluated.
 */
public final class StratifiedHoldOut {
  public static final List<String> CATEGORIES = List.of("lang", "task", "domain");
  public static final int PER_VALUE = 3;

  /** An example's id and markers (only the stratified categories are read). */
  public record Row(String id, Map<String, String> markers) {}

  private StratifiedHoldOut() {}

  /** The ids to hold out on top of the hash split. */
  public static Set<String> extraIds(List<Row> rows, HeldOutSplit split, List<String> categories, int perValue) {
    Map<String, List<Row>> byValue = new TreeMap<>();
    for (Row r : rows) {
      for (String category : categories) {
        String value = r.markers().get(category);
        if (value != null) {
          byValue.computeIfAbsent(category + "=" + value, k -> new ArrayList<>()).add(r);
        }
      }
    }
    Set<String> extra = new TreeSet<>();
    Comparator<Row> order = Comparator.comparingDouble((Row r) -> split.rank(r.id())).thenComparing(Row::id);
    for (List<Row> members : byValue.values()) {
      int want = Math.min(perValue, members.size() / 2);
      long held = members.stream().filter(r -> split.byHash(r.id()) || extra.contains(r.id())).count();
      List<Row> sorted = new ArrayList<>(members);
      sorted.sort(order);
      for (Row r : sorted) {
        if (held >= want) {
          break;
        }
        if (!split.byHash(r.id()) && extra.add(r.id())) {
          held++;
        }
      }
    }
    return extra;
  }
}
