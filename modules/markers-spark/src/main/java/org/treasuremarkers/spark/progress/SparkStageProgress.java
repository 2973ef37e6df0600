package org.treasuremarkers.spark.progress;

import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import org.apache.spark.SparkStageInfo;
import org.apache.spark.SparkStatusTracker;
import org.apache.spark.sql.SparkSession;
import org.treasuremarkers.core.progress.ProgressLine;

/**
 * Progress of a Spark job on the driver: polls Spark's status tracker and keeps one {@link ProgressLine} per
 * running stage ({@code annotate stage 3: 12/40 tasks (30.0%) | 0.5 tasks/s | ETA 56s | elapsed 24s}), finished
 * when the stage ends. Tasks are the unit because they are what Spark knows the total of before a stage ends.
 * Stages shorter than {@code quiet} print nothing, so the many short stages of a job do not flood the log.
 * Close it when the job is done.
 */
public final class SparkStageProgress implements AutoCloseable {
  private final SparkStatusTracker tracker;
  private final String label;
  private final BiFunction<String, Long, ProgressLine> lines;
  private final Map<Integer, ProgressLine> running = new HashMap<>();
  private final Map<Integer, Long> firstSeen = new HashMap<>();
  private final long quietNanos;
  private final ScheduledExecutorService poller;

  private SparkStageProgress(SparkSession spark, String label, Duration pollEvery, Duration quiet,
      BiFunction<String, Long, ProgressLine> lines) {
    this.quietNanos = quiet.toNanos();
    this.tracker = spark.sparkContext().statusTracker();
    this.label = label;
    this.lines = lines;
    this.poller = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "progress-" + label);
      t.setDaemon(true);
      return t;
    });
    poller.scheduleWithFixedDelay(this::poll, pollEvery.toMillis(), pollEvery.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Progress lines on stdout (one plain line every 10 s in a log, redrawn in place on a terminal). */
  public static SparkStageProgress toStdout(SparkSession spark, String label) {
    return watch(spark, label, Duration.ofSeconds(1), Duration.ofSeconds(5),
        (stage, tasks) -> ProgressLine.toStdout(stage, tasks, "tasks"));
  }

  /**
   * @param quiet a stage gets a line once it has run this long
   * @param lines makes the line of one stage from its name and its number of tasks
   */
  public static SparkStageProgress watch(SparkSession spark, String label, Duration pollEvery, Duration quiet,
      BiFunction<String, Long, ProgressLine> lines) {
    return new SparkStageProgress(spark, label, pollEvery, quiet, lines);
  }

  private synchronized void poll() {
    Map<Integer, SparkStageInfo> active = new HashMap<>();
    for (int id : tracker.getActiveStageIds()) {
      SparkStageInfo info = tracker.getStageInfo(id).getOrElse(() -> null);
      if (info != null) {
        active.put(id, info);
      }
    }
    long now = System.nanoTime();
    firstSeen.keySet().retainAll(active.keySet());
    for (Iterator<Map.Entry<Integer, ProgressLine>> it = running.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<Integer, ProgressLine> e = it.next();
      if (!active.containsKey(e.getKey())) {
        finishStage(e.getKey(), e.getValue());
        it.remove();
      }
    }
    active.forEach((id, info) -> {
      if (running.containsKey(id) || now - firstSeen.computeIfAbsent(id, k -> now) >= quietNanos) {
        running.computeIfAbsent(id, k -> lines.apply(label + " stage " + id, (long) info.numTasks()))
            .update(info.numCompletedTasks());
      }
    });
  }

  private void finishStage(int id, ProgressLine line) {
    // an ended stage's info may already be gone: then its last polled count stands
    tracker.getStageInfo(id).foreach(info -> {
      line.update(info.numCompletedTasks());
      return null;
    });
    line.finish();
  }

  /**
   * Stops polling and prints the final line of every stage still shown. The status tracker learns of a stage's
   * end through Spark's listener bus, a little after the action returned: wait a moment for that first.
   */
  @Override
  public void close() {
    poller.shutdownNow();
    long deadline = System.nanoTime() + SETTLE.toNanos();
    while (System.nanoTime() < deadline) {
      poll();
      synchronized (this) {
        if (running.isEmpty()) {
          break;
        }
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    synchronized (this) {
      running.forEach(this::finishStage);
      running.clear();
    }
  }

  private static final Duration SETTLE = Duration.ofSeconds(2);
}
