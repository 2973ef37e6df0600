package org.treasuremarkers.spark.inspect;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import scala.collection.JavaConverters;

/**
 * What moved between two annotated runs (two nights): per marker and value the counts and shares before and
 * after, and the rows, matched by {@code id}, whose value for a marker changed. Built by
 * {@link MarkerStats#compare(MarkerStats, MarkerStats)}.
 */
public final class RunComparison {
  private final MarkerStats before;
  private final MarkerStats after;

  RunComparison(MarkerStats before, MarkerStats after) {
    if (!before.taxonomy().names().equals(after.taxonomy().names())) {
      throw new IllegalArgumentException("the two runs use taxonomies with different categories ("
          + before.taxonomy().names() + " vs " + after.taxonomy().names() + "); compare runs of one taxonomy");
    }
    this.before = before;
    this.after = after;
  }

  /**
   * {@code marker, value, count_before, count_after, share_before, share_after, delta_count, delta_share}
   * over all rows of each run (values present in only one run count 0 in the other), biggest share move first.
   */
  public Dataset<Row> counts() {
    Dataset<Row> b = overall(before).withColumnRenamed("count", "count_before").withColumnRenamed("share", "share_before");
    Dataset<Row> a = overall(after).withColumnRenamed("count", "count_after").withColumnRenamed("share", "share_after");
    Dataset<Row> joined = b.join(a, seq("marker", "value"), "full_outer")
        .withColumn("count_before", coalesce(col("count_before"), lit(0L)))
        .withColumn("count_after", coalesce(col("count_after"), lit(0L)))
        .withColumn("share_before", coalesce(col("share_before"), lit(0.0)))
        .withColumn("share_after", coalesce(col("share_after"), lit(0.0)))
        .withColumn("delta_count", col("count_after").minus(col("count_before")))
        .withColumn("delta_share", col("share_after").minus(col("share_before")));
    return joined.select("marker", "value", "count_before", "count_after", "share_before", "share_after",
            "delta_count", "delta_share")
        .orderBy(abs(col("delta_share")).desc(), col("marker"), col("value"));
  }

  /**
   * Rows present in both runs whose value for a marker changed: {@code id, dataset, marker, value_before,
   * value_after} ({@link MarkerStats#NO_VALUE} where a run has no value).
   */
  public Dataset<Row> changedRows() {
    Dataset<Row> b = before.markerValues().select(col("id"), col("dataset"), col("marker"), col("value").as("value_before"));
    Dataset<Row> a = after.markerValues().select(col("id"), col("marker"), col("value").as("value_after"));
    return b.join(a, seq("id", "marker"))
        .where(col("value_before").notEqual(col("value_after")))
        .select("id", "dataset", "marker", "value_before", "value_after")
        .orderBy("id", "marker");
  }

  /** Per marker, how many rows present in both runs changed value: {@code marker, changed}. */
  public Dataset<Row> changedByMarker() {
    return changedRows().groupBy("marker").agg(count(lit(1)).as("changed")).orderBy("marker");
  }

  /** Ids in the earlier run only (rows dropped since). */
  public long rowsOnlyBefore() {
    return before.examples().select("id").except(after.examples().select("id")).count();
  }

  /** Ids in the later run only (rows added since). */
  public long rowsOnlyAfter() {
    return after.examples().select("id").except(before.examples().select("id")).count();
  }

  private static Dataset<Row> overall(MarkerStats stats) {
    Dataset<Row> counts = stats.markerValues().groupBy("marker", "value").agg(count(lit(1)).as("count"));
    return MarkerStats.withShare(counts, "marker");
  }

  private static scala.collection.Seq<String> seq(String... names) {
    return JavaConverters.asScalaBuffer(List.of(names)).toSeq();
  }
}
