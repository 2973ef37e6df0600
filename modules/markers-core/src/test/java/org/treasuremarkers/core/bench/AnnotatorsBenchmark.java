package org.treasuremarkers.core.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.treasuremarkers.core.annotate.AnnotationRules;
import org.treasuremarkers.core.annotate.Annotator;
import org.treasuremarkers.core.annotate.ExampleAnnotator;
import org.treasuremarkers.core.annotate.LanguageAnnotator;
import org.treasuremarkers.core.annotate.MarkerBuilder;
import org.treasuremarkers.core.annotate.StandardAnnotators;
import org.treasuremarkers.core.example.Annotation;
import org.treasuremarkers.core.example.RawExample;
import org.treasuremarkers.core.taxonomy.Taxonomy;
import org.treasuremarkers.core.taxonomy.TaxonomyLoader;
import org.treasuremarkers.core.testing.Confusion;

/**
 * Cost of the standard annotators on one thread over the multilingual {@link BenchSample}: CPU-microseconds per
 * example of {@link ExampleAnnotator} with {@link StandardAnnotators}, then per annotator (inside the pipeline, so
 * what one annotator leaves for the next counts where it is computed; and each alone on a fresh builder), with its
 * share. CPU is the whole process's, so work that Lingua hands to the common ForkJoinPool, GC and JIT count too.
 * Then {@code lang} accuracy per labelled set of the sample and the language annotator's cost on each.
 *
 * <p>Run with {@code bench/annotators.sh [datasetsDir] [warmupPasses] [measuredPasses]}; with
 * {@code -Dbench.dump=FILE} it also writes every example's markers (id TAB markers), to compare two versions.
 */
public final class AnnotatorsBenchmark {
  private AnnotatorsBenchmark() {}

  public static void main(String[] args) {
    Path datasets = Path.of(args.length > 0 ? args[0] : "../shared/datasets").toAbsolutePath().normalize();
    int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    int measured = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    if (!Files.isRegularFile(datasets.resolve("SHA256SUMS"))) {
      throw new IllegalArgumentException("no shared datasets at " + datasets + "; pass the folder as the first argument");
    }
    List<RawExample> mix = BenchSample.read(datasets);
    Taxonomy taxonomy = TaxonomyLoader.loadDefault();
    long t0 = System.nanoTime();
    List<Annotator> annotators = StandardAnnotators.create(taxonomy, AnnotationRules.loadDefault(),
        org.treasuremarkers.core.tagger.Tagger.shipped()); // as annotate-job runs them: the shipped tagger included
    ExampleAnnotator all = new ExampleAnnotator(taxonomy, annotators);
    all.annotate(mix.get(0), Map.of());
    System.out.printf("sample: %d examples from %s; annotators built in %.1f s%n", mix.size(), datasets,
        (System.nanoTime() - t0) / 1e9);
    System.out.printf("java %s, %d available processors, one calling thread, %d warm-up + %d measured passes%n",
        System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(), warmup, measured);
    String dump = System.getProperty("bench.dump");
    if (dump != null) {
      dump(all, mix, Path.of(dump));
    }

    double allUs = cpuMicros("all annotators (ExampleAnnotator)", mix, warmup, measured, e -> all.annotate(e, Map.of()));
    long[] inPipeline = new long[annotators.size()];
    cpuMicros("pipeline, each annotator timed", mix, 1, measured, e -> {
      MarkerBuilder b = new MarkerBuilder(taxonomy);
      for (int i = 0; i < annotators.size(); i++) {
        long s = System.nanoTime();
        annotators.get(i).annotate(e, b);
        inPipeline[i] += System.nanoTime() - s;
      }
    });
    Map<String, Double> alone = new LinkedHashMap<>();
    for (Annotator a : annotators) {
      String name = a.getClass().getSimpleName();
      alone.put(name, cpuMicros(name + " alone", mix, Math.max(1, warmup / 2), measured,
          e -> a.annotate(e, new MarkerBuilder(taxonomy))));
    }
    System.gc();
    Runtime rt = Runtime.getRuntime();
    System.out.printf("heap in use after the runs (Lingua models loaded): %.0f MB%n",
        (rt.totalMemory() - rt.freeMemory()) / 1048576.0);
    long pipelineTotal = java.util.Arrays.stream(inPipeline).sum();
    System.out.printf("%nRESULT all annotators: %.1f CPU-us/example (%.0f examples per CPU-second)%n", allUs, 1e6 / allUs);
    System.out.printf("  %-20s %16s %7s %18s%n", "annotator", "in pipeline (us)", "share", "alone (CPU-us)");
    int i = 0;
    for (Map.Entry<String, Double> e : alone.entrySet()) {
      double us = inPipeline[i] / 1e3 / ((measured + 1) * (double) mix.size()); // one warm-up pass included
      System.out.printf("  %-20s %16.1f %6.1f%% %18.1f%n", e.getKey(), us, 100.0 * inPipeline[i] / pipelineTotal,
          e.getValue());
      i++;
    }
    languageAccuracy(taxonomy, mix, measured);
  }

  /** lang accuracy per labelled set, and the language annotator's CPU cost on each set. */
  private static void languageAccuracy(Taxonomy taxonomy, List<RawExample> mix, int measured) {
    LanguageAnnotator lang = new LanguageAnnotator(taxonomy);
    Map<String, List<RawExample>> sets = new LinkedHashMap<>();
    for (RawExample e : mix) {
      String set = e.metadata().get(BenchSample.SET);
      if (set != null) {
        sets.computeIfAbsent(set, k -> new ArrayList<>()).add(e);
      }
    }
    System.out.printf("%nlang accuracy (completion's language, else the prompt's; none = no answer)%n");
    System.out.printf("  %-8s %6s %8s %6s %6s %14s%n", "set", "rows", "correct", "none", "wrong", "CPU-us/example");
    sets.forEach((name, rows) -> {
      Confusion c = new Confusion("lang on " + name);
      int none = 0;
      for (RawExample e : rows) {
        String got = lang.languageOfExample(e.prompt(), e.completion());
        none += got == null ? 1 : 0;
        c.add(e.metadata().get(BenchSample.LANG), got);
      }
      double us = cpuMicros("  lang on " + name, rows, 1, measured, e -> lang.languageOfExample(e.prompt(), e.completion()));
      System.out.printf("  %-8s %6d %7.2f%% %6d %6d %14.1f%n", name, c.total(), 100 * c.accuracy(), none,
          c.total() - c.correct() - none, us);
      if (Boolean.getBoolean("bench.confusion")) {
        System.out.print(c.summary());
      }
    });
  }

  private static void dump(ExampleAnnotator all, List<RawExample> mix, Path file) {
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (RawExample e : mix) {
        Annotation a = all.annotate(e, Map.of());
        out.write(e.id() + "\t" + a.markers() + "\n");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    System.out.println("markers of every example written to " + file);
  }

  private interface Work {
    void run(RawExample example);
  }

  // CPU-microseconds per example, per pass from the process's CPU time (not the calling thread's: Lingua computes
  // on the common pool's threads); the median pass is returned.
  private static double cpuMicros(String label, List<RawExample> mix, int warmup, int measured, Work work) {
    for (int p = 0; p < warmup; p++) {
      mix.forEach(work::run);
    }
    List<Double> cpu = new ArrayList<>();
    List<Double> wall = new ArrayList<>();
    for (int p = 0; p < measured; p++) {
      long c0 = PROCESS.getProcessCpuTime();
      long w0 = System.nanoTime();
      mix.forEach(work::run);
      wall.add((System.nanoTime() - w0) / 1e3 / mix.size());
      cpu.add((PROCESS.getProcessCpuTime() - c0) / 1e3 / mix.size());
    }
    cpu.sort(Double::compare);
    wall.sort(Double::compare);
    double median = cpu.get(cpu.size() / 2);
    System.out.printf("%-36s median %7.1f CPU-us/example (wall %.1f us; CPU passes %s)%n", label, median,
        wall.get(wall.size() / 2), cpu.stream().map(r -> String.format("%.1f", r)).toList());
    return median;
  }

  private static final com.sun.management.OperatingSystemMXBean PROCESS =
      (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
}
