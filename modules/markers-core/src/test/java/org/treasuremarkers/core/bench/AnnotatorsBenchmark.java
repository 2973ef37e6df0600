package org.treasuremarkers.core.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.treasuremarkers.core.annotate.AnnotationRules;
import org.treasuremarkers.core.annotate.Annotator;
import org.treasuremarkers.core.annotate.ExampleAnnotator;
import org.treasuremarkers.core.annotate.MarkerBuilder;
import org.treasuremarkers.core.annotate.StandardAnnotators;
import org.treasuremarkers.core.example.RawExample;
import org.treasuremarkers.core.taxonomy.Taxonomy;
import org.treasuremarkers.core.taxonomy.TaxonomyLoader;
import org.treasuremarkers.core.testing.SharedDatasetReaders;

/**
 * Throughput of the standard annotators on one thread over the shared data mix (every file of
 * {@code ../shared/datasets}): examples per second per core for {@link ExampleAnnotator} with
 * {@link StandardAnnotators}, then each annotator alone. Rates are examples per CPU-second of the whole process,
 * so other load on a shared machine does not lower them much, and work that Lingua hands to the common
 * ForkJoinPool (it scores n-gram orders in parallel) or that GC and JIT do is counted too; the wall-clock rate is
 * printed as well. The baseline measured in the same run is the length annotator alone (one ICU word pass), so the
 * figure is also given as a cost ratio against it.
 *
 * <p>Run with {@code bench/annotators.sh [datasetsDir] [warmupPasses] [measuredPasses]}.
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
    List<RawExample> mix = SharedDatasetReaders.all(datasets);
    Taxonomy taxonomy = TaxonomyLoader.loadDefault();
    long t0 = System.nanoTime();
    List<Annotator> annotators = StandardAnnotators.create(taxonomy, AnnotationRules.loadDefault());
    ExampleAnnotator all = new ExampleAnnotator(taxonomy, annotators);
    all.annotate(mix.get(0), Map.of());
    System.out.printf("data mix: %d examples from %s; annotators built in %.1f s%n", mix.size(), datasets,
        (System.nanoTime() - t0) / 1e9);
    System.out.printf("java %s, %d available processors, one calling thread, %d warm-up + %d measured passes%n",
        System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(), warmup, measured);

    double allRate = rate("all annotators (ExampleAnnotator)", mix, warmup, measured,
        e -> all.annotate(e, Map.of()));
    Map<String, Double> alone = new LinkedHashMap<>();
    for (Annotator a : annotators) {
      String name = a.getClass().getSimpleName();
      alone.put(name, rate(name + " alone", mix, Math.max(1, warmup / 2), measured,
          e -> a.annotate(e, new MarkerBuilder(taxonomy))));
    }
    System.gc();
    Runtime rt = Runtime.getRuntime();
    System.out.printf("heap in use after the runs (Lingua models loaded): %.0f MB%n",
        (rt.totalMemory() - rt.freeMemory()) / 1048576.0);
    double baseline = alone.get("LengthAnnotator");
    System.out.printf("%nRESULT all annotators: %.0f examples/s per core (%.1f us/example); "
        + "cost %.2fx the length annotator alone (baseline, %.0f examples/s)%n",
        allRate, 1e6 / allRate, baseline / allRate, baseline);
    alone.forEach((name, r) -> System.out.printf("  %-20s %8.1f us/example  (%.0f%% of the total time)%n",
        name, 1e6 / r, 100 * (1e6 / r) / (1e6 / allRate)));
  }

  private interface Work {
    void run(RawExample example);
  }

  // Rates per pass from the process's CPU time (not the calling thread's: Lingua computes on the common pool's
  // threads) and from wall time; the median pass by CPU time is returned.
  private static double rate(String label, List<RawExample> mix, int warmup, int measured, Work work) {
    for (int p = 0; p < warmup; p++) {
      mix.forEach(work::run);
    }
    List<Double> cpuRates = new ArrayList<>();
    List<Double> wallRates = new ArrayList<>();
    for (int p = 0; p < measured; p++) {
      long cpu = PROCESS.getProcessCpuTime();
      long wall = System.nanoTime();
      mix.forEach(work::run);
      wallRates.add(mix.size() / ((System.nanoTime() - wall) / 1e9));
      cpuRates.add(mix.size() / ((PROCESS.getProcessCpuTime() - cpu) / 1e9));
    }
    cpuRates.sort(Double::compare);
    wallRates.sort(Double::compare);
    double median = cpuRates.get(cpuRates.size() / 2);
    System.out.printf("%-36s median %8.0f examples/s per CPU-second (wall: median %.0f/s; CPU passes %s)%n", label,
        median, wallRates.get(wallRates.size() / 2), cpuRates.stream().map(r -> String.format("%.0f", r)).toList());
    return median;
  }

  private static final com.sun.management.OperatingSystemMXBean PROCESS =
      (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
}
