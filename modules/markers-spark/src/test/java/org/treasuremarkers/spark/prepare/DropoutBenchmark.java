package org.treasuremarkers.spark.prepare;

import static org.apache.spark.sql.functions.col;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.Transformer;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.treasuremarkers.core.taxonomy.TaxonomyLoader;
import org.treasuremarkers.spark.dropout.JavaRowDropout;
import org.treasuremarkers.spark.dropout.SqlSampleDropoutOracle;
import org.treasuremarkers.spark.dropout.SyntheticAnnotatedExamples;
import org.treasuremarkers.spark.format.Formatter;
import org.treasuremarkers.spark.format.TrainingExampleSchema;

/**
 * bench/dropout-1m.sh: dropout + formatting + Parquet write of N synthetic annotated rows against a plain
 * read + Parquet write of the same rows, in the same JVM, alternating, best of R rounds. Also the compute
 * alone (Spark's noop sink) of the dropout stages vs a whole-row Java mapPartitions vs the SQL higher-order-
 * function version of sample-level dropout, the Formatter's share, and five formatted examples.
 *
 * <p>Arguments: WORK_DIR [ROWS=1000000] [ROUNDS=2] [MAX_COMPLETION_WORDS=1200]. System properties:
 * {@code bench.computeOnly} skips the Parquet writes, {@code bench.keepInput} keeps the generated annotated folder.
 */
public final class DropoutBenchmark {
  private static final DropoutConfig CONFIG = DropoutConfig.uniform(20250617L, 0.5, 0.5)
      .withMarkerLists(List.of(), List.of("quality"));

  private DropoutBenchmark() {}

  public static void main(String[] args) {
    Path work = Path.of(args[0]);
    long rows = args.length > 1 ? Long.parseLong(args[1]) : 1_000_000L;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 2;
    int maxWords = args.length > 3 ? Integer.parseInt(args[3]) : 1200;
    SparkSession spark = SparkSession.builder().master("local[2]").appName("dropout-bench")
        .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
        .config("spark.sql.shuffle.partitions", "8").getOrCreate();
    spark.sparkContext().setLogLevel("WARN");
    try {
      run(spark, work, rows, rounds, maxWords);
    } finally {
      spark.stop();
    }
  }

  private static void run(SparkSession spark, Path work, long rows, int rounds, int maxWords) {
    String annotated = work.resolve("annotated/examples").toString();
    delete(work);
    double generate = seconds(() -> {
      SyntheticAnnotatedExamples.generate(spark, rows, 2025, 8, maxWords).write().partitionBy("dataset").parquet(annotated);
      return null;
    });
    Dataset<Row> in = spark.read().parquet(annotated);
    System.out.printf("input: %,d rows, %d Parquet files, %.1f MB (generated in %.1f s; completions up to %d words)%n",
        in.count(), in.inputFiles().length, size(work.resolve("annotated")) / 1e6, generate, maxWords);

    Map<String, Supplier<Dataset<Row>>> writes = new LinkedHashMap<>();
    writes.put("baseline: read + write", () -> spark.read().parquet(annotated));
    writes.put("prepare: read + dropout + format + write", () -> prepared(spark.read().parquet(annotated)));
    // What the ratio would be if the prepared rows did not repeat prompt and completion next to the texts
    // that contain them (the training-example schema requires both today).
    writes.put("variant: prepare without prompt/completion columns", () -> prepared(spark.read().parquet(annotated))
        .drop("prompt", "completion"));
    TrainConfig trainConfig = TrainConfigs.withDropout("{\"seed\": " + CONFIG.seed()
        + ", \"dataset_rate\": 0.5, \"sample_rate\": 0.5, \"prompt_excluded_markers\": [\"quality\"]}");
    Map<String, Supplier<Dataset<Row>>> compute = new LinkedHashMap<>();
    compute.put("read only", () -> spark.read().parquet(annotated));
    compute.put("read + dropout stages (SQL dataset, Java UDF sample)", () -> stagesDropout(spark.read().parquet(annotated)));
    compute.put("read + Java row dropout (mapPartitions)", () -> JavaRowDropout.apply(spark.read().parquet(annotated).drop("marker_origin"),
        CONFIG.seed(), CONFIG.datasetRate(), CONFIG.sampleRate(), Set.of(), Set.copyOf(CONFIG.promptExcludedMarkers())));
    compute.put("read + SQL dataset + SQL higher-order-function sample dropout", () -> SqlSampleDropoutOracle.apply(
        ((Transformer) PreparationPipeline.build(CONFIG).getStages()[0]).transform(spark.read().parquet(annotated)),
        CONFIG.seed(), CONFIG.sampleRate(), Set.of(), Set.copyOf(CONFIG.promptExcludedMarkers())));
    compute.put("read + dropout stages + Formatter (Template.render UDF)", () -> new Formatter().transform(stagesDropout(spark.read().parquet(annotated))));

    // Warm-up (JIT, code generation) on a slice, not timed.
    spark.read().parquet(annotated).limit(20_000).write().format("noop").mode("overwrite").save();
    prepared(spark.read().parquet(annotated).limit(20_000)).write().format("noop").mode("overwrite").save();

    Map<String, List<Double>> times = new LinkedHashMap<>();
    for (int round = 0; round < rounds; round++) {
      int r = round;
      if (Boolean.getBoolean("bench.computeOnly")) {
        writes.clear();
      }
      writes.forEach((name, plan) -> times.computeIfAbsent(timing = name, n -> new ArrayList<>()).add(seconds(() -> {
        String out = work.resolve("out-" + r + "-" + Math.abs(name.hashCode())).toString();
        plan.get().write().parquet(out);
        delete(Path.of(out));
        return null;
      })));
      if (!Boolean.getBoolean("bench.computeOnly")) {
        times.computeIfAbsent(timing = "TrainingSetPreparation.prepare (+ count, pipeline, report.json)", n -> new ArrayList<>())
          .add(seconds(() -> {
            String out = work.resolve("job-" + r).toString();
            TrainingSetPreparation.prepare(spark, work.resolve("annotated").toString(), out, trainConfig, false);
            delete(Path.of(out));
            return null;
          }));
      }
      compute.forEach((name, plan) -> times.computeIfAbsent(timing = "compute, " + name, n -> new ArrayList<>()).add(seconds(() -> {
        plan.get().write().format("noop").mode("overwrite").save();
        return null;
      })));
    }
    System.out.println();
    System.out.println("(wall = elapsed seconds; cpu = CPU seconds of this JVM, less disturbed by other processes)");
    times.forEach((name, list) -> System.out.printf("%-64s wall best %7.2f s %s   cpu best %7.2f s %s%n", name,
        list.stream().min(Double::compare).orElseThrow(), format(list),
        CPU.get(name).stream().min(Double::compare).orElseThrow(), format(CPU.get(name))));
    if (times.containsKey("baseline: read + write")) {
      double base = best(times, "baseline: read + write");
      double prep = best(times, "prepare: read + dropout + format + write");
      System.out.printf("%nRATIO prepare / baseline = %.2f wall, %.2f cpu (goal <= 1.30)%n", prep / base,
          best(CPU, "prepare: read + dropout + format + write") / best(CPU, "baseline: read + write"));
      System.out.printf("variant without prompt/completion / baseline = %.2f wall, %.2f cpu%n",
          best(times, "variant: prepare without prompt/completion columns") / base,
          best(CPU, "variant: prepare without prompt/completion columns") / best(CPU, "baseline: read + write"));
    }
    double read = best(times, "compute, read only");
    double stages = best(times, "compute, read + dropout stages (SQL dataset, Java UDF sample)");
    System.out.printf("dropout above read, wall: stages %.2f s, Java mapPartitions %.2f s, SQL higher-order functions %.2f s%n",
        stages - read, best(times, "compute, read + Java row dropout (mapPartitions)") - read,
        best(times, "compute, read + SQL dataset + SQL higher-order-function sample dropout") - read);
    double readCpu = best(CPU, "compute, read only");
    double stagesCpu = best(CPU, "compute, read + dropout stages (SQL dataset, Java UDF sample)");
    System.out.printf("dropout above read, cpu:  stages %.2f s, Java mapPartitions %.2f s, SQL higher-order functions %.2f s%n",
        stagesCpu - readCpu, best(CPU, "compute, read + Java row dropout (mapPartitions)") - readCpu,
        best(CPU, "compute, read + SQL dataset + SQL higher-order-function sample dropout") - readCpu);
    System.out.printf("Formatter above dropout, cpu: %.2f s%n",
        best(CPU, "compute, read + dropout stages + Formatter (Template.render UDF)") - stagesCpu);

    String sample = work.resolve("sample").toString();
    prepared(spark.read().parquet(annotated).limit(2_000)).write().parquet(sample);
    printExamples(spark.read().parquet(sample));
    if (Boolean.getBoolean("bench.keepInput")) {
      delete(Path.of(sample));
      System.out.println("\nkept the annotated input for reuse: " + work.resolve("annotated"));
    } else {
      delete(work);
    }
  }

  private static Dataset<Row> stagesDropout(Dataset<Row> annotated) {
    PipelineStage[] stages = PreparationPipeline.build(CONFIG).getStages();
    return ((Transformer) stages[1]).transform(((Transformer) stages[0]).transform(annotated));
  }

  private static Dataset<Row> prepared(Dataset<Row> annotated) {
    Column[] columns = Stream.of(TrainingExampleSchema.columns()).map(c -> col(c)).toArray(Column[]::new);
    return PreparationPipeline.build(CONFIG).fit(annotated).transform(annotated).select(columns);
  }

  /** The first five rows by id, texts shortened for reading. */
  private static void printExamples(Dataset<Row> prepared) {
    System.out.println("\nFive formatted examples (prompt and completion shortened to 60 characters):");
    for (Row r : prepared.orderBy("id").select("id", "dropout", "prompt", "completion", "input_text", "target_text")
        .limit(5).collectAsList()) {
      System.out.println("---- " + r.getString(0) + " (dropout " + r.getString(1) + ")");
      System.out.println("input_text:\n" + shorten(r.getString(4), r.getString(2)));
      System.out.println("target_text:\n" + shorten(r.getString(5), r.getString(3)));
    }
  }

  private static String shorten(String text, String part) {
    String shortPart = part.length() <= 60 ? part : part.substring(0, 60) + " [... " + (part.length() - 60) + " more chars]";
    return text.replace(part, shortPart);
  }

  private static double best(Map<String, List<Double>> times, String name) {
    return times.get(name).stream().min(Double::compare).orElseThrow();
  }

  private static String format(List<Double> list) {
    return list.stream().map(d -> String.format("%.2f", d)).toList().toString();
  }

  private static final Map<String, List<Double>> CPU = new LinkedHashMap<>();
  private static String timing = "";

  /** Wall seconds; the process CPU seconds of the same run go to CPU under the current label. */
  private static double seconds(Supplier<Void> work) {
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    long cpu = os.getProcessCpuTime();
    long start = System.nanoTime();
    work.get();
    double wall = (System.nanoTime() - start) / 1e9;
    CPU.computeIfAbsent(timing, n -> new ArrayList<>()).add((os.getProcessCpuTime() - cpu) / 1e9);
    return wall;
  }

  private static long size(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void delete(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
