package org.treasuremarkers.spark.quality;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map;
import static org.apache.spark.sql.functions.map_concat;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.param.DoubleArrayArrayParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.param.StringArrayParam;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import org.treasuremarkers.spark.annotate.StageSchemas;

/**
 * Applies quality splits per group: a row whose quality reaches k of its group's splits gets bucket
 * {@code numBuckets - k} (so "1" is the highest quality). A quality equal to a split falls in the higher bucket,
 * as in Spark's Bucketizer: where many rows tie at the top score (a capped heuristic gives many 5.00s), the
 * splits coincide with it and those rows are the best ones, so they must not land in the lowest bucket.
 * Rows without a quality, or of a group the model has no splits for, get no bucket; a bucket the row already
 * has (from its input) is kept. The splits are params, so a saved model re-applies exactly the same splits.
 */
public final class QualityBucketModel extends Model<QualityBucketModel> implements DefaultParamsWritable {
  private static final long serialVersionUID = 1L;
  /** Origin of a computed bucket: a rule over a dataset-wide statistic. */
  public static final String ORIGIN = "rule";

  private final String uid;
  final Param<String> markersCol;
  final Param<String> originCol;
  final Param<String> qualityMarker;
  final Param<String> groupMarker;
  final Param<String> bucketMarker;
  final IntParam numBuckets;
  final StringArrayParam groups;
  final DoubleArrayArrayParam splits;

  public QualityBucketModel(String uid) {
    this.uid = uid;
    // params need the uid, so they are created here rather than in field initialisers
    markersCol = new Param<>(this, "markersCol", "column of markers (map<string,string>)");
    originCol = new Param<>(this, "originCol", "column of marker origins (map<string,string>)");
    qualityMarker = new Param<>(this, "qualityMarker", "marker holding the quality score",
      (String s) -> !s.isEmpty());
    groupMarker = new Param<>(this, "groupMarker",
      "marker whose values have splits of their own (lang); rows without it use the group ''", (String s) -> !s.isEmpty());
    bucketMarker = new Param<>(this, "bucketMarker",
      "marker that receives the bucket, \"1\" = highest quality", (String s) -> !s.isEmpty());
    numBuckets = new IntParam(this, "numBuckets", "number of quantile buckets, at least 2",
      ParamValidators.gtEq(2));
    groups = new StringArrayParam(this, "groups", "group values that have splits, in order");
    splits = new DoubleArrayArrayParam(this, "splits",
      "per group (same order as groups): the numBuckets - 1 ascending quality splits");
    setDefault(markersCol, "markers");
    setDefault(originCol, "marker_origin");
    setDefault(qualityMarker, "quality");
    setDefault(groupMarker, "lang");
    setDefault(bucketMarker, "quality_bucket");
    setDefault(numBuckets, 4);
    setDefault(groups, new String[0]);
    setDefault(splits, new double[0][]);
  }

  @Override
  public String uid() {
    return uid;
  }

  public Param<String> markersCol() { return markersCol; }
  public Param<String> originCol() { return originCol; }
  public Param<String> qualityMarker() { return qualityMarker; }
  public Param<String> groupMarker() { return groupMarker; }
  public Param<String> bucketMarker() { return bucketMarker; }
  public IntParam numBuckets() { return numBuckets; }
  public StringArrayParam groups() { return groups; }
  public DoubleArrayArrayParam splits() { return splits; }

  public QualityBucketModel setMarkersCol(String v) { set(markersCol, v); return this; }
  public QualityBucketModel setOriginCol(String v) { set(originCol, v); return this; }

  public QualityBucketModel setSplits(String[] groupValues, double[][] groupSplits) {
    if (groupValues.length != groupSplits.length) {
      throw new IllegalArgumentException(groupValues.length + " groups but " + groupSplits.length + " split arrays");
    }
    set(groups, groupValues);
    set(splits, groupSplits);
    return this;
  }

  /** Group value -> its splits, in group order (for reports). */
  public Map<String, double[]> splitsByGroup() {
    String[] g = getOrDefault(groups);
    double[][] s = getOrDefault(splits);
    Map<String, double[]> out = new LinkedHashMap<>();
    for (int i = 0; i < g.length; i++) {
      out.put(g[i], s[i].clone());
    }
    return out;
  }

  static StructType checkSchema(Identifiable stage, StructType schema, String markers, String origins) {
    StageSchemas.requireColumn(stage, schema, markers, StageSchemas.STRING_MAP);
    StageSchemas.requireColumn(stage, schema, origins, StageSchemas.STRING_MAP);
    return schema;
  }

  @Override
  public StructType transformSchema(StructType schema) {
    int n = (Integer) getOrDefault(numBuckets);
    double[][] s = getOrDefault(splits);
    for (int i = 0; i < s.length; i++) {
      if (s[i].length != n - 1) {
        throw new IllegalArgumentException(uid + ": group '" + getOrDefault(groups)[i] + "' has " + s[i].length
            + " splits; numBuckets " + n + " needs " + (n - 1));
      }
    }
    return checkSchema(this, schema, getOrDefault(markersCol), getOrDefault(originCol));
  }

  @Override
  public Dataset<Row> transform(Dataset<?> dataset) {
    transformSchema(dataset.schema());
    String markersName = getOrDefault(markersCol);
    String originName = getOrDefault(originCol);
    String bucketName = getOrDefault(bucketMarker);
    int n = (Integer) getOrDefault(numBuckets);
    String[] g = getOrDefault(groups);
    double[][] s = getOrDefault(splits);
    Column markers = col(markersName);
    if (g.length == 0) {
      return dataset.toDF();
    }
    List<Column> entries = new ArrayList<>();
    for (int i = 0; i < g.length; i++) {
      entries.add(lit(g[i]));
      entries.add(array(Arrays.stream(s[i]).mapToObj(v -> lit(v)).toArray(Column[]::new)));
    }
    Column rowSplits = map(entries.toArray(Column[]::new))
        .apply(coalesce(markers.getItem(getOrDefault(groupMarker)), lit("")));
    Column quality = markers.getItem(getOrDefault(qualityMarker)).cast("double");
    Column reached = lit(0);
    for (int i = 0; i < n - 1; i++) {
      reached = reached.plus(when(quality.geq(rowSplits.getItem(i)), 1).otherwise(0));
    }
    Column bucket = when(quality.isNotNull().and(rowSplits.isNotNull()).and(markers.getItem(bucketName).isNull()),
        lit(n).minus(reached).cast("string"));
    return dataset.toDF()
        .withColumn("__bucket", bucket)
        .withColumn(markersName, when(col("__bucket").isNull(), markers)
            .otherwise(map_concat(markers, map(lit(bucketName), col("__bucket")))))
        .withColumn(originName, when(col("__bucket").isNull(), col(originName))
            .otherwise(map_concat(col(originName), map(lit(bucketName), lit(ORIGIN)))))
        .drop("__bucket");
  }

  @Override
  public QualityBucketModel copy(ParamMap extra) {
    QualityBucketModel copy = copyValues(new QualityBucketModel(uid), extra);
    return (QualityBucketModel) copy.setParent(parent());
  }

  public static MLReader<QualityBucketModel> read() {
    return new DefaultParamsReader<>();
  }

  public static QualityBucketModel load(String path) {
    return read().load(path);
  }
}
