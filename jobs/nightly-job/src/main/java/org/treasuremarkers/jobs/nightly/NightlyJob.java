package org.treasuremarkers.jobs.nightly;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.treasuremarkers.core.json.InvalidConfigException;
import org.treasuremarkers.model.train.SparkRounds;

/**
 * {@code nightly-job [--config FILE]} (default conf/nightly.json): a thin main over {@link NightlyRun}.
 * Exit codes: 0 the run finished (promoted, rejected, or nothing new; see the state folder's runs.jsonl),
 * 2 bad usage or configuration, {@value #EXIT_LOCKED} another run holds the lock (nothing was done; cron simply
 * tries again next night), 1 the run failed (the previous model stays current; the next run picks up).
 *
 * <p>Test hooks, from the environment: {@code TM_NIGHTLY_HOOK_DIR} (a file per step reached is created there) and
 * {@code TM_NIGHTLY_PAUSE_AT=STEP} (the run waits at that step until it is killed), used by the fault tests.
 */
public final class NightlyJob {
  public static final int EXIT_OK = 0;
  public static final int EXIT_FAILED = 1;
  public static final int EXIT_BAD_INPUT = 2;
  /** EX_TEMPFAIL of sysexits.h: try again later. */
  public static final int EXIT_LOCKED = 75;

  private NightlyJob() {}

  public static void main(String[] args) {
    System.exit(run(args, null, environmentHooks(), System.out, System.err));
  }

  /** Runs the job; {@code spark} may be null (a session is created, local[*] unless spark-submit set a master). */
  public static int run(String[] args, SparkSession spark, NightlyHooks hooks, PrintStream out, PrintStream err) {
    NightlyConfig config;
    try {
      Path file = Path.of("conf/nightly.json");
      if (args.length == 2 && args[0].equals("--config")) {
        file = Path.of(args[1]);
      } else if (args.length != 0) {
        err.println("nightly-job: usage: nightly-job [--config FILE]   (default conf/nightly.json)");
        return EXIT_BAD_INPUT;
      }
      if (!Files.isRegularFile(file)) {
        err.println("nightly-job: configuration " + file.toAbsolutePath() + " does not exist; give --config FILE");
        return EXIT_BAD_INPUT;
      }
      config = NightlyConfig.load(file);
    } catch (InvalidConfigException e) {
      err.println("nightly-job: " + e.getMessage());
      return EXIT_BAD_INPUT;
    }
    SparkSession session = spark != null ? spark : SparkSession.builder()
        .config(SparkRounds.configure(new SparkConf()))
        .appName("nightly-job")
        .master(System.getProperty("spark.master", "local[*]"))
        .getOrCreate();
    if (spark == null) {
      session.sparkContext().setLogLevel("WARN");
    }
    try {
      NightlyRun.Result result = NightlyRun.run(session, config, hooks);
      out.println("nightly-job: " + result.outcome().name().toLowerCase() + ": "
          + result.logLine().path("reason").asText("") + " (current model: "
          + result.logLine().path("current_after").asText(result.logLine().path("current_before").asText("none"))
          + "; log " + config.stateDir().resolve(RunLog.FILE) + ")");
      return EXIT_OK;
    } catch (NightlyLock.HeldException e) {
      err.println("nightly-job: " + e.getMessage());
      return EXIT_LOCKED;
    } catch (IllegalArgumentException e) { // InvalidConfigException included: a bad file or folder, named in the message
      err.println("nightly-job: " + e.getMessage());
      return EXIT_BAD_INPUT;
    } catch (RuntimeException e) {
      err.println("nightly-job: failed: " + e + "; the current model is unchanged, the next run resumes");
      e.printStackTrace(err);
      return EXIT_FAILED;
    } finally {
      if (spark == null) {
        session.stop();
      }
    }
  }

  static NightlyHooks environmentHooks() {
    String dir = System.getenv("TM_NIGHTLY_HOOK_DIR");
    String pauseAt = System.getenv("TM_NIGHTLY_PAUSE_AT");
    if (dir == null && pauseAt == null) {
      return NightlyHooks.NONE;
    }
    return step -> {
      try {
        if (dir != null) {
          Files.createDirectories(Path.of(dir));
          Files.writeString(Path.of(dir, step), ProcessHandle.current().pid() + "\n");
        }
        if (step.equals(pauseAt)) {
          Thread.sleep(Long.MAX_VALUE);
        }
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    };
  }
}
