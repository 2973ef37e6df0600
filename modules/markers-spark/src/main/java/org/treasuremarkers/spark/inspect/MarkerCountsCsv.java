package org.treasuremarkers.spark.inspect;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * annotate-job's {@code stats/markers.csv} and {@code stats/markers.parquet}: {@link MarkerStats#counts()} with
 * "no value" as an empty CSV field (a null in Parquet), the spelling spreadsheets and {@code pandas.read_csv}
 * understand without being told.
 */
public final class MarkerCountsCsv {
  public static final String HEADER = "marker,value,dataset,count";

  private MarkerCountsCsv() {}

  /** Columns marker, value (null = no value), dataset, count; in the order of {@link MarkerStats#counts()}. */
  public static Dataset<Row> table(MarkerStats stats) {
    Dataset<Row> counts = stats.counts();
    return counts.withColumn("value", when(col("value").equalTo(lit(MarkerStats.NO_VALUE)), lit(null))
        .otherwise(col("value")));
  }

  /** CSV text with the header, from rows of {@link #table}. */
  public static String csv(List<Row> rows) {
    StringBuilder out = new StringBuilder(HEADER).append('\n');
    for (Row r : rows) {
      out.append(cell(r.getString(0))).append(',').append(cell(r.isNullAt(1) ? "" : r.getString(1))).append(',')
          .append(cell(r.getString(2))).append(',').append(r.getLong(3)).append('\n');
    }
    return out.toString();
  }

  private static String cell(String s) {
    if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
      return s;
    }
    return '"' + s.replace("\"", "\"\"") + '"';
  }
}
