package org.treasuremarkers.spark.dropout;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.treasuremarkers.core.taxonomy.BucketCategory;
import org.treasuremarkers.core.taxonomy.CategoricalCategory;
import org.treasuremarkers.core.taxonomy.DecimalCategory;
import org.treasuremarkers.core.taxonomy.Taxonomy;
import org.treasuremarkers.core.taxonomy.TaxonomyLoader;
import scala.collection.JavaConverters;

/**
 * Seeded synthetic rows shaped like annotate-job's examples/ (datasets-schema/annotated-example.schema.json):
 * six datasets of different sizes, 5 to 13 markers per row with canonical values drawn from the default
 * taxonomy (code_type only for code, length_bucket consistent with length_tokens), varied text lengths.
 * Row i depends only on (seed, i), so any partitioning gives the same rows.
 */
public final class SyntheticAnnotatedExamples {
  public static final StructType SCHEMA = new StructType()
      .add("id", DataTypes.StringType, false)
      .add("dataset", DataTypes.StringType, false)
      .add("prompt", DataTypes.StringType, false)
      .add("completion", DataTypes.StringType, false)
      .add("markers", ColumnRequirements.MARKERS, false)
      .add("marker_origin", ColumnRequirements.MARKERS, false);

  static final String[] DATASETS = {"alpaca", "codealpaca", "oasst", "mgsm", "humaneval", "aya"};
  private static final double[] DATASET_WEIGHTS = {0.30, 0.20, 0.25, 0.10, 0.05, 0.10};
  private static final String[] ORIGINS = {"input", "dataset", "rule", "model"};

  private SyntheticAnnotatedExamples() {}

  /** {@code rows} examples; completions have up to {@code maxCompletionWords} words (log-uniform). */
  public static Dataset<Row> generate(SparkSession spark, long rows, long seed, int partitions, int maxCompletionWords) {
    Generator generator = new Generator(TaxonomyLoader.loadDefault(), seed, maxCompletionWords);
    return spark.range(0, rows, 1, partitions).map(generator, Encoders.row(SCHEMA));
  }

  static final class Generator implements MapFunction<Long, Row> {
    private static final long serialVersionUID = 1L;
    private final Taxonomy taxonomy;
    private final long seed;
    private final int maxCompletionWords;

    Generator(Taxonomy taxonomy, long seed, int maxCompletionWords) {
      this.taxonomy = taxonomy;
      this.seed = seed;
      this.maxCompletionWords = maxCompletionWords;
    }

    @Override
    public Row call(Long index) {
      SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + index);
      String dataset = pick(random, DATASETS, DATASET_WEIGHTS);
      boolean code = dataset.equals("codealpaca") || dataset.equals("humaneval");
      Map<String, String> m = new LinkedHashMap<>();
      m.put("task", code ? pick(random, "CodeGeneration", "CodeFix", "CodeTranslation", "CodeExplanation") : value(random, "task"));
      m.put("domain", code ? "Code" : dataset.equals("mgsm") ? "Math" : value(random, "domain"));
      m.put("lang", random.nextDouble() < 0.6 ? "English" : value(random, "lang"));
      int words = (int) Math.round(Math.exp(random.nextDouble() * Math.log(maxCompletionWords)));
      m.put("length_tokens", Integer.toString(words));
      m.put("length_bucket", taxonomy.category("length_bucket", BucketCategory.class).bucketOf(words));
      m.put("length_sentences", Integer.toString(1 + words / 15));
      m.put("length_paragraphs", Integer.toString(1 + words / 80));
      if (random.nextDouble() < 0.8) {
        m.put("quality", taxonomy.category("quality", DecimalCategory.class).canonical(random.nextDouble() * 5));
        m.put("quality_bucket", Integer.toString(1 + random.nextInt(4)));
      }
      if (random.nextDouble() < 0.4) {
        m.put("format", value(random, "format"));
      }
      if (random.nextDouble() < 0.3) {
        m.put("style", value(random, "style"));
      }
      if (random.nextDouble() < 0.9) {
        m.put("source", value(random, "source"));
      }
      if (code || random.nextDouble() < 0.05) {
        m.put("code_type", value(random, "code_type"));
      }
      Map<String, String> origin = new LinkedHashMap<>();
      m.keySet().forEach(k -> origin.put(k, ORIGINS[random.nextInt(ORIGINS.length)]));
      String prompt = text(random, 3 + random.nextInt(60));
      String completion = text(random, words);
      return RowFactory.create(dataset + "-" + index, dataset, prompt, completion, scala(m), scala(origin));
    }

    private String value(SplittableRandom random, String category) {
      List<String> values = taxonomy.category(category, CategoricalCategory.class).values();
      return values.get(random.nextInt(values.size()));
    }

    private static String pick(SplittableRandom random, String... values) {
      return values[random.nextInt(values.length)];
    }

    private static String pick(SplittableRandom random, String[] values, double[] weights) {
      double u = random.nextDouble();
      for (int i = 0; i < values.length; i++) {
        u -= weights[i];
        if (u < 0) {
          return values[i];
        }
      }
      return values[values.length - 1];
    }

    /** Pseudo-words of 1 to 10 letters, sentences of about 15 words, paragraphs of about 80. */
    private static String text(SplittableRandom random, int words) {
      StringBuilder out = new StringBuilder(words * 6);
      for (int w = 0; w < words; w++) {
        if (w > 0) {
          out.append(w % 80 == 0 ? "\n\n" : ' ');
        }
        int letters = 1 + random.nextInt(10);
        for (int c = 0; c < letters; c++) {
          out.append((char) ('a' + random.nextInt(26)));
        }
        if (w % 15 == 14) {
          out.append('.');
        }
      }
      return out.toString();
    }
  }

  static scala.collection.Map<String, String> scala(Map<String, String> map) {
    return JavaConverters.mapAsScalaMap(map);
  }

  static List<String> datasets() {
    return new ArrayList<>(List.of(DATASETS));
  }
}
