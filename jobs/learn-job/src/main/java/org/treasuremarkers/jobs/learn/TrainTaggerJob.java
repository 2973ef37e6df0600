package org.treasuremarkers.jobs.learn;

import java.nio.file.Path;
import org.treasuremarkers.core.taxonomy.Taxonomy;
import org.treasuremarkers.core.taxonomy.TaxonomyLoader;
import org.treasuremarkers.learn.tagger.TaggerFolder;
import org.treasuremarkers.learn.tagger.TaggerParams;
import org.treasuremarkers.learn.tagger.TaggerSources;
import org.treasuremarkers.learn.tagger.TaggerTraining;

/**
 * Retrains the shipped task/domain tagger from the labelled sources of ../shared/datasets and writes the model
 * folder (default models/tagger/v2). {@code ./run-cluster.sh train-tagger} runs it.
 */
public final class TrainTaggerJob {
  private static final String USAGE = """
      usage: train-tagger [--datasets DIR] [--output DIR] [--evaluation full|held-out|none]
                          [--epochs N] [--cap N] [--balance P] [--learning-rate R] [--buckets N]
                          [--min-sources N]
        --datasets DIR     the shared datasets folder (default ../shared/datasets)
        --output DIR       the model folder to write (default models/tagger/v2)
        --evaluation E     full (default): held-out rows and leave-one-source-out folds, which choose the
                           threshold; held-out or none: faster, threshold 0 (for experiments)
        --epochs, --cap, --balance, --learning-rate, --buckets, --min-sources: training parameters (defaults
                           and meaning in TaggerParams)
      """;

  private TrainTaggerJob() {}

  public static void main(String[] args) {
    Path datasets = Path.of("../shared/datasets");
    Path output = Path.of("models/tagger/v2");
    TaggerTraining.Evaluation evaluation = TaggerTraining.Evaluation.FULL;
    TaggerParams params = TaggerParams.defaults();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--datasets" -> datasets = Path.of(value(args, ++i));
        case "--output" -> output = Path.of(value(args, ++i));
        case "--evaluation" -> evaluation = TaggerTraining.Evaluation.valueOf(
            value(args, ++i).toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
        case "--epochs" -> params = params.withEpochs(Integer.parseInt(value(args, ++i)));
        case "--cap" -> params = params.withCap(Integer.parseInt(value(args, ++i)));
        case "--balance" -> params = params.withBalancePower(Double.parseDouble(value(args, ++i)));
        case "--learning-rate" -> params = params.withLearningRate(Double.parseDouble(value(args, ++i)));
        case "--buckets" -> params = params.withBuckets(Integer.parseInt(value(args, ++i)));
        case "--min-sources" -> params = params.withMinSources(Integer.parseInt(value(args, ++i)));
        case "--help", "-h" -> {
          System.out.print(USAGE);
          return;
        }
        default -> fail("unknown argument '" + args[i] + "'");
      }
    }
    Taxonomy taxonomy = TaxonomyLoader.loadDefault();
    long start = System.nanoTime();
    TaggerSources.Read read = TaggerSources.read(datasets, taxonomy);
    System.err.printf("train-tagger: %d labelled rows from %d files%n", read.rows().size(), read.files().size());
    TaggerTraining.Result result = new TaggerTraining(taxonomy, params, m -> System.err.println("train-tagger: " + m))
        .train(read.rows(), evaluation);
    TaggerFolder.write(output, result, read, datasets, taxonomy, params);
    System.err.printf("train-tagger: wrote %s in %.0f s%n", output, (System.nanoTime() - start) / 1e9);
  }

  private static String value(String[] args, int i) {
    if (i >= args.length) {
      fail(args[i - 1] + " needs a value");
    }
    return args[i];
  }

  private static void fail(String message) {
    System.err.println("train-tagger: " + message + "\n" + USAGE);
    System.exit(2);
  }
}
