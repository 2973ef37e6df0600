package org.treasuremarkers.jobs.report;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * {@code report --annotated DIR [--prepared DIR2] --output REPORT_DIR}: writes REPORT_DIR/index.html with a
 * PNG chart per marker category, the long tail, coverage and (with --prepared) the dropout effect, and the CSV
 * behind each chart. Parses options and calls {@link MarkerReport#write}; run it with spark-submit, or with
 * {@code java -cp} (then it runs on {@code local[*]}).
 */
public final class ReportJob {
  private ReportJob() {}

  public static void main(String[] args) {
    ReportOptions options;
    try {
      options = ReportOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("report: " + e.getMessage());
      System.exit(2);
      return;
    }
    SparkSession.Builder builder = SparkSession.builder().appName("treasure-markers report");
    if (!new SparkConf().contains("spark.master")) {
      builder.master("local[*]").config("spark.ui.enabled", "false");
    }
    SparkSession spark = builder.getOrCreate();
    spark.sparkContext().setLogLevel("WARN"); // Spark's INFO lines would bury the one summary line
    try {
      MarkerReport.Summary summary = MarkerReport.write(spark, options);
      System.out.println("report: " + summary.rows() + " rows, " + summary.figures() + " charts -> "
          + summary.index().toAbsolutePath());
    } catch (IllegalArgumentException | IllegalStateException e) {
      System.err.println("report: " + e.getMessage());
      spark.stop();
      System.exit(1);
    }
    spark.stop();
  }
}
