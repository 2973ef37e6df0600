package org.treasuremarkers.spark.progress;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import org.treasuremarkers.core.progress.ProgressLine;
import org.treasuremarkers.spark.TestSpark;

class SparkStageProgressTest {

  @Test
  void showsTheTasksOfARunningStageAndTheirEnd() {
    List<String> lines = new CopyOnWriteArrayList<>();
    var spark = TestSpark.session();
    try (SparkStageProgress progress = SparkStageProgress.watch(spark, "test", Duration.ofMillis(50), Duration.ZERO,
        (stage, tasks) -> new ProgressLine(stage, tasks, "tasks", Duration.ZERO, System::nanoTime, lines::add, false))) {
      long n = JavaSparkContext.fromSparkContext(spark.sparkContext())
          .parallelize(List.of(1, 2, 3, 4, 5, 6, 7, 8), 8)
          .map(i -> {
            Thread.sleep(150); // long enough for the poller to see the stage running
            return i;
          })
          .count();
      assertTrue(n == 8);
    }
    assertFalse(lines.isEmpty(), "no progress line was printed");
    assertTrue(lines.stream().allMatch(l -> l.startsWith("test stage ") && !l.contains("\r")), lines.toString());
    assertTrue(lines.stream().anyMatch(l -> l.contains("/8 tasks")), lines.toString());
    assertTrue(lines.get(lines.size() - 1).contains("8/8 tasks (100.0%)"), lines.toString());
  }

  @Test
  void shortStagesPrintNothing() {
    List<String> lines = new CopyOnWriteArrayList<>();
    var spark = TestSpark.session();
    try (SparkStageProgress progress = SparkStageProgress.watch(spark, "test", Duration.ofMillis(50),
        Duration.ofSeconds(30),
        (stage, tasks) -> new ProgressLine(stage, tasks, "tasks", Duration.ZERO, System::nanoTime, lines::add, false))) {
      JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(List.of(1, 2, 3), 3).count();
    }
    assertTrue(lines.isEmpty(), lines.toString());
  }
}
