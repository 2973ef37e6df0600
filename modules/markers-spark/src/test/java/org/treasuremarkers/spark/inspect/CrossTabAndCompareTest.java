package org.treasuremarkers.spark.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.treasuremarkers.core.taxonomy.Taxonomy;
import org.treasuremarkers.core.taxonomy.TaxonomyLoader;
import org.treasuremarkers.spark.TestSpark;

/** Cross-tabs and run comparisons on a handful of hand-written rows with literal expected results. */
class CrossTabAndCompareTest {
  private static final Taxonomy TAXONOMY = TaxonomyLoader.loadDefault();
  private final SparkSession spark = TestSpark.session();

  private final MarkerStats night1 = MarkerStats.of(SmallRuns.rows(spark,
      "a d1 lang=English,task=Translation",
      "b d1 lang=English,task=Translation",
      "c d1 lang=French,task=Translation",
      "d d2 lang=French,task=Summarization",
      "e d2 task=Summarization",
      "f d2 lang=Telugu"), TAXONOMY);

  @Test
  void crossTabCountsPairsInTaxonomyOrderWithNoValueLast() {
    List<String> rows = night1.crossTab("lang", "task").collectAsList().stream()
        .map(r -> r.getString(0) + "/" + r.getString(1) + "=" + r.getLong(2) + "@" + Math.round(r.getDouble(3) * 600))
        .toList();
    // shares are of all 6 rows (x600 so they print as whole numbers)
    assertEquals(List.of(
        "English/Translation=2@200",
        "French/Translation=1@100",
        "French/Summarization=1@100",
        "Telugu/(none)=1@100",
        "(none)/Summarization=1@100"), rows);
    assertThrows(IllegalArgumentException.class, () -> night1.crossTab("lang", "lang"));
  }

  @Test
  void compareShowsCountMovesAndTheRowsThatChanged() {
    MarkerStats night2 = MarkerStats.of(SmallRuns.rows(spark,
        "b d1 lang=English,task=Translation",          // a dropped
        "c d1 lang=Italian,task=Translation",          // French -> Italian
        "d d2 lang=French,task=Summarization",
        "e d2 lang=Telugu,task=Summarization",         // lang gained
        "f d2 lang=Telugu",
        "g d2 lang=Telugu,task=Summarization"), TAXONOMY); // added
    RunComparison diff = MarkerStats.compare(night1, night2);

    List<String> lang = diff.counts().where("marker = 'lang'").collectAsList().stream()
        .map(r -> r.getString(1) + " " + r.getLong(2) + "->" + r.getLong(3) + " (" + r.getLong(6) + ")")
        .toList();
    // ordered by |share move|: Telugu 1/6 -> 3/6, English 2/6 -> 1/6 and (none) 1/6 -> 0 tie (then by value), ...
    assertEquals(List.of("Telugu 1->3 (2)", "(none) 1->0 (-1)", "English 2->1 (-1)", "French 2->1 (-1)",
        "Italian 0->1 (1)"), lang);
    Row telugu = diff.counts().where("marker = 'lang' AND value = 'Telugu'").first();
    assertEquals(1 / 6.0, telugu.getDouble(4), 1e-12);
    assertEquals(3 / 6.0, telugu.getDouble(5), 1e-12);
    assertEquals(2 / 6.0, telugu.getDouble(7), 1e-12);

    List<String> changed = diff.changedRows().collectAsList().stream()
        .map(r -> r.getString(0) + " " + r.getString(2) + " " + r.getString(3) + "->" + r.getString(4)).toList();
    assertEquals(List.of("c lang French->Italian", "e lang (none)->Telugu"), changed);
    assertEquals(List.of("lang 2"), diff.changedByMarker().collectAsList().stream()
        .map(r -> r.getString(0) + " " + r.getLong(1)).toList());
    assertEquals(1, diff.rowsOnlyBefore());
    assertEquals(1, diff.rowsOnlyAfter());
  }
}
