package org.treasuremarkers.jobs.annotate;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.treasuremarkers.core.tagger.Tagger;
import org.treasuremarkers.core.taxonomy.Taxonomy;
import org.treasuremarkers.core.taxonomy.TaxonomyLoader;
import org.treasuremarkers.spark.run.AnnotateOptions;
import org.treasuremarkers.spark.source.SourceFormat;
import org.treasuremarkers.spark.source.SourcesConfig;

/** The command line of annotate-job, checked before Spark starts. */
record AnnotateJobArgs(List<String> inputs, SourceFormat inputFormat, String dataset, Path sources, String output,
    Path taxonomy, boolean overwrite, long maxRecordBytes, boolean classify, String qualitySplits, String tagger, boolean help) {

  static final String USAGE = """
      usage: annotate-job (--input PATH[,PATH...] [--input-format jsonl|json|parquet|tsv] [--dataset NAME]
                           | --sources FILE)
                          --output DIR [--taxonomy FILE] [--overwrite]
                          [--max-record-bytes N] [--tagger DIR|none] [--classifier] [--quality-splits DIR]

        --input PATH        raw examples (datasets-schema/raw-example.schema.json); files, folders or globs
        --input-format F    format of --input (default: from the first path's extension, else jsonl)
        --dataset NAME      dataset of rows that carry no "dataset" field
        --sources FILE      a sources file such as conf/sources.json (formats, field templates, dataset markers)
        --output DIR        where examples/, rejected/, stats/, models/ and report.json go
        --taxonomy FILE     marker taxonomy (default: the packaged conf/taxonomy.json)
        --overwrite         replace DIR if an earlier annotate-job run wrote it
        --max-record-bytes  reject longer records as oversized (--input only; default 1048576)
        --tagger DIR|none   the task/domain tagger: a model folder written by train-tagger (readable on every
                            executor), or none; default: the shipped models/tagger/v2
        --classifier        also train the in-run domain/task classifier on rows that carry the marker (for a
                            user's own labelled rows) and apply it to rows still without one
        --quality-splits D  apply the quality splits saved by an earlier run (DIR/models/quality-buckets)
      """;

  static AnnotateJobArgs parse(String[] args) {
    List<String> inputs = new ArrayList<>();
    SourceFormat format = null;
    String dataset = null;
    Path sources = null;
    String output = null;
    Path taxonomy = null;
    boolean overwrite = false;
    long maxBytes = SourcesConfig.DEFAULT_MAX_RECORD_BYTES;
    boolean classify = false;
    String tagger = Tagger.DEFAULT;
    String qualitySplits = null;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      switch (arg) {
        case "--help", "-h" -> {
          return new AnnotateJobArgs(List.of(), null, null, null, null, null, false, 0, false, null, Tagger.DEFAULT,
              true);
        }
        case "--overwrite" -> overwrite = true;
        case "--classifier" -> classify = true;
        case "--no-classifier" -> classify = false; // the default since the tagger; kept so old scripts run
        case "--tagger" -> tagger = value(args, ++i, arg);
        case "--input" -> {
          for (String p : value(args, ++i, arg).split(",")) {
            if (!p.isBlank()) {
              inputs.add(p.strip());
            }
          }
        }
        case "--input-format" -> {
          try {
            format = SourceFormat.fromLabel(value(args, ++i, arg));
          } catch (IllegalArgumentException e) {
            throw new UsageException("--input-format: " + e.getMessage());
          }
        }
        case "--dataset" -> dataset = value(args, ++i, arg);
        case "--sources" -> sources = Path.of(value(args, ++i, arg));
        case "--output" -> output = value(args, ++i, arg);
        case "--taxonomy" -> taxonomy = Path.of(value(args, ++i, arg));
        case "--quality-splits" -> qualitySplits = value(args, ++i, arg);
        case "--max-record-bytes" -> {
          String v = value(args, ++i, arg);
          try {
            maxBytes = Long.parseLong(v);
          } catch (NumberFormatException e) {
            maxBytes = -1;
          }
          if (maxBytes < 1) {
            throw new UsageException("--max-record-bytes must be a positive number of bytes, found '" + v + "'");
          }
        }
        default -> throw new UsageException("unknown option '" + arg + "'");
      }
    }
    if (inputs.isEmpty() == (sources == null)) {
      throw new UsageException("give either --input PATH or --sources FILE (exactly one of them)");
    }
    if (sources != null && (format != null || dataset != null)) {
      throw new UsageException("--input-format and --dataset go with --input; a sources file names formats and datasets");
    }
    if (output == null) {
      throw new UsageException("--output DIR is required");
    }
    if (format == null && !inputs.isEmpty()) {
      format = formatOf(inputs.get(0));
    }
    return new AnnotateJobArgs(List.copyOf(inputs), format, dataset, sources, output, taxonomy, overwrite, maxBytes,
        classify, qualitySplits, tagger, false);
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length || args[i].startsWith("--")) {
      throw new UsageException(option + " needs a value");
    }
    return args[i];
  }

  /** The format a path's extension suggests; jsonl when it says nothing. */
  static SourceFormat formatOf(String path) {
    String p = path.toLowerCase(java.util.Locale.ROOT);
    if (p.endsWith(".json")) {
      return SourceFormat.JSON;
    }
    if (p.endsWith(".parquet")) {
      return SourceFormat.PARQUET;
    }
    if (p.endsWith(".tsv")) {
      return SourceFormat.TSV;
    }
    return SourceFormat.JSONL;
  }

  /** The library's options; reads (and checks) the taxonomy and the sources file. */
  AnnotateOptions toOptions() {
    Taxonomy tax = taxonomy == null ? TaxonomyLoader.loadDefault() : TaxonomyLoader.load(taxonomy);
    SourcesConfig config = sources != null ? SourcesConfig.load(sources, tax)
        : SourcesConfig.rawInput(inputs, inputFormat, dataset, maxRecordBytes);
    if (!tagger.equals(Tagger.DEFAULT) && !tagger.equals(Tagger.NONE)) {
      try {
        Tagger.fromFolder(Path.of(tagger)); // a wrong folder fails here, before Spark starts
      } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
        throw new UsageException("--tagger: " + e.getMessage());
      }
    }
    return new AnnotateOptions(config, taxonomy, output, overwrite, qualitySplits, classify, tagger);
  }
}
