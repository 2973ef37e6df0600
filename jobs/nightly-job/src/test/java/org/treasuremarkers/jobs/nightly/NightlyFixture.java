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
      String name = "2026-01-0" + (index + 1);
      // Written beside, then renamed in: a day folder is complete when it appears.
      Path staging = inputDir.resolve(".staging-" + name);
      Files.createDirectories(staging);
      Files.write(staging.resolve("part-0.jsonl"), day);
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
    Path file = dir.resolve(name);
    try {
      Files.writeString(file, """
          {"input_dir": "%s", "state_dir": "%s", "train_config": "%s",
           "replay_share": 0.5, "replay_seed": 3, "promotion_margin": 0.02, "keep_versions": 2}
          """.formatted(inputDir, stateDir, trainConfig));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }
}
