package org.treasuremarkers.spark.run;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.treasuremarkers.core.taxonomy.Taxonomy;
import org.treasuremarkers.core.taxonomy.TaxonomyLoader;
import org.treasuremarkers.spark.progress.SparkStageProgress;
import org.treasuremarkers.spark.annotate.AnnotatedExampleSchema;
import org.treasuremarkers.spark.annotate.MarkerAnnotator;
import org.treasuremarkers.spark.classify.MarkerClassifier;
import org.treasuremarkers.spark.classify.MarkerClassifierModel;
import org.treasuremarkers.spark.quality.QualityBucketModel;
import org.treasuremarkers.spark.quality.QualityBucketer;
import org.treasuremarkers.spark.source.InputFile;
import org.treasuremarkers.spark.source.ParsedRecords;
import org.treasuremarkers.spark.source.RecordParser;
import org.treasuremarkers.spark.source.RejectReason;
import org.treasuremarkers.spark.source.SourceFiles;
import org.treasuremarkers.spark.source.SourceReader;
import org.treasuremarkers.spark.source.SourceRecord;
import org.treasuremarkers.spark.inspect.MarkerCountsCsv;
import org.treasuremarkers.spark.inspect.MarkerStats;

/**
 * One annotate run, the library call behind annotate-job: read every record of the sources, reject the bad ones
 * with a reason, annotate the rest (per-example markers, quality buckets per language, domain/task classifier),
 * then write examples/ (Parquet by dataset), rejected/ (JSON lines), stats/ (markers.csv and Parquet), models/
 * (the fitted quality splits and classifier) and report.json. Fails before reading on a missing input, an
 * unreadable taxonomy or an existing output; checks that every record read was written exactly once.
 */
public final class AnnotateRun {
  private static final Logger LOG = LoggerFactory.getLogger(AnnotateRun.class);
  private static final String UNNAMED = "(none)";

  private final SparkSession spark;
  private final AnnotateOptions options;
  private final Map<String, Double> timings = new LinkedHashMap<>();
  // CPU seconds of this JVM per stage: all of the work on local[N], the driver's share on a cluster
  private final Map<String, Double> cpuTimings = new LinkedHashMap<>();
  private static final com.sun.management.OperatingSystemMXBean OS =
      (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();

  private AnnotateRun(SparkSession spark, AnnotateOptions options) {
    this.spark = spark;
    this.options = options;
  }

  public static AnnotateResult run(SparkSession spark, AnnotateOptions options) {
    // a progress line per running Spark stage, so a long run shows tasks done, rate and time left
    try (SparkStageProgress progress = SparkStageProgress.toStdout(spark, "annotate")) {
      return new AnnotateRun(spark, options).run();
    }
  }

  private AnnotateResult run() {
    long start = System.nanoTime();
    Taxonomy taxonomy = options.taxonomyFile() == null ? TaxonomyLoader.loadDefault()
        : TaxonomyLoader.load(options.taxonomyFile());
    List<InputFile> files = SourceFiles.list(options.sources(), spark.sparkContext().hadoopConfiguration());
    OutputFolder out = new OutputFolder(options.output(), spark.sparkContext().hadoopConfiguration());
    out.claim(options.overwrite());
    LOG.info("annotate: {} input files from {} sources -> {}", files.size(), options.sources().sources().size(),
        options.output());

    // 1. read, parse and annotate in one pass, cached once: the annotator passes the rows without a prompt and a
    // completion (blank, rejected) through unmarked, and a preset marker the taxonomy refuses rejects the row
    JavaRDD<SourceRecord> records = SourceReader.read(spark, options.sources(), files);
    RecordParser parser = new RecordParser(options.sources());
    JavaRDD<Row> rows = records.mapPartitions(it -> mapIterator(it, parser::parse));
    Dataset<Row> parsed = spark.createDataFrame(rows, ParsedRecords.SCHEMA);
    MarkerAnnotator annotator = new MarkerAnnotator().setTaxonomy(taxonomy).setTagger(options.tagger())
        .setHandleInvalid(MarkerAnnotator.KEEP)
        .setQualityCol(ParsedRecords.QUALITY).setInputMarkersCol(ParsedRecords.INPUT_MARKERS)
        .setDatasetMarkersCol(ParsedRecords.DATASET_MARKERS);
    Dataset<Row> annotated = annotator.transform(parsed).persist(StorageLevel.MEMORY_AND_DISK());
    Column ok = col(ParsedRecords.STATUS).equalTo(ParsedRecords.OK);
    Column invalid = col(annotator.getOrDefault(annotator.errorCol())).isNotNull();
    // the rows QualityAnnotator leaves unscored: (?U) makes \\s Unicode white space, like String.isBlank
    Column noAnswer = coalesce(col(ParsedRecords.COMPLETION).rlike("(?U)^\\s*$"), lit(false));
    Map<String, RunCounts> datasets = new TreeMap<>();
    timed("read_and_annotate", () -> {
      for (Row r : annotated.groupBy(col(ParsedRecords.DATASET), col(ParsedRecords.STATUS), col(ParsedRecords.REASON),
          invalid.as("invalid"), noAnswer.as("no_answer")).count().collectAsList()) {
        RunCounts c = datasets.computeIfAbsent(r.isNullAt(0) ? UNNAMED : r.getString(0), k -> new RunCounts());
        long n = r.getLong(5);
        switch (r.getString(1)) {
          case ParsedRecords.BLANK -> c.addBlank(n);
          case ParsedRecords.REJECTED -> { c.addRead(n); c.addRejected(r.getString(2), n); }
          default -> {
            c.addRead(n);
            if (r.getBoolean(3)) {
              c.addRejected(RejectReason.INVALID_MARKER.label(), n);
            } else {
              c.addAnnotated(n);
              c.addNoAnswer(r.getBoolean(4) ? n : 0);
            }
          }
        }
      }
      return null;
    });
    Dataset<Row> good = annotated.where(ok.and(invalid.unary_$bang()));

    // 3. quality buckets per language: fitted on this data, or the splits of an earlier run
    QualityBucketer bucketer = new QualityBucketer();
    QualityBucketModel buckets = timed("quality_buckets", () -> options.qualitySplits() == null
        ? bucketer.fit(good) : QualityBucketModel.load(options.qualitySplits()));
    Dataset<Row> bucketed = buckets.transform(good);

    // 4. domain/task classifier for rows that neither they nor their dataset label
    MarkerClassifierModel classifier = options.classify()
        ? timed("classifier_fit", () -> new MarkerClassifier().fit(bucketed)) : null;
    Dataset<Row> labelled = classifier == null ? bucketed : classifier.transform(bucketed);

    // 5. outputs
    List<Column> exampleColumns = new ArrayList<>();
    for (StructField f : AnnotatedExampleSchema.sparkSchema().fields()) {
      exampleColumns.add(col(f.name()).cast(f.dataType()).as(f.name()));
    }
    Dataset<Row> examples = labelled.select(exampleColumns.toArray(Column[]::new));
    if (LOG.isDebugEnabled()) { // the physical plan of the one pass that writes the examples (bench/README.md reads it)
      LOG.debug("annotate: plan of examples/:\n{}", examples.queryExecution().explainString(
          org.apache.spark.sql.execution.ExplainMode.fromString("formatted")));
    }
    timed("write_examples", () -> {
      examples.write().partitionBy("dataset").parquet(out.path("examples"));
      return null;
    });
    timed("write_rejected", () -> {
      Dataset<Row> parseRejected = annotated.where(col(ParsedRecords.STATUS).equalTo(ParsedRecords.REJECTED))
          .select(col(ParsedRecords.FILE), col(ParsedRecords.LINE), col(ParsedRecords.ROW), col(ParsedRecords.DATASET),
              col(ParsedRecords.REASON), col(ParsedRecords.DETAIL), col(ParsedRecords.RAW));
      Dataset<Row> markerRejected = annotated.where(ok.and(invalid))
          .select(col(ParsedRecords.FILE), col(ParsedRecords.LINE), col(ParsedRecords.ROW), col(ParsedRecords.DATASET),
              lit(RejectReason.INVALID_MARKER.label()).as(ParsedRecords.REASON),
              col(annotator.getOrDefault(annotator.errorCol())).as(ParsedRecords.DETAIL), col(ParsedRecords.RAW));
      parseRejected.unionByName(markerRejected).write().json(out.path("rejected"));
      return null;
    });

    // 6. reconcile what was written with what was read
    RunCounts total = new RunCounts();
    datasets.values().forEach(c -> {
      total.addRead(c.read());
      total.addAnnotated(c.annotated());
      total.addBlank(c.blank());
      total.addNoAnswer(c.noAnswer());
      c.rejectedByReason().forEach(total::addRejected);
    });
    Dataset<Row> written = spark.read().parquet(out.path("examples"));
    long examplesWritten = written.count();
    long rejectedWritten = spark.read().text(out.path("rejected")).count();
    if (examplesWritten != total.annotated() || rejectedWritten != total.rejected() || !total.reconciles()) {
      throw new IllegalStateException("counts do not reconcile: read " + total.read() + ", annotated "
          + total.annotated() + " (written " + examplesWritten + "), rejected " + total.rejected() + " (written "
          + rejectedWritten + "); output " + options.output() + " is incomplete");
    }

    // 7. statistics, models, report
    Map<String, Map<String, Map<String, Long>>> origins = new TreeMap<>(); // dataset -> marker -> origin -> rows
    List<Row> stats = timed("stats", () -> {
      MarkerStats markerStats = MarkerStats.of(written, taxonomy);
      Dataset<Row> s = MarkerCountsCsv.table(markerStats);
      List<Row> collected = s.collectAsList();
      s.coalesce(1).write().parquet(out.path("stats/markers.parquet"));
      out.write("stats/markers.csv", MarkerCountsCsv.csv(collected));
      for (Row r : markerStats.originsByDataset().collectAsList()) {
        origins.computeIfAbsent(r.getString(0), k -> new TreeMap<>())
            .computeIfAbsent(r.getString(1), k -> new TreeMap<>()).put(r.getString(2), r.getLong(3));
      }
      return collected;
    });
    timed("save_models", () -> {
      try {
        buckets.write().save(out.path("models/quality-buckets"));
        if (classifier != null) {
          classifier.write().save(out.path("models/marker-classifier"));
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return null;
    });
    annotated.unpersist();
    timings.put("total", seconds(start));
    ObjectNode report = RunReport.build(spark, options, taxonomy, files, total, datasets, buckets, classifier,
        timings, stats.size());
    report.set("markerOrigins", RunReport.tree(origins));
    ObjectNode cpu = report.putObject("driverJvmCpuSeconds");
    cpuTimings.forEach(cpu::put);
    if (options.qualitySplits() == null) {
      report.with("qualityBuckets").put("relativeError", bucketer.getRelativeError());
    }
    out.write("report.json", RunReport.pretty(report));
    LOG.info("annotate: read {}, annotated {} ({} without an answer, unscored), rejected {} {}, blank {} in {} s -> {}",
        total.read(), total.annotated(), total.noAnswer(), total.rejected(), total.rejectedByReason(), total.blank(),
        timings.get("total"), options.output());
    return new AnnotateResult(options.output(), total, datasets, report);
  }

  private <T> T timed(String stage, Supplier<T> work) {
    long start = System.nanoTime();
    long cpuStart = OS.getProcessCpuTime();
    T result = work.get();
    timings.put(stage, seconds(start));
    cpuTimings.put(stage, Math.round((OS.getProcessCpuTime() - cpuStart) / 1e6) / 1000.0);
    LOG.info("annotate: stage {} took {} s", stage, timings.get(stage));
    return result;
  }

  private static double seconds(long startNanos) {
    return Math.round((System.nanoTime() - startNanos) / 1e6) / 1000.0;
  }

  private static <A, B> Iterator<B> mapIterator(Iterator<A> in, java.util.function.Function<A, B> f) {
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return in.hasNext();
      }

      @Override
      public B next() {
        return f.apply(in.next());
      }
    };
  }

  static ObjectMapper json() {
    return new ObjectMapper();
  }
}
