package org.treasuremarkers.spark.stats;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.treasuremarkers.core.taxonomy.Taxonomy;

/**
 * The marker distribution of annotated examples: one row per (marker, value, dataset) with its count, for every
 * category of the taxonomy, including a row with a null value counting the examples that have no value.
 */
public final class MarkerStats {
  public static final String HEADER = "marker,value,dataset,count";

  private MarkerStats() {}

  /** Columns marker, value (null = no value), dataset, count; sorted by marker, dataset, count desc, value. */
  public static Dataset<Row> compute(Dataset<Row> examples, Taxonomy taxonomy, String markersCol, String datasetCol) {
    Column[] names = taxonomy.names().stream().map(n -> lit(n)).toArray(Column[]::new);
    return examples
        .select(col(datasetCol).as("dataset"), col(markersCol).as("m"), explode(array(names)).as("marker"))
        .select(col("marker"), col("m").apply(col("marker")).as("value"), col("dataset"))
        .groupBy("marker", "value", "dataset").count()
        .orderBy(col("marker"), col("dataset"), col("count").desc(), col("value").asc_nulls_first());
  }

  /** CSV text (with header); a no-value row has an empty value field. */
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

  static List<String> lines(String csv) {
    return new ArrayList<>(csv.lines().toList());
  }
}
