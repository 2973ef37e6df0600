package org.treasuremarkers.jobs.nightly;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.treasuremarkers.model.config.TrainConfig;
import org.treasuremarkers.model.train.SparkRounds;

/**
 * Test data and configuration for nightly runs: the bundled samples/demo-examples.jsonl split into day folders
 * (rows i, i+DAYS, i+2*DAYS... go to day i, so every day mixes tasks and languages), a tiny model as in
 * markers-model's TinyConfig (d_model 16, 1 block, T 32), and a local[2] session.
 */
final class NightlyFixture {
  static final int DAYS = 4;
  /** The promotion margin of the test configurations (nats per token). */
  static final double MARGIN = 0.02;

  private NightlyFixture() {}

  static SparkSession spark() {
    SparkSession spark = SparkSession.builder()
        .config(SparkRounds.configure(new SparkConf()))
        .master("local[2]")
        .appName("nightly-job-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.driver.host", "127.0.0.1")
        .getOrCreate();
    spark.sparkContext().setLogLevel("WARN");
    return spark;
  }

  static Path projectDir() {
    return Path.of(System.getProperty("treasure.projectDir", "../.."));
  }

  /** Writes day {@code index} (0-based) of the sample as {@code inputDir/date=2026-01-0N/part-0.jsonl}. */
  static String writeDay(Path inputDir, int index) {
    try {
      List<String> lines = Files.readAllLines(projectDir().resolve("samples/demo-examples.jsonl")).stream()
          .filter(l -> !l.isBlank()).toList();
      List<String> day = new ArrayList<>();
      for (int i = index; i < lines.size(); i += DAYS) {
        day.add(lines.get(i));
      }
      return writeDayFolder(inputDir, index, day);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Writes day {@code index} (0-based) with {@code rows} examples of a distribution far from the sample's: every
   * completion is one short token repeated ("zq zq zq ..."). A model fine-tuned on it predicts that everywhere, so
   * its held-out loss on the sample's rows gets worse. Ids are new, so no held-out row is trained on.
   */
  static String writeForeignDay(Path inputDir, int index, int rows) {
    List<String> day = new ArrayList<>();
    for (int i = 0; i < rows; i++) {
      day.add("{\"id\": \"foreign-%03d\", \"dataset\": \"foreign\", \"prompt\": \"Repeat zq %d times.\", \"completion\": \"%s\"}"
          .formatted(i, 40 + i, "zq ".repeat(40 + i).strip()));
    }
    return writeDayFolder(inputDir, index, day);
  }

  private static String writeDayFolder(Path inputDir, int index, List<String> lines) {
    String name = "2026-01-%02d".formatted(index + 1);
    try {
      // Written beside, then renamed in: a day folder is complete when it appears.
      Path staging = inputDir.resolve(".staging-" + name);
      Files.createDirectories(staging);
      Files.write(staging.resolve("part-0.jsonl"), lines);
      Files.move(staging, inputDir.resolve(DatePartitions.PREFIX + name));
      return name;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A tiny train configuration file with the given learning rate. */
  static Path trainConfig(Path dir, String name, double learningRate) {
    TrainConfig config = TrainConfig.loadDefault().with("""
        {"model": {"d_model": 16, "layers": 1, "heads": 2, "mlp_ratio": 2, "seq_len": 32, "seed": 5},
         "training": {"learning_rate": %s, "schedule": {"warmup_steps": 2, "decay_steps": 200, "min_lr_ratio": 0.1},
                      "gradient_clip": 1.0, "batch_size_per_worker": 8, "averaging_frequency": 2, "epochs": 1,
                      "checkpoint_every_rounds": 2, "heldout_percent": 20, "seed": 11}}
        """.formatted(learningRate));
    Path file = dir.resolve(name);
    config.save(file);
    return file;
  }

  static Path nightlyConfig(Path dir, String name, Path inputDir, Path stateDir, Path trainConfig) {
    return nightlyConfig(dir, name, inputDir, stateDir, trainConfig, "local");
  }

  /** A nightly configuration with margin {@value #MARGIN}; {@code trainer} is "local" or "spark". */
  static Path nightlyConfig(Path dir, String name, Path inputDir, Path stateDir, Path trainConfig, String trainer) {
    Path file = dir.resolve(name);
    try {
      Files.writeString(file, """
          {"input_dir": "%s", "state_dir": "%s", "train_config": "%s",
           "replay_share": 0.5, "replay_seed": 3, "promotion_margin": %s, "keep_versions": 2, "trainer": "%s"}
          """.formatted(inputDir, stateDir, trainConfig, MARGIN, trainer));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }
}
