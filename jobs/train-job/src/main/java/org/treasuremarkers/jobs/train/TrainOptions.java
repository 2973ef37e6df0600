package org.treasuremarkers.jobs.train;

import java.nio.file.Path;
import java.util.Optional;

/**
 * train-job's command line: either {@code --prepare-only} (write the prepared training set) or training from
 * {@code --annotated DIR} (prepared in memory) or {@code --prepared DIR} into {@code --output MODEL_DIR}.
 *
 * @param annotated annotate-job's output, or null
 * @param prepared a {@code --prepare-only} output, or null (training only)
 * @param initModel a model folder to fine-tune, or null
 * @param maxMinutes stop training after this many minutes (checkpointed; fractions allowed, e.g. 0.5), or null
 */
public record TrainOptions(boolean prepareOnly, String annotated, String prepared, String output, Optional<Path> config,
    boolean overwrite, Path initModel, Double maxMinutes) {
  public static final String USAGE = "usage: train-job (--annotated DIR | --prepared DIR) --output MODEL_DIR"
      + " [--config FILE] [--init-model MODEL_DIR] [--max-minutes N]"
      + " | train-job --prepare-only --annotated DIR --output DIR [--config FILE] [--overwrite]";

  public static TrainOptions parse(String... args) {
    boolean prepareOnly = false;
    boolean overwrite = false;
    String annotated = null;
    String prepared = null;
    String output = null;
    Path config = null;
    Path initModel = null;
    Double maxMinutes = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--prepare-only" -> prepareOnly = true;
        case "--overwrite" -> overwrite = true;
        case "--annotated" -> annotated = value(args, ++i, "--annotated");
        case "--prepared" -> prepared = value(args, ++i, "--prepared");
        case "--output" -> output = value(args, ++i, "--output");
        case "--config" -> config = Path.of(value(args, ++i, "--config"));
        case "--init-model" -> initModel = Path.of(value(args, ++i, "--init-model"));
        case "--max-minutes" -> maxMinutes = positive(value(args, ++i, "--max-minutes"), "--max-minutes");
        default -> throw new UsageException("unknown option '" + args[i] + "'; " + USAGE);
      }
    }
    if (prepareOnly) {
      if (annotated == null || output == null) {
        throw new UsageException("--prepare-only needs --annotated DIR and --output DIR; " + USAGE);
      }
      if (prepared != null || initModel != null || maxMinutes != null) {
        throw new UsageException("--prepare-only takes no --prepared, --init-model or --max-minutes; " + USAGE);
      }
      return new TrainOptions(true, annotated, null, output, Optional.ofNullable(config), overwrite, null, null);
    }
    if ((annotated == null) == (prepared == null)) {
      throw new UsageException("give exactly one of --annotated DIR and --prepared DIR; " + USAGE);
    }
    if (output == null) {
      throw new UsageException("training needs --output MODEL_DIR; " + USAGE);
    }
    if (overwrite) {
      throw new UsageException("--overwrite is for --prepare-only; training resumes an existing MODEL_DIR; " + USAGE);
    }
    return new TrainOptions(false, annotated, prepared, output, Optional.ofNullable(config), false, initModel,
        maxMinutes);
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length || args[i].startsWith("--")) {
      throw new UsageException(option + " needs a value; " + USAGE);
    }
    return args[i];
  }

  private static double positive(String text, String option) {
    try {
      double n = Double.parseDouble(text);
      if (n > 0 && Double.isFinite(n)) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new UsageException(option + " needs a number of minutes above 0 (e.g. 30 or 0.5), found '" + text + "'; "
        + USAGE);
  }

  /** {@link #maxMinutes} as a duration, or null. */
  public java.time.Duration maxTime() {
    return maxMinutes == null ? null : java.time.Duration.ofMillis(Math.round(maxMinutes * 60_000));
  }
}
