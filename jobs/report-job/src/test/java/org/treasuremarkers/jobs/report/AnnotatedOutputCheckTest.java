package org.treasuremarkers.jobs.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.treasuremarkers.core.taxonomy.TaxonomyLoader;
import org.treasuremarkers.spark.TestSpark;
import org.treasuremarkers.spark.inspect.MarkerStats;
import org.treasuremarkers.spark.inspect.MarkersCsvAgreement;
import org.treasuremarkers.spark.run.AnnotateOptions;
import org.treasuremarkers.spark.run.AnnotateRun;
import org.treasuremarkers.spark.source.SourceFormat;
import org.treasuremarkers.spark.source.SourcesConfig;

/**
 * On real annotate-job output: MarkerStats agrees with its stats/markers.csv (where annotate-job writes "no value"
 * as an empty field), and the report renders in Chromium with every chart. By default the output of annotating
 * the bundled samples/demo-examples.jsonl here; {@code -Dtreasure.annotatedDir=DIR} checks an existing output
 * folder instead (e.g. a nightly run of the shared datasets):
 * {@code mvn -o test -pl jobs/report-job -am -Dtest=AnnotatedOutputCheckTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dtreasure.annotatedDir=/path/to/annotated}
 */
class AnnotatedOutputCheckTest {
  @TempDir
  Path tmp;

  @Test
  void markerStatsAgreeWithMarkersCsvAndTheReportRenders() {
    SparkSession spark = TestSpark.session();
    String dir = System.getProperty("treasure.annotatedDir", "");
    if (dir.isBlank()) {
      dir = annotateDemoSample(spark);
    }
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

  /** annotate-job's library call on the 237 demo examples (no classifier, to stay fast). */
  private String annotateDemoSample(SparkSession spark) {
    Path sample = Path.of(System.getProperty("treasure.projectDir", "../..")).resolve("samples/demo-examples.jsonl");
    String out = tmp.resolve("annotated").toString();
    SourcesConfig input = SourcesConfig.rawInput(List.of(sample.toString()), SourceFormat.JSONL, null, 1 << 20);
    AnnotateRun.run(spark, AnnotateOptions.of(input, out).withClassify(false));
    return out;
  }
}
