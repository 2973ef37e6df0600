package org.treasuremarkers.jobs.report;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What to report on: annotate-job's output folder, optionally a prepared training set (train-job
 * --prepare-only) for the dropout view, and where to write the report.
 *
 * @param annotated  annotate-job {@code --output} folder (with {@code examples/})
 * @param prepared   prepared training set folder, or null
 * @param output     report folder; {@code index.html} and the PNG/CSV files go there
 * @param taxonomy   taxonomy file, or null for the packaged conf/taxonomy.json
 * @param tailShare  a listed value with a smaller share of rows than this is in the long tail
 */
public record ReportOptions(Path annotated, Path prepared, Path output, Path taxonomy, double tailShare) {
  public static final double DEFAULT_TAIL_SHARE = 0.02;

  static final String USAGE = "usage: report --annotated DIR [--prepared DIR] --output REPORT_DIR"
      + " [--taxonomy FILE] [--tail-share FRACTION (default " + DEFAULT_TAIL_SHARE + ")]";

  public ReportOptions {
    if (annotated == null) {
      throw new IllegalArgumentException("--annotated is required: annotate-job's output folder\n" + USAGE);
    }
    if (output == null) {
      throw new IllegalArgumentException("--output is required: the folder to write index.html into\n" + USAGE);
    }
    if (!Files.isDirectory(annotated)) {
      throw new IllegalArgumentException("--annotated " + annotated + " is not a folder; give annotate-job's --output folder");
    }
    if (prepared != null && !Files.isDirectory(prepared)) {
      throw new IllegalArgumentException("--prepared " + prepared + " is not a folder; give train-job --prepare-only's output folder");
    }
    if (taxonomy != null && !Files.isRegularFile(taxonomy)) {
      throw new IllegalArgumentException("--taxonomy " + taxonomy + " is not a file");
    }
    if (!(tailShare > 0 && tailShare < 1)) {
      throw new IllegalArgumentException("--tail-share must be a fraction between 0 and 1 (e.g. 0.02 for 2%), found " + tailShare);
    }
  }

  public static ReportOptions parse(String... args) {
    Path annotated = null;
    Path prepared = null;
    Path output = null;
    Path taxonomy = null;
    double tailShare = DEFAULT_TAIL_SHARE;
    for (int i = 0; i < args.length; i++) {
      String flag = args[i];
      if (flag.equals("--help") || flag.equals("-h")) {
        throw new IllegalArgumentException(USAGE);
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(flag + " needs a value\n" + USAGE);
      }
      String value = args[++i];
      switch (flag) {
        case "--annotated" -> annotated = Path.of(value);
        case "--prepared" -> prepared = Path.of(value);
        case "--output" -> output = Path.of(value);
        case "--taxonomy" -> taxonomy = Path.of(value);
        case "--tail-share" -> {
          try {
            tailShare = Double.parseDouble(value);
          } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--tail-share must be a number like 0.02, found '" + value + "'");
          }
        }
        default -> throw new IllegalArgumentException("unknown option '" + flag + "'\n" + USAGE);
      }
    }
    return new ReportOptions(annotated, prepared, output, taxonomy, tailShare);
  }
}
