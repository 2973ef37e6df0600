package org.treasuremarkers.jobs.annotate;

import java.io.PrintStream;
import java.util.function.Supplier;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.treasuremarkers.core.json.InvalidConfigException;
import org.treasuremarkers.spark.run.AnnotateResult;
import org.treasuremarkers.spark.run.AnnotateRun;
import org.treasuremarkers.spark.run.OutputExistsException;
import org.treasuremarkers.spark.source.MissingInputException;

/**
 * spark-submit entry point: parses the command line, then runs {@link AnnotateRun}. Bad usage, a missing input,
 * an unreadable taxonomy or sources file and an existing output end with exit code 2 and one line saying what
 * to change; a failure of the run itself propagates (spark-submit then exits non-zero).
 */
public final class AnnotateJob {
  static final int USAGE_ERROR = 2;

  private AnnotateJob() {}

  public static void main(String[] args) {
    int code = execute(args, System.out, System.err, AnnotateJob::session);
    if (code != 0) {
      System.exit(code);
    }
  }

  /** Runs the job with a session from {@code sessions} (not stopped here); returns the exit code. */
  static int execute(String[] args, PrintStream out, PrintStream err, Supplier<SparkSession> sessions) {
    try {
      AnnotateJobArgs parsed = AnnotateJobArgs.parse(args);
      if (parsed.help()) {
        out.print(AnnotateJobArgs.USAGE);
        return 0;
      }
      AnnotateResult result = AnnotateRun.run(sessions.get(), parsed.toOptions());
      out.println("annotate-job: read " + result.total().read() + ", annotated " + result.total().annotated()
          + ", rejected " + result.total().rejected() + " " + result.total().rejectedByReason() + ", blank "
          + result.total().blank() + "; report: " + result.output() + "/report.json");
      return 0;
    } catch (UsageException e) {
      err.println("annotate-job: " + e.getMessage());
      err.print(AnnotateJobArgs.USAGE);
      return USAGE_ERROR;
    } catch (InvalidConfigException | MissingInputException | OutputExistsException e) {
      err.println("annotate-job: " + e.getMessage());
      return USAGE_ERROR;
    }
  }

  /** spark-submit sets the master; run directly (java -cp ...), the job uses every local core. */
  private static SparkSession session() {
    SparkSession.Builder builder = SparkSession.builder().appName("annotate-job");
    if (!new SparkConf().contains("spark.master")) {
      builder.master("local[*]");
    }
    return builder.getOrCreate();
  }
}
