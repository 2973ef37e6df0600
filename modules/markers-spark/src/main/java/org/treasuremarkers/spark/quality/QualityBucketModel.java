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
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.StringArrayParam;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * Applies quality splits per group: a row whose bucket key ({@link HasQualityBucketParams#bucketScore}: the
 * full-precision score, else the quality marker, plus a tie-break by the hash of the row id) reaches k of its
 * group's splits gets bucket {@code numBuckets - k} (so "1" is the highest quality). A key equal to a split falls
 * in the higher bucket, as in Spark's Bucketizer: without the tie-break, where many rows tie at the top score, the
 * splits coincide with it and those rows are the best ones, so they must not land in the lowest bucket.
 * Rows without a quality, or of a group the model has no splits for, get no bucket; a bucket the row already
 * has (from its input) is kept. The splits are params, so a saved model re-applies exactly the same splits.
 */
public final class QualityBucketModel extends Model<QualityBucketModel>
    implements HasQualityBucketParams, DefaultParamsWritable {
  private static final long serialVersionUID = 1L;
  /** Origin of a computed bucket: a rule over a dataset-wide statistic. */
  public static final String ORIGIN = "rule";

  private final String uid;
  private final Shared bucketParams;
  final StringArrayParam groups;
  final DoubleArrayArrayParam splits;

  public QualityBucketModel(String uid) {
    this.uid = uid;
    // params need the uid, so they are created here rather than in field initialisers
    bucketParams = Shared.create(this);
    groups = new StringArrayParam(this, "groups", "group values that have splits, in order");
    splits = new DoubleArrayArrayParam(this, "splits",
      "per group (same order as groups): the numBuckets - 1 ascending splits of the full-precision score");
    setDefault(groups, new String[0]);
    setDefault(splits, new double[0][]);
  }

  @Override
  public String uid() {
    return uid;
  }

  @Override
  public Shared bucketParams() {
    return bucketParams;
  }

  public StringArrayParam groups() { return groups; }
  public DoubleArrayArrayParam splits() { return splits; }

  public QualityBucketModel setMarkersCol(String v) { set(markersCol(), v); return this; }
  public QualityBucketModel setOriginCol(String v) { set(originCol(), v); return this; }
  public QualityBucketModel setScoreCol(String v) { set(scoreCol(), v); return this; }
  public QualityBucketModel setTieBreakCol(String v) { set(tieBreakCol(), v); return this; }

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

  @Override
  public StructType transformSchema(StructType schema) {
    int n = getNumBuckets();
    double[][] s = getOrDefault(splits);
    for (int i = 0; i < s.length; i++) {
      if (s[i].length != n - 1) {
        throw new IllegalArgumentException(uid + ": group '" + getOrDefault(groups)[i] + "' has " + s[i].length
            + " splits; numBuckets " + n + " needs " + (n - 1));
      }
    }
    return checkBucketSchema(schema);
  }

  @Override
  public Dataset<Row> transform(Dataset<?> dataset) {
    transformSchema(dataset.schema());
    String markersName = getMarkersCol();
    String originName = getOriginCol();
    String bucketName = getBucketMarker();
    int n = getNumBuckets();
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
        .apply(coalesce(markers.getItem(getGroupMarker()), lit("")));
    Column quality = when(markers.getItem(getQualityMarker()).isNotNull(), bucketScore(dataset.schema()));
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
