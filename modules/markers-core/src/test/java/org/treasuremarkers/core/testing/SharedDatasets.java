package org.treasuremarkers.core.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Locates {@code ../shared/datasets} for tests. A fresh clone has no such folder: tests that need it are
 * skipped with a message, except under CI ({@code CI=true}), where its absence is a failure.
 */
public final class SharedDatasets {
  private SharedDatasets() {}

  /** The datasets folder, or a skipped (or, under CI, failed) test. */
  public static Path require() {
    Path dir = Path.of(System.getProperty("treasure.sharedDatasets",
        Path.of(System.getProperty("treasure.projectDir", ".")).resolve("../shared/datasets").toString()))
        .toAbsolutePath().normalize();
    boolean present = Files.isRegularFile(dir.resolve("SHA256SUMS"));
    if (!present && "true".equalsIgnoreCase(System.getenv("CI"))) {
      fail("CI=true but the shared datasets are missing at " + dir
          + "; CI must run with ../shared/datasets next to the clone");
    }
    assumeTrue(present, "skipped: shared datasets not found at " + dir
        + " (a fresh clone has none; put ../shared/datasets next to the project to run this test)");
    return dir;
  }
}
