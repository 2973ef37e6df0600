package org.treasuremarkers.jobs.train;

import java.nio.file.Path;
import java.util.Optional;

/**
 * train-job's command line. Today only {@code --prepare-only} runs; the training issue adds its options
 * (e.g. {@code --prepared DIR}, {@code --init-model DIR}, {@code --max-minutes N}) here and a branch in
 * {@link TrainJob#run}.
 */
public record TrainOptions(boolean prepareOnly, String annotated, String output, Optional<Path> config, boolean overwrite) {
  public static final String USAGE =
      "usage: train-job --prepare-only --annotated DIR --output DIR [--config FILE] [--overwrite]";

  public static TrainOptions parse(String... args) {
    boolean prepareOnly = false;
    boolean overwrite = false;
    String annotated = null;
    String output = null;
    Path config = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--prepare-only" -> prepareOnly = true;
        case "--overwrite" -> overwrite = true;
        case "--annotated" -> annotated = value(args, ++i, "--annotated");
        case "--output" -> output = value(args, ++i, "--output");
        case "--config" -> config = Path.of(value(args, ++i, "--config"));
        default -> throw new UsageException("unknown option '" + args[i] + "'; " + USAGE);
      }
    }
    if (!prepareOnly) {
      throw new UsageException("training is not implemented yet; only --prepare-only runs. " + USAGE);
    }
    if (annotated == null || output == null) {
      throw new UsageException("--prepare-only needs --annotated DIR and --output DIR; " + USAGE);
    }
    return new TrainOptions(true, annotated, output, Optional.ofNullable(config), overwrite);
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length || args[i].startsWith("--")) {
      throw new UsageException(option + " needs a value; " + USAGE);
    }
    return args[i];
  }
}
