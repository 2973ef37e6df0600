package org.treasuremarkers.jobs.train;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.treasuremarkers.core.taxonomy.InvalidMarkerException;
import org.treasuremarkers.core.taxonomy.Taxonomy;
import org.treasuremarkers.core.taxonomy.TaxonomyLoader;
import org.treasuremarkers.core.template.LenientParse;
import org.treasuremarkers.model.generate.Generation;
import org.treasuremarkers.model.generate.Generator;
import org.treasuremarkers.model.generate.SamplingOptions;
import org.treasuremarkers.model.train.ModelDirectory;

/**
 * {@code generate --model MODEL_DIR --prompt TEXT [--marker KEY=VALUE]... [--temperature T --top-k K --seed S]
 * [--max-tokens N]}: loads a train-job model (no Spark) and prints the template the model wrote, the completion,
 * and the markers it inferred (lenient parse; problems listed). Greedy unless a temperature above 0 is given.
 * Bad usage, an unknown marker or a folder without a model: one line on stderr and exit code 2.
 */
public final class GenerateCommand {
  public static final String USAGE = "usage: generate --model MODEL_DIR --prompt TEXT [--marker KEY=VALUE]..."
      + " [--temperature T --top-k K --seed S] [--max-tokens N]";
  static final int DEFAULT_MAX_TOKENS = 256;

  private GenerateCommand() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  public static int run(String[] args, PrintStream out, PrintStream err) {
    Path model = null;
    String prompt = null;
    Map<String, String> markers = new TreeMap<>();
    double temperature = 0;
    int topK = 0;
    long seed = 0;
    int maxTokens = DEFAULT_MAX_TOKENS;
    Taxonomy taxonomy = TaxonomyLoader.loadDefault();
    SamplingOptions sampling;
    try {
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--model" -> model = Path.of(value(args, ++i, "--model"));
          case "--prompt" -> prompt = value(args, ++i, "--prompt");
          case "--marker" -> {
            String pair = value(args, ++i, "--marker");
            int eq = pair.indexOf('=');
            if (eq <= 0) {
              throw new UsageException("--marker needs KEY=VALUE, found '" + pair + "'; " + USAGE);
            }
            markers.put(pair.substring(0, eq), pair.substring(eq + 1));
          }
          case "--temperature" -> temperature = number(args, ++i, "--temperature");
          case "--top-k" -> topK = (int) whole(args, ++i, "--top-k");
          case "--seed" -> seed = whole(args, ++i, "--seed");
          case "--max-tokens" -> maxTokens = (int) whole(args, ++i, "--max-tokens");
          default -> throw new UsageException("unknown option '" + args[i] + "'; " + USAGE);
        }
      }
      if (model == null || prompt == null) {
        throw new UsageException("generate needs --model MODEL_DIR and --prompt TEXT; " + USAGE);
      }
      if (!Files.isRegularFile(new ModelDirectory(model).model())) {
        throw new UsageException("--model " + model + " holds no " + ModelDirectory.MODEL + "; give a folder train-job wrote");
      }
      sampling = new SamplingOptions(maxTokens, temperature, topK, seed, false);
      markers = taxonomy.canonical(markers);
    } catch (UsageException | InvalidMarkerException e) {
      err.println("generate: " + e.getMessage());
      return TrainJob.EXIT_BAD_INPUT;
    } catch (IllegalArgumentException e) { // SamplingOptions' checks
      err.println("generate: " + e.getMessage() + "; " + USAGE);
      return TrainJob.EXIT_BAD_INPUT;
    }
    Generator generator = Generator.load(new ModelDirectory(model), taxonomy);
    Generation g = generator.generate(prompt, markers, sampling);
    print(out, markers, g);
    return TrainJob.EXIT_OK;
  }

  private static void print(PrintStream out, Map<String, String> fixed, Generation g) {
    LenientParse parse = g.template();
    out.println("fixed markers: " + (fixed.isEmpty() ? "(none)" : format(fixed)));
    out.println("--- template (" + (!parse.found() ? "none written" : parse.closed() ? "closed" : "not closed") + ") ---");
    // An unclosed template runs to the end of what was generated: there is no completion to tell apart.
    boolean closed = parse.found() && parse.closed() && parse.end() >= 0;
    if (parse.found()) {
      int end = closed ? Math.min(parse.end(), g.generated().length()) : g.generated().length();
      out.println(g.generated().substring(parse.start(), end).stripTrailing());
    }
    out.println("--- completion (" + g.tokens() + " tokens generated, " + (g.endedWithEos() ? "ended by the model"
        : "stopped at --max-tokens") + ") ---");
    out.println(parse.found() && !closed ? "(none: the template was not closed)" : g.completion());
    out.println("--- inferred markers ---");
    SortedMap<String, String> inferred = g.inferredMarkers();
    out.println(inferred.isEmpty() ? "(none)" : format(inferred));
    out.println("--- template problems ---");
    out.println(parse.problems().isEmpty() ? "(none)" : String.join("\n", parse.problems()));
  }

  private static String format(Map<String, String> markers) {
    StringBuilder sb = new StringBuilder();
    markers.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ", ").append(k).append('=').append(v));
    return sb.toString();
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length) {
      throw new UsageException(option + " needs a value; " + USAGE);
    }
    return args[i];
  }

  private static double number(String[] args, int i, String option) {
    String text = value(args, i, option);
    try {
      return Double.parseDouble(text);
    } catch (NumberFormatException e) {
      throw new UsageException(option + " needs a number, found '" + text + "'; " + USAGE);
    }
  }

  private static long whole(String[] args, int i, String option) {
    String text = value(args, i, option);
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new UsageException(option + " needs a whole number, found '" + text + "'; " + USAGE);
    }
  }
}
