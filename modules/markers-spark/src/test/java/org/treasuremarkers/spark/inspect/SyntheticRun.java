package org.treasuremarkers.spark.inspect;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.treasuremarkers.core.taxonomy.BucketCategory;
import org.treasuremarkers.core.taxonomy.CategoricalCategory;
import org.treasuremarkers.core.taxonomy.Category;
import org.treasuremarkers.core.taxonomy.DecimalCategory;
import org.treasuremarkers.core.taxonomy.IntegerCategory;
import org.treasuremarkers.core.taxonomy.QuantileCategory;
import org.treasuremarkers.core.taxonomy.Taxonomy;
import org.treasuremarkers.core.template.Template;

/**
 * Seeded synthetic annotated runs shaped like annotate-job's output, for tests of MarkerStats and the report.
 * Categories and values come from the taxonomy; listed values are drawn from a Zipf-like law so there is a
 * head and a long tail (and, with few rows, taxonomy values no row has). Expected counts are computed here in
 * plain Java while generating, independently of Spark, and written as {@code stats/markers.csv} the way
 * annotate-job writes it.
 */
public final class SyntheticRun {
  public static final String[] DATASETS = {"alpha", "beta", "gamma"};
  private static final double[] DATASET_WEIGHTS = {0.6, 0.3, 0.1};
  private static final String[] ORIGINS = {"input", "dataset", "rule", "model"};

  /** One annotated row. */
  public record Example(String id, String dataset, String prompt, String completion,
      Map<String, String> markers, Map<String, String> origins) {}

  /** One prepared row: the example and the markers left on its prompt side. */
  public record Prepared(Example example, Map<String, String> promptMarkers, String dropout) {}

  private final Taxonomy taxonomy;
  private final List<Example> examples;

  public SyntheticRun(Taxonomy taxonomy, List<Example> examples) {
    this.taxonomy = taxonomy;
    this.examples = List.copyOf(examples);
  }

  /**
   * Writes a synthetic annotated run and its prepared set, to try the report or the notebook without running
   * annotate-job: {@code SyntheticRun DIR [ROWS [SEED]]} writes DIR/annotated and DIR/prepared.
   */
  public static void main(String[] args) {
    if (args.length < 1) {
      System.err.println("usage: SyntheticRun DIR [ROWS [SEED]]");
      System.exit(2);
    }
    int rows = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
    long seed = args.length > 2 ? Long.parseLong(args[2]) : 1;
    SparkSession spark = SparkSession.builder().master("local[2]").appName("synthetic-run")
        .config("spark.ui.enabled", "false").getOrCreate();
    SyntheticRun run = generate(org.treasuremarkers.core.taxonomy.TaxonomyLoader.loadDefault(), seed, rows);
    run.writeAnnotated(spark, Path.of(args[0], "annotated"));
    run.writePrepared(spark, Path.of(args[0], "prepared"), seed);
    spark.stop();
  }

  /** {@code rows} examples drawn with {@code seed}. */
  public static SyntheticRun generate(Taxonomy taxonomy, long seed, int rows) {
    Random random = new Random(seed);
    // Per category: how often a row has a value, and the origins its values come from, drawn once per run.
    Map<String, Double> presence = new LinkedHashMap<>();
    Map<String, Integer> mainOrigin = new LinkedHashMap<>();
    for (String name : taxonomy.names()) {
      presence.put(name, 0.35 + 0.65 * random.nextDouble());
      mainOrigin.put(name, random.nextInt(ORIGINS.length));
    }
    List<Example> out = new ArrayList<>();
    for (int i = 0; i < rows; i++) {
      String dataset = DATASETS[pick(random, DATASET_WEIGHTS)];
      Map<String, String> markers = new TreeMap<>();
      Map<String, String> origins = new TreeMap<>();
      for (Category category : taxonomy.categories().values()) {
        if (category instanceof BucketCategory || category instanceof QuantileCategory) {
          continue; // derived below from the category they are computed from
        }
        if (random.nextDouble() >= presence.get(category.name())) {
          continue;
        }
        String value;
        if (category instanceof CategoricalCategory c) {
          value = zipf(random, c.values());
        } else if (category instanceof IntegerCategory c) {
          value = Long.toString(Math.max(c.min(), 0) + (long) random.nextInt(1400));
        } else if (category instanceof DecimalCategory) {
          value = String.format(Locale.ROOT, "%.2f", random.nextInt(501) / 100.0);
        } else {
          throw new IllegalStateException("unexpected category " + category);
        }
        markers.put(category.name(), taxonomy.canonical(category.name(), value));
        origins.put(category.name(), origin(random, mainOrigin.get(category.name())));
      }
      for (Category category : taxonomy.categories().values()) {
        if (category instanceof BucketCategory b && markers.containsKey(b.of())) {
          markers.put(b.name(), b.bucketOf(Long.parseLong(markers.get(b.of()))));
          origins.put(b.name(), "rule");
        } else if (category instanceof QuantileCategory q && markers.containsKey(q.of())) {
          markers.put(q.name(), zipf(random, q.values()));
          origins.put(q.name(), "rule");
        }
      }
      String id = String.format(Locale.ROOT, "syn-%05d", i);
      out.add(new Example(id, dataset, "prompt " + i + " of " + dataset, "completion " + i, markers, origins));
    }
    return new SyntheticRun(taxonomy, out);
  }

  /**
   * The "next night": the same ids except the first {@code dropped} rows, {@code added} new rows, and every
   * {@code changeEvery}-th remaining row with a new value for {@code marker} (or losing it when
   * {@code newValue} is null).
   */
  public SyntheticRun nextNight(int dropped, int added, int changeEvery, String marker, String newValue) {
    List<Example> next = new ArrayList<>();
    for (int i = dropped; i < examples.size(); i++) {
      Example e = examples.get(i);
      if ((i - dropped) % changeEvery == 0) {
        Map<String, String> markers = new TreeMap<>(e.markers());
        Map<String, String> origins = new TreeMap<>(e.origins());
        if (newValue == null) {
          markers.remove(marker);
          origins.remove(marker);
        } else {
          markers.put(marker, newValue);
          origins.put(marker, "model");
        }
        e = new Example(e.id(), e.dataset(), e.prompt(), e.completion(), markers, origins);
      }
      next.add(e);
    }
    for (int i = 0; i < added; i++) {
      Example template = examples.get(i % examples.size());
      next.add(new Example("new-" + i, template.dataset(), template.prompt(), template.completion(),
          template.markers(), template.origins()));
    }
    return new SyntheticRun(taxonomy, next);
  }

  public List<Example> examples() {
    return examples;
  }

  public int rows() {
    return examples.size();
  }

  // ---- expected figures, computed without Spark ----

  /** Rows per value of {@code marker} ({@link MarkerStats#NO_VALUE} for none), among rows matching {@code filter}. */
  public Map<String, Long> counts(String marker, Predicate<Example> filter) {
    Map<String, Long> counts = new TreeMap<>();
    for (Example e : examples) {
      if (filter.test(e)) {
        counts.merge(e.markers().getOrDefault(marker, MarkerStats.NO_VALUE), 1L, Long::sum);
      }
    }
    return counts;
  }

  public Map<String, Long> counts(String marker) {
    return counts(marker, e -> true);
  }

  /** Rows per origin of {@code marker} ({@link MarkerStats#NO_VALUE} for rows without the marker). */
  public Map<String, Long> originCounts(String marker) {
    Map<String, Long> counts = new TreeMap<>();
    for (Example e : examples) {
      counts.merge(e.origins().getOrDefault(marker, MarkerStats.NO_VALUE), 1L, Long::sum);
    }
    return counts;
  }

  /**
   * Lines of markers.csv as annotate-job writes them: {@code marker,value,dataset,count} for every taxonomy
   * category, rows without a value counted under an empty value field.
   */
  public List<String> markersCsvLines() {
    Map<String, Long> counts = new TreeMap<>();
    for (Example e : examples) {
      for (String marker : taxonomy.names()) {
        String value = e.markers().getOrDefault(marker, "");
        counts.merge(csv(marker) + "," + csv(value) + "," + csv(e.dataset()), 1L, Long::sum);
      }
    }
    List<String> lines = new ArrayList<>();
    lines.add("marker,value,dataset,count");
    counts.forEach((key, count) -> lines.add(key + "," + count));
    return lines;
  }

  // ---- writing the folders annotate-job and train-job --prepare-only write ----

  /** Writes {@code dir/examples} (Parquet partitioned by dataset), {@code dir/stats/markers.csv}, {@code dir/report.json}. */
  public Path writeAnnotated(SparkSession spark, Path dir) {
    List<Row> rows = new ArrayList<>();
    for (Example e : examples) {
      rows.add(RowFactory.create(e.id(), e.dataset(), e.prompt(), e.completion(), e.markers(), e.origins()));
    }
    Dataset<Row> frame = spark.createDataFrame(rows, annotatedSchema());
    frame.repartition(2).write().mode(SaveMode.Overwrite).partitionBy("dataset").parquet(dir.resolve("examples").toString());
    try {
      Files.createDirectories(dir.resolve("stats"));
      Files.write(dir.resolve("stats/markers.csv"), markersCsvLines(), StandardCharsets.UTF_8);
      Files.writeString(dir.resolve("report.json"), "{\"rows\": " + examples.size() + ", \"synthetic\": true}\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return dir;
  }

  /**
   * A prepared training set from this run: dataset {@code beta} loses every prompt-side marker (dataset-level
   * dropout); other rows lose each marker with probability 0.3 (sample-level); seeded by {@code seed} and id.
   */
  public List<Prepared> prepare(long seed) {
    List<Prepared> out = new ArrayList<>();
    for (Example e : examples) {
      Map<String, String> prompt = new TreeMap<>();
      String dropout;
      if (e.dataset().equals("beta")) {
        dropout = "dataset";
      } else {
        Random random = new Random(seed * 31 + e.id().hashCode());
        e.markers().forEach((k, v) -> {
          if (random.nextDouble() >= 0.3) {
            prompt.put(k, v);
          }
        });
        dropout = prompt.size() < e.markers().size() ? "sample" : "none";
      }
      out.add(new Prepared(e, prompt, dropout));
    }
    return out;
  }

  /**
   * Writes {@link #prepare(long)} as train-job --prepare-only does: Parquet in {@code dir/examples} with the
   * columns of datasets-schema/training-example.schema.json (no marker_origin).
   */
  public Path writePrepared(SparkSession spark, Path dir, long seed) {
    Template template = new Template(taxonomy);
    List<Row> rows = new ArrayList<>();
    for (Prepared p : prepare(seed)) {
      Example e = p.example();
      String input = p.promptMarkers().isEmpty() ? e.prompt() : e.prompt() + "\n" + template.render(p.promptMarkers());
      String target = template.render(e.markers()) + "\n" + e.completion();
      rows.add(RowFactory.create(e.id(), e.dataset(), e.prompt(), e.completion(), e.markers(),
          p.promptMarkers(), p.dropout(), input, target));
    }
    StructType schema = new StructType()
        .add("id", DataTypes.StringType, false)
        .add("dataset", DataTypes.StringType, false)
        .add("prompt", DataTypes.StringType, false)
        .add("completion", DataTypes.StringType, false)
        .add("markers", DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType), false)
        .add("prompt_markers", DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType), false)
        .add("dropout", DataTypes.StringType, false)
        .add("input_text", DataTypes.StringType, false)
        .add("target_text", DataTypes.StringType, false);
    spark.createDataFrame(rows, schema).coalesce(1).write().mode(SaveMode.Overwrite)
        .parquet(dir.resolve("examples").toString());
    return dir;
  }

  public static StructType annotatedSchema() {
    return new StructType()
        .add("id", DataTypes.StringType, false)
        .add("dataset", DataTypes.StringType, false)
        .add("prompt", DataTypes.StringType, false)
        .add("completion", DataTypes.StringType, false)
        .add("markers", DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType), false)
        .add("marker_origin", DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType), false);
  }

  private static String zipf(Random random, List<String> values) {
    double[] weights = new double[values.size()];
    for (int i = 0; i < weights.length; i++) {
      weights[i] = 1.0 / Math.pow(i + 1, 1.6);
    }
    return values.get(pick(random, weights));
  }

  private static String origin(Random random, int main) {
    return random.nextDouble() < 0.8 ? ORIGINS[main] : ORIGINS[random.nextInt(ORIGINS.length)];
  }

  private static int pick(Random random, double[] weights) {
    double total = 0;
    for (double w : weights) {
      total += w;
    }
    double x = random.nextDouble() * total;
    for (int i = 0; i < weights.length; i++) {
      x -= weights[i];
      if (x < 0) {
        return i;
      }
    }
    return weights.length - 1;
  }

  private static String csv(String field) {
    return field.contains(",") || field.contains("\"") ? "\"" + field.replace("\"", "\"\"") + "\"" : field;
  }
}
