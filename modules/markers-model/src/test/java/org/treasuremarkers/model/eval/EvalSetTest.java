package org.treasuremarkers.model.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.treasuremarkers.model.data.HeldOutSplit;
import org.treasuremarkers.model.data.StratifiedHoldOut;

/**
 * The stratified held-out split and the evaluation order on 3,000 synthetic rows: three common languages and
 * long-tail ones with 1, 2, 5 and 12 rows, which a 5% hash split alone would mostly miss.
 */
class EvalSetTest {
  private static final HeldOutSplit HASH = new HeldOutSplit(5, 7);
  private static final Map<String, Integer> TAIL = Map.of("Basque", 1, "Welsh", 2, "Icelandic", 5, "Maltese", 12);

  private static List<StratifiedHoldOut.Row> rows() {
    List<StratifiedHoldOut.Row> rows = new ArrayList<>();
    String[] common = {"English", "French", "Chinese"};
    for (int i = 0; i < 3000; i++) {
      rows.add(new StratifiedHoldOut.Row("c" + i, Map.of("lang", common[i % 3], "task", i % 2 == 0 ? "QA" : "Chat")));
    }
    TAIL.forEach((lang, n) -> {
      for (int i = 0; i < n; i++) {
        rows.add(new StratifiedHoldOut.Row(lang + i, Map.of("lang", lang, "task", "QA")));
      }
    });
    return rows;
  }

  @Test
  void everyValueWithTwoOrMoreRowsIsHeldOutButNeverMoreThanHalfOfIt() {
    List<StratifiedHoldOut.Row> rows = rows();
    Set<String> extra = StratifiedHoldOut.extraIds(rows, HASH, StratifiedHoldOut.CATEGORIES, 3);
    HeldOutSplit split = HASH.withAlsoHeldOut(extra);
    Map<String, Long> held = rows.stream().filter(r -> split.isHeldOut(r.id()))
        .collect(Collectors.groupingBy(r -> r.markers().get("lang"), Collectors.counting()));
    Map<String, Long> size = rows.stream()
        .collect(Collectors.groupingBy(r -> r.markers().get("lang"), Collectors.counting()));
    size.forEach((lang, n) -> {
      long want = Math.min(3, n / 2);
      long byHash = rows.stream().filter(r -> lang.equals(r.markers().get("lang")) && HASH.byHash(r.id())).count();
      long heldOut = held.getOrDefault(lang, 0L);
      assertTrue(heldOut >= want, lang + ": " + heldOut + " held out, want " + want);
      // Extra rows only up to the wanted number; the hash split's own rows always stay held out.
      assertEquals(Math.max(byHash, want), heldOut, lang);
    });
    assertTrue(held.get("English") > 30, "the hash split still holds out ~5%: " + held);
    // Stable: the same ids whatever the row order.
    List<StratifiedHoldOut.Row> shuffled = new ArrayList<>(rows);
    Collections.shuffle(shuffled, new Random(3));
    assertEquals(extra, StratifiedHoldOut.extraIds(shuffled, HASH, StratifiedHoldOut.CATEGORIES, 3));
    assertTrue(extra.size() < 20, "only rare values get extra rows: " + extra.size());
  }

  @Test
  void theEvaluationOrderCoversEveryHeldOutValueFirstAndReportsWhatIsMissing() {
    List<StratifiedHoldOut.Row> rows = rows();
    HeldOutSplit split = HASH.withAlsoHeldOut(StratifiedHoldOut.extraIds(rows, HASH, StratifiedHoldOut.CATEGORIES, 3));
    List<EvalExample> heldOut = new ArrayList<>();
    Map<String, Map<String, Long>> training = new TreeMap<>();
    for (StratifiedHoldOut.Row r : rows) {
      if (split.isHeldOut(r.id())) {
        heldOut.add(new EvalExample(r.id(), "p", "c", new TreeMap<>(r.markers()), new TreeMap<>(), "p", "t"));
      } else {
        r.markers().forEach((k, v) -> training.computeIfAbsent(k, x -> new TreeMap<>()).merge(v, 1L, Long::sum));
      }
    }
    List<EvalExample> ordered = EvalSet.order(heldOut, split, StratifiedHoldOut.CATEGORIES, 3);
    assertEquals(heldOut.size(), ordered.size());
    Set<String> firstLangs = ordered.subList(0, 9).stream().map(e -> e.markers().get("lang"))
        .collect(Collectors.toSet());
    Set<String> heldOutLangs = heldOut.stream().map(e -> e.markers().get("lang")).collect(Collectors.toSet());
    assertTrue(heldOutLangs.containsAll(Set.of("English", "French", "Chinese", "Welsh", "Icelandic", "Maltese")));
    // 7 langs and 2 tasks: the first 9 examples already have every held-out lang.
    assertEquals(heldOutLangs, firstLangs);
    // Coverage against a training count that has one value the set lacks.
    training.get("lang").put("Faroese", 4L);
    ObjectNode coverage = EvalSet.coverage(ordered.subList(0, 9), training);
    assertEquals(training.get("lang").size(), coverage.at("/lang/values_with_training_rows").asInt());
    assertTrue(coverage.at("/lang/missing").toString().contains("Faroese"), coverage.toString());
    assertFalse(coverage.at("/lang/missing").toString().contains("Maltese"), coverage.toString());
    // Deterministic.
    List<EvalExample> reversed = new ArrayList<>(heldOut);
    Collections.reverse(reversed);
    assertEquals(ordered, EvalSet.order(reversed, split, StratifiedHoldOut.CATEGORIES, 3));
  }
}
