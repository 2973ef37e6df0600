package org.treasuremarkers.jobs.learn;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.treasuremarkers.learn.quality.QualityTraining;

/**
 * {@code train-quality [--project DIR] [--datasets DIR] [--output DIR] [--l2 X] [--seed N]}: retrains the shipped
 * quality model ({@link QualityTraining}) and prints its leave-models-out table. Defaults, against {@code --project}
 * (default "."): datasets {@code ../shared/datasets}, output {@code models/quality/v1}. Bad usage or a missing
 * datasets folder: one line on stderr and exit code 2.
 */
public final class TrainQualityJob {
  public static final String USAGE =
      "usage: train-quality [--project DIR] [--datasets DIR] [--output DIR] [--l2 X] [--seed N]";

  private TrainQualityJob() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  public static int run(String[] args, PrintStream out, PrintStream err) {
    Path project = Path.of(".");
    Path datasets = null;
    Path output = null;
    Double l2 = null;
    Long seed = null;
    try {
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--project" -> project = Path.of(value(args, ++i));
          case "--datasets" -> datasets = Path.of(value(args, ++i));
          case "--output" -> output = Path.of(value(args, ++i));
          case "--l2" -> l2 = Double.parseDouble(value(args, ++i));
          case "--seed" -> seed = Long.parseLong(value(args, ++i));
          default -> throw new IllegalArgumentException("unknown option '" + args[i] + "'");
        }
      }
    } catch (IllegalArgumentException e) { // NumberFormatException included
      err.println("train-quality: " + e.getMessage() + "; " + USAGE);
      return 2;
    }
    datasets = (datasets == null ? project.resolve("../shared/datasets") : datasets).toAbsolutePath().normalize();
    output = (output == null ? project.resolve("models/quality/v1") : output).toAbsolutePath().normalize();
    if (!Files.isDirectory(datasets.resolve("alpacaeval-prefs"))) {
      err.println("train-quality: no alpacaeval-prefs/ folder in " + datasets + " (give --datasets DIR)");
      return 2;
    }
    QualityTraining.Options defaults = QualityTraining.Options.defaults(datasets, output);
    QualityTraining.Options options = new QualityTraining.Options(datasets, output, defaults.folds(),
        seed == null ? defaults.seed() : seed, l2 == null ? defaults.l2() : l2);
    long start = System.nanoTime();
    QualityTraining.Outcome outcome = QualityTraining.run(options);
    out.print(outcome.table());
    out.printf("train-quality: %d judged pairs, model and evaluation written to %s in %.1f s%n", outcome.pairs(),
        output, (System.nanoTime() - start) / 1e9);
    return 0;
  }

  private static String value(String[] args, int i) {
    if (i >= args.length) {
      throw new IllegalArgumentException(args[i - 1] + " needs a value");
    }
    return args[i];
  }
}
