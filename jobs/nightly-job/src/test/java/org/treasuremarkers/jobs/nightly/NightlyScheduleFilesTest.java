package org.treasuremarkers.jobs.nightly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped schedule files and configuration: conf/nightly.crontab, the Kubernetes CronJob, conf/nightly.json. */
class NightlyScheduleFilesTest {
  private static final Path PROJECT = NightlyFixture.projectDir();

  private static ProcessResult crontabCheck(Path file) throws Exception {
    Process p = new ProcessBuilder("crontab", "-n", file.toString()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return new ProcessResult(p.waitFor(), out);
  }

  record ProcessResult(int code, String output) {}

  private static boolean crontabInstalled() {
    try {
      return new ProcessBuilder("crontab", "-n", "/dev/null").start().waitFor() >= 0;
    } catch (Exception e) {
      return false;
    }
  }

  @Test
  void crontabPassesCronsOwnCheck(@TempDir Path dir) throws Exception {
    if (!crontabInstalled()) {
      System.err.println("NightlyScheduleFilesTest: crontab not installed, conf/nightly.crontab not checked"
          + " (install it with: apt-get install -y cron)");
      Assumptions.abort("crontab is not installed (apt-get install -y cron)");
    }
    ProcessResult shipped = crontabCheck(PROJECT.resolve("conf/nightly.crontab"));
    assertEquals(0, shipped.code(), shipped.output());
    // The check can fail: a broken line is refused.
    Path broken = dir.resolve("broken.crontab");
    Files.writeString(broken, "30 25 * * * echo never\n");
    assertTrue(crontabCheck(broken).code() != 0, "crontab -n refuses hour 25");
    assertTrue(Files.readString(PROJECT.resolve("conf/nightly.crontab")).contains("./run-cluster.sh nightly"));
  }

  @Test
  void kubernetesCronJobForbidsOverlapAndRunsTheNightlyMain() throws Exception {
    String yaml = Files.readString(PROJECT.resolve("deploy/k8s/nightly-cronjob.yaml"));
    assertTrue(yaml.contains("kind: CronJob"));
    assertTrue(yaml.contains("concurrencyPolicy: Forbid"));
    assertTrue(yaml.contains("- " + NightlyJob.class.getName()), "the manifest names the job's main class");
    assertTrue(yaml.contains("--deploy-mode") && yaml.contains("k8s://"));
  }

  @Test
  void shippedConfigurationIsValidAndBadOnesAreRefusedWithTheField(@TempDir Path dir) throws Exception {
    NightlyConfig shipped = NightlyConfig.load(PROJECT.resolve("conf/nightly.json"));
    assertEquals(PROJECT.resolve("conf/train.json").toAbsolutePath().normalize(), shipped.trainConfig());
    assertTrue(shipped.promotionMargin() >= 0 && shipped.keepVersions() >= 1);

    Path bad = dir.resolve("nightly.json");
    Files.writeString(bad, "{\"input_dir\": \"in\", \"state_dir\": \"st\", \"replay_share\": 1.5}");
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = NightlyJob.run(new String[] {"--config", bad.toString()}, null, NightlyHooks.NONE,
        new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(NightlyJob.EXIT_BAD_INPUT, code);
    String message = err.toString(StandardCharsets.UTF_8);
    assertTrue(message.contains(bad.toString()) && message.contains("replay_share"), message);
  }
}
