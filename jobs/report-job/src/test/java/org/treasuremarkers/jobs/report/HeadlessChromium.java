package org.treasuremarkers.jobs.report;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's {@code chromium} run headless on a local page: no network, no profile left behind. Tests skip
 * without it, except under CI ({@code CI=true}), where its absence fails: CI installs it with
 * {@code apt-get update && apt-get install -y chromium}.
 */
final class HeadlessChromium {
  private final Path binary;
  private final Path profile;

  private HeadlessChromium(Path binary, Path profile) {
    this.binary = binary;
    this.profile = profile;
  }

  /** The browser, or a skipped (under CI, failed) test. */
  static HeadlessChromium require(Path profile) {
    Path binary = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
    boolean present = Files.isExecutable(binary);
    if (!present && "true".equalsIgnoreCase(System.getenv("CI"))) {
      fail("CI=true but no Chromium at " + binary + "; install it with: apt-get update && apt-get install -y chromium");
    }
    assumeTrue(present, "skipped: no Chromium at " + binary
        + " (install it with: apt-get update && apt-get install -y chromium, or set CHROMIUM=/path/to/chromium)");
    return new HeadlessChromium(binary, profile);
  }

  /** The DOM after the page's load event and scripts ran (virtual time lets image decoding finish). */
  String dumpDom(Path page) {
    return run(List.of("--virtual-time-budget=10000", "--dump-dom", page.toUri().toString()), null);
  }

  /** A PNG of the page at the given window size. */
  void screenshot(Path page, Path png, int width, int height) {
    run(List.of("--virtual-time-budget=10000", "--hide-scrollbars", "--screenshot=" + png.toAbsolutePath(),
        "--window-size=" + width + "," + height, page.toUri().toString()), png);
    assertTrue(Files.isRegularFile(png), "Chromium wrote no screenshot at " + png);
  }

  private String run(List<String> args, Path expectedFile) {
    List<String> command = new ArrayList<>(List.of(binary.toString(), "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--disable-dev-shm-usage", "--user-data-dir=" + profile.toAbsolutePath()));
    command.addAll(args);
    try {
      Path stdout = Files.createTempFile(profile.getParent(), "chromium", ".out");
      Path stderr = Files.createTempFile(profile.getParent(), "chromium", ".err");
      Process process = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
      if (!process.waitFor(90, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        fail("Chromium did not finish within 90 s: " + command);
      }
      String out = Files.readString(stdout, StandardCharsets.UTF_8);
      if (process.exitValue() != 0) {
        fail("Chromium exited with " + process.exitValue() + ": " + command + "\n" + Files.readString(stderr));
      }
      return out;
    } catch (IOException e) {
      throw new IllegalStateException("could not run " + command + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
