package org.treasuremarkers.jobs.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.treasuremarkers.core.taxonomy.TaxonomyLoader;
import org.treasuremarkers.spark.TestSpark;
import org.treasuremarkers.spark.inspect.MarkerStats;
import org.treasuremarkers.spark.inspect.MarkersCsvAgreement;

/**
 * Checks a real annotate-job output folder, given with {@code -Dtreasure.annotatedDir=DIR} (skipped without):
 * MarkerStats agrees with its stats/markers.csv (where annotate-job writes "no value" as an empty field), and its
 * report renders in Chromium with every chart. For example:
 * {@code mvn -o test -pl jobs/report-job -am -Dtest=AnnotatedOutputCheckTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dtreasure.annotatedDir=/tmp/annotated}
 */
class AnnotatedOutputCheckTest {
  @TempDir
  Path tmp;

  @Test
  void markerStatsAgreeWithMarkersCsvAndTheReportRenders() {
    String dir = System.getProperty("treasure.annotatedDir", "");
    assumeTrue(!dir.isBlank(), "skipped: no -Dtreasure.annotatedDir=DIR (an annotate-job output folder) given");
    SparkSession spark = TestSpark.session();
    MarkerStats stats = MarkerStats.read(spark, dir, TaxonomyLoader.loadDefault());
    MarkersCsvAgreement.assertAgrees(Path.of(dir, "stats", "markers.csv"), stats, "");
    assertTrue(stats.unknownMarkers().collectAsList().isEmpty(), "markers outside the taxonomy");

    Path report = tmp.resolve("report");
    MarkerReport.Summary summary = MarkerReport.write(spark,
        ReportOptions.parse("--annotated", dir, "--output", report.toString()));
    assertEquals(stats.rows(), summary.rows());
    String dom = HeadlessChromium.require(tmp.resolve("chromium-profile")).dumpDom(summary.index());
    Matcher loaded = Pattern.compile("data-images-loaded=\"(\\d+)/(\\d+)\"").matcher(dom);
    assertTrue(loaded.find(), "the page's load script did not run");
    assertEquals(summary.figures(), Integer.parseInt(loaded.group(1)), "charts Chromium decoded");
    assertEquals(summary.figures(), Integer.parseInt(loaded.group(2)), "charts on the page");
  }
}
