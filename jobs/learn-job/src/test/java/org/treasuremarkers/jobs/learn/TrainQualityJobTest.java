package org.treasuremarkers.jobs.learn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainQualityJobTest {

  private static String run(int expectedExit, String... args) {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit = TrainQualityJob.run(args, new PrintStream(new ByteArrayOutputStream()),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(expectedExit, exit);
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void badUsageAndAMissingDatasetsFolderExitWithTwo(@TempDir Path dir) {
    assertTrue(run(2, "--bogus").contains(TrainQualityJob.USAGE));
    assertTrue(run(2, "--l2").contains("needs a value"));
    assertTrue(run(2, "--l2", "much").contains(TrainQualityJob.USAGE));
    String missing = run(2, "--datasets", dir.toString(), "--output", dir.resolve("out").toString());
    assertTrue(missing.contains("alpacaeval-prefs"), missing);
  }
}
