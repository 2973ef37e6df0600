package org.treasuremarkers.spark.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;

/**
 * Checks that {@link MarkerStats#counts()} equals annotate-job's {@code stats/markers.csv}
 * ({@code marker,value,dataset,count}), whatever spelling the CSV uses for "no value" (annotate-job writes an
 * empty field, which Spark's CSV reader returns as null).
 */
public final class MarkersCsvAgreement {
  private MarkersCsvAgreement() {}

  public static void assertAgrees(Path markersCsv, MarkerStats stats, String csvNoValue) {
    assertTrue(Files.isRegularFile(markersCsv), "missing " + markersCsv);
    Map<String, Long> fromCsv = new TreeMap<>();
    for (Row r : stats.examples().sparkSession().read().option("header", "true").option("inferSchema", "false")
        .csv(markersCsv.toString()).collectAsList()) {
      assertEquals("marker", r.schema().fieldNames()[0], "header of " + markersCsv);
      String value = r.getAs("value");
      value = value == null || value.equals(csvNoValue) ? MarkerStats.NO_VALUE : value;
      long count = Long.parseLong(r.<String>getAs("count"));
      if (count > 0) {
        fromCsv.merge(r.getAs("marker") + "|" + value + "|" + r.getAs("dataset"), count, Long::sum);
      }
    }
    Map<String, Long> fromStats = new TreeMap<>();
    for (Row r : stats.counts().collectAsList()) {
      fromStats.put(r.getString(0) + "|" + r.getString(1) + "|" + r.getString(2), r.getLong(3));
    }
    assertEquals(fromCsv, fromStats, "MarkerStats.counts() vs " + markersCsv);
  }
}
