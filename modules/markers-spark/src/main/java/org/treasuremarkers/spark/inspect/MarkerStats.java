package org.treasuremarkers.spark.inspect;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_position;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map_keys;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.storage.StorageLevel;
import org.treasuremarkers.core.taxonomy.Category;
import org.treasuremarkers.core.taxonomy.DecimalCategory;
import org.treasuremarkers.core.taxonomy.IntegerCategory;
import org.treasuremarkers.core.taxonomy.Taxonomy;
import org.treasuremarkers.core.taxonomy.TaxonomyLoader;
import scala.collection.JavaConverters;

/**
 * What an annotated (or prepared) dataset holds, marker by marker: distributions, cross-tabs, the long tail,
 * coverage, the effect of prompt-side dropout, and what moved between two runs. Every answer is a small
 * Spark {@code Dataset<Row>}: {@code .show()} it in a notebook or spark-shell, {@code .collectAsList()} it in
 * a job, write it as CSV.
 *
 * <pre>{@code
 * MarkerStats stats = MarkerStats.read(spark, "out/annotated");   // reads out/annotated/examples
 * stats.distribution("lang").show();                              // value, count, share
 * stats.longTail(0.02).show();                                    // marker, value, count, share
 * }</pre>
 *
 * <p>The marker categories are those of the {@link Taxonomy} (conf/taxonomy.json): a row that has no value for a
 * category counts under {@link #NO_VALUE}, so every category's counts add up to the number of rows. Shares are
 * fractions of all rows (of the dataset's rows in per-dataset views), between 0 and 1.
 */
public final class MarkerStats {
  /** The value shown for rows that carry no value for a marker (and the origin of such a marker). */
  public static final String NO_VALUE = "(none)";

  private final Dataset<Row> examples;
  private final Taxonomy taxonomy;
  private Dataset<Row> markerValues;

  private MarkerStats(Dataset<Row> examples, Taxonomy taxonomy) {
    this.examples = examples;
    this.taxonomy = taxonomy;
  }

  /**
   * Statistics over rows with at least the columns {@code id}, {@code dataset} and {@code markers}
   * (map&lt;string,string&gt;); {@code marker_origin} and {@code prompt_markers} are used when present.
   */
  public static MarkerStats of(Dataset<Row> examples, Taxonomy taxonomy) {
    AnnotatedColumns.require(examples, "the given Dataset", "id", "dataset", "markers");
    return new MarkerStats(examples.withColumn("dataset", col("dataset").cast(DataTypes.StringType)), taxonomy);
  }

  /** Reads annotate-job output ({@code dir/examples}) or a prepared training set (Parquet in {@code dir}). */
  public static MarkerStats read(SparkSession spark, String dir) {
    return read(spark, dir, TaxonomyLoader.loadDefault());
  }

  public static MarkerStats read(SparkSession spark, String dir, Taxonomy taxonomy) {
    return of(AnnotatedColumns.readParquet(spark, dir), taxonomy);
  }

  public Taxonomy taxonomy() {
    return taxonomy;
  }

  /** The rows these statistics are computed from. */
  public Dataset<Row> examples() {
    return examples;
  }

  public long rows() {
    return examples.count();
  }

  /** Keeps the per-marker view in memory: worth it before asking many questions of a large run. */
  public MarkerStats persist() {
    markerValues().persist(StorageLevel.MEMORY_AND_DISK());
    return this;
  }

  public MarkerStats unpersist() {
    markerValues().unpersist();
    return this;
  }

  /**
   * One row per example and taxonomy category: {@code id, dataset, marker, value, origin}; value and origin are
   * {@link #NO_VALUE} where the example has no value for the category. The base of every other view.
   */
  public synchronized Dataset<Row> markerValues() {
    if (markerValues == null) {
      boolean hasOrigin = AnnotatedColumns.has(examples, "marker_origin");
      List<Column> perMarker = new ArrayList<>();
      for (String marker : taxonomy.names()) {
        Column origin = hasOrigin ? col("marker_origin").getItem(marker) : lit(null).cast(DataTypes.StringType);
        perMarker.add(struct(
            lit(marker).as("marker"),
            coalesce(col("markers").getItem(marker), lit(NO_VALUE)).as("value"),
            coalesce(origin, lit(NO_VALUE)).as("origin")));
      }
      markerValues = examples
          .select(col("id"), col("dataset"), explode(array(perMarker.toArray(Column[]::new))).as("m"))
          .select(col("id"), col("dataset"), col("m.marker").as("marker"), col("m.value").as("value"),
              col("m.origin").as("origin"));
    }
    return markerValues;
  }

  /**
   * Counts per {@code marker, value, dataset}, including {@link #NO_VALUE} rows: the same table as
   * annotate-job's {@code stats/markers.csv}.
   */
  public Dataset<Row> counts() {
    return markerValues().groupBy("marker", "value", "dataset").agg(count(lit(1)).as("count"))
        .orderBy("marker", "dataset", "value");
  }

  /**
   * Where the markers of each dataset came from: {@code dataset, marker, origin, count} for the values rows carry
   * (origin input, dataset, rule or model; rows without a value are left out). Needs {@code marker_origin}.
   */
  public Dataset<Row> originsByDataset() {
    requireOrigins("originsByDataset");
    return markerValues().where(col("value").notEqual(NO_VALUE))
        .groupBy("dataset", "marker", "origin").agg(count(lit(1)).as("count"))
        .orderBy("dataset", "marker", "origin");
  }

  /** Distribution of one marker over all rows: {@code value, count, share}, in taxonomy order, no value last. */
  public Dataset<Row> distribution(String marker) {
    Category category = taxonomy.category(marker);
    Dataset<Row> counts = markerValues().where(col("marker").equalTo(marker))
        .groupBy("value").agg(count(lit(1)).as("count"));
    return withShare(counts, null).orderBy(valueOrder(category).toArray(Column[]::new));
  }

  /** Distribution of one marker within each dataset: {@code dataset, value, count, share} (share of the dataset). */
  public Dataset<Row> distributionByDataset(String marker) {
    Category category = taxonomy.category(marker);
    Dataset<Row> counts = markerValues().where(col("marker").equalTo(marker))
        .groupBy("dataset", "value").agg(count(lit(1)).as("count"));
    List<Column> order = new ArrayList<>();
    order.add(col("dataset"));
    order.addAll(valueOrder(category));
    return withShare(counts, "dataset").orderBy(order.toArray(Column[]::new));
  }

  /**
   * Cross-tab of two markers in long form: one row per pair of values that occurs, columns named after the
   * markers, plus {@code count} and {@code share} of all rows. For a wide table:
   * {@code crossTab("lang", "task").groupBy("lang").pivot("task").sum("count")}.
   */
  public Dataset<Row> crossTab(String rowMarker, String columnMarker) {
    Category rows = taxonomy.category(rowMarker);
    Category columns = taxonomy.category(columnMarker);
    if (rowMarker.equals(columnMarker)) {
      throw new IllegalArgumentException("crossTab needs two different markers, got '" + rowMarker + "' twice");
    }
    Dataset<Row> a = markerValues().where(col("marker").equalTo(rowMarker)).select(col("id"), col("value").as(rowMarker));
    Dataset<Row> b = markerValues().where(col("marker").equalTo(columnMarker)).select(col("id"), col("value").as(columnMarker));
    Dataset<Row> counts = a.join(b, "id").groupBy(rowMarker, columnMarker).agg(count(lit(1)).as("count"));
    List<Column> order = new ArrayList<>(valueOrder(rows, col(rowMarker)));
    order.addAll(valueOrder(columns, col(columnMarker)));
    return withShare(counts, null).orderBy(order.toArray(Column[]::new));
  }

  /**
   * The long tail of every category that lists its values (categorical, bucket and quantile categories; not the
   * free numbers such as length_tokens): values whose share of all rows is below {@code maxShare}, rarest first.
   * Values the taxonomy allows but no row has are the far end of the tail and come with count 0.
   * Columns {@code marker, value, count, share}.
   */
  public Dataset<Row> longTail(double maxShare) {
    List<String> listed = new ArrayList<>();
    for (Category category : taxonomy.categories().values()) {
      if (!category.values().isEmpty()) {
        listed.add(category.name());
      }
    }
    return tail(listed, maxShare);
  }

  /** The long tail of one category: {@code marker, value, count, share}, rarest first. */
  public Dataset<Row> longTail(String marker, double maxShare) {
    taxonomy.category(marker);
    return tail(List.of(marker), maxShare);
  }

  private Dataset<Row> tail(List<String> markers, double maxShare) {
    if (!(maxShare > 0 && maxShare <= 1)) {
      throw new IllegalArgumentException("maxShare is a fraction of rows in (0, 1], e.g. 0.02 for 2%; found " + maxShare);
    }
    SparkSession spark = examples.sparkSession();
    List<Row> declared = new ArrayList<>();
    for (String marker : markers) {
      for (String value : taxonomy.category(marker).values()) {
        declared.add(RowFactory.create(marker, value));
      }
    }
    Dataset<Row> allowed = spark.createDataFrame(declared, DataTypes.createStructType(List.of(
        DataTypes.createStructField("marker", DataTypes.StringType, false),
        DataTypes.createStructField("value", DataTypes.StringType, false))));
    Dataset<Row> seen = markerValues().where(col("marker").isin(markers.toArray()).and(col("value").notEqual(NO_VALUE)))
        .groupBy("marker", "value").agg(count(lit(1)).as("count"));
    long rows = rows();
    // Values outside the taxonomy cannot be stored by annotate-job, but a hand-made table might hold some: keep them.
    Dataset<Row> all = allowed.join(seen, JavaConverters.asScalaBuffer(List.of("marker", "value")).toSeq(), "full_outer")
        .withColumn("count", coalesce(col("count"), lit(0L)))
        .withColumn("share", rows == 0 ? lit(0.0) : col("count").divide((double) rows));
    return all.where(col("share").lt(maxShare)).select("marker", "value", "count", "share")
        .orderBy(col("share"), col("marker"), col("value"));
  }

  /**
   * Per marker: {@code marker, rows, with_value, without_value, without_share} (share of rows with no value),
   * in taxonomy order.
   */
  public Dataset<Row> coverage() {
    Column missing = when(col("value").equalTo(NO_VALUE), 1L).otherwise(0L);
    Dataset<Row> agg = markerValues().groupBy("marker")
        .agg(count(lit(1)).as("rows"), sum(missing).as("without_value"))
        .withColumn("with_value", col("rows").minus(col("without_value")))
        .withColumn("without_share", when(col("rows").equalTo(0), 0.0).otherwise(col("without_value").divide(col("rows"))));
    return agg.select("marker", "rows", "with_value", "without_value", "without_share").orderBy(markerOrder());
  }

  /**
   * Per marker and origin ({@code input, dataset, rule, model}, or {@link #NO_VALUE} for rows without a value):
   * {@code marker, origin, count, share} (share of all rows).
   */
  public Dataset<Row> coverageByOrigin() {
    requireOrigins("coverageByOrigin");
    Dataset<Row> counts = markerValues().groupBy("marker", "origin").agg(count(lit(1)).as("count"));
    return withShare(counts, "marker").orderBy(markerOrder(), col("origin"));
  }

  /**
   * Prompt side vs completion side after dropout (needs a prepared training set, with {@code prompt_markers}):
   * per marker {@code marker, rows, completion_side, prompt_side, completion_share, prompt_share, prompt_kept}
   * where completion_side counts rows whose {@code markers} has the marker (the completion always shows all),
   * prompt_side rows whose {@code prompt_markers} still has it, and prompt_kept = prompt_side / completion_side.
   */
  public Dataset<Row> dropoutEffect() {
    AnnotatedColumns.require(examples, "the prepared training set", "prompt_markers");
    List<Column> perMarker = new ArrayList<>();
    for (String marker : taxonomy.names()) {
      perMarker.add(struct(lit(marker).as("marker"),
          col("markers").getItem(marker).isNotNull().as("completion"),
          col("prompt_markers").getItem(marker).isNotNull().as("prompt")));
    }
    Dataset<Row> sides = examples.select(explode(array(perMarker.toArray(Column[]::new))).as("m")).select("m.*");
    Dataset<Row> agg = sides.groupBy("marker").agg(
        count(lit(1)).as("rows"),
        sum(when(col("completion"), 1L).otherwise(0L)).as("completion_side"),
        sum(when(col("prompt"), 1L).otherwise(0L)).as("prompt_side"));
    return agg
        .withColumn("completion_share", col("completion_side").divide(col("rows")))
        .withColumn("prompt_share", col("prompt_side").divide(col("rows")))
        .withColumn("prompt_kept", when(col("completion_side").equalTo(0), lit(null).cast(DataTypes.DoubleType))
            .otherwise(col("prompt_side").divide(col("completion_side"))))
        .orderBy(markerOrder());
  }

  /** How many prepared rows each dropout kind touched: {@code dropout, count, share}. */
  public Dataset<Row> dropoutKinds() {
    AnnotatedColumns.require(examples, "the prepared training set", "dropout");
    return withShare(examples.groupBy("dropout").agg(count(lit(1)).as("count")), null).orderBy("dropout");
  }

  /** Marker keys in the data that the taxonomy does not know (should be none): {@code marker, count}. */
  public Dataset<Row> unknownMarkers() {
    return examples.select(explode(map_keys(col("markers"))).as("marker"))
        .where(col("marker").isin(taxonomy.names().toArray()).unary_$bang())
        .groupBy("marker").agg(count(lit(1)).as("count")).orderBy("marker");
  }


  private void requireOrigins(String view) {
    if (!AnnotatedColumns.has(examples, "marker_origin")) {
      throw new IllegalStateException(view + " needs the column marker_origin (map<string,string>), which "
          + "annotate-job writes next to markers; these rows have only " + String.join(", ", examples.columns()));
    }
  }

  /** What moved between two runs (e.g. two nights) annotated with the same taxonomy. */
  public static RunComparison compare(MarkerStats before, MarkerStats after) {
    return new RunComparison(before, after);
  }

  // ---- helpers shared with RunComparison ----

  /** Adds {@code share} = count / total count (within {@code group} when given). */
  static Dataset<Row> withShare(Dataset<Row> counts, String group) {
    // partitionBy(lit(1)) rather than an empty window: same single partition (the table is small, one row per
    // value), without Spark's "No Partition Defined" warning in every log.
    Column total = sum("count").over(Window.partitionBy(group == null ? lit(1) : col(group)));
    return counts.withColumn("share", col("count").divide(total));
  }

  /** Sort order for a marker's values: taxonomy order for listed values, numeric for numbers, no value last. */
  List<Column> valueOrder(Category category) {
    return valueOrder(category, col("value"));
  }

  static List<Column> valueOrder(Category category, Column value) {
    List<Column> order = new ArrayList<>();
    order.add(when(value.equalTo(NO_VALUE), 1).otherwise(0));
    if (category instanceof IntegerCategory || category instanceof DecimalCategory) {
      order.add(value.cast(DataTypes.DoubleType));
    } else {
      order.add(array_position(array(category.values().stream().map(v -> lit(v)).toArray(Column[]::new)), value));
    }
    order.add(value);
    return order;
  }

  /** Taxonomy order of categories, for per-marker tables. */
  Column markerOrder() {
    return array_position(array(taxonomy.names().stream().map(n -> lit(n)).toArray(Column[]::new)), col("marker"));
  }
}
