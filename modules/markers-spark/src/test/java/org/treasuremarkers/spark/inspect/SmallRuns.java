package org.treasuremarkers.spark.inspect;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;

/** Hand-written annotated rows, small enough that a test states its expected counts literally. */
final class SmallRuns {
  private SmallRuns() {}

  /** Rows "id dataset key=value,key=value" with every origin "rule". */
  static Dataset<Row> rows(SparkSession spark, String... lines) {
    List<Row> rows = new ArrayList<>();
    for (String line : lines) {
      String[] parts = line.split(" ", 3);
      Map<String, String> markers = new LinkedHashMap<>();
      Map<String, String> origins = new LinkedHashMap<>();
      if (parts.length == 3) {
        for (String kv : parts[2].split(",")) {
          String[] pair = kv.split("=", 2);
          markers.put(pair[0], pair[1]);
          origins.put(pair[0], "rule");
        }
      }
      rows.add(RowFactory.create(parts[0], parts[1], "p", "c", markers, origins));
    }
    return spark.createDataFrame(rows, SyntheticRun.annotatedSchema());
  }
}
