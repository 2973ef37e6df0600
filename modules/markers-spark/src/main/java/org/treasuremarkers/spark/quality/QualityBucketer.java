package org.treasuremarkers.spark.quality;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * Computes quality quantiles per group (quality quartiles per lang, over the whole dataset) and returns a
 * {@link QualityBucketModel} that only applies them, like Spark's QuantileDiscretizer and Bucketizer. The
 * quantiles are of the full-precision score ({@code scoreCol}, which annotate-job keeps next to the rounded
 * marker), so rows that tie at the marker's two decimals are still split by their score, and with a continuous
 * score each bucket holds its share of the rows. The
 * quantiles are approximate with the stated {@code relativeError} (Greenwald-Khanna, as
 * {@code approxQuantile}); 0 computes them exactly at a higher cost.
 *
 * <p>Reruns give the same splits whatever the input partitioning: the (group, quality) pairs are
 * hash-partitioned into {@code fitPartitions} partitions and sorted before the summaries are built.
 */
public final class QualityBucketer extends Estimator<QualityBucketModel>
    implements HasQualityBucketParams, DefaultParamsWritable {
  private static final long serialVersionUID = 1L;

  private final String uid;
  private final Shared bucketParams;
  final DoubleParam relativeError;
  final IntParam fitPartitions;

  public QualityBucketer() {
    this(Identifiable.randomUID("qualityBucketer"));
  }

  public QualityBucketer(String uid) {
    this.uid = uid;
    // params need the uid, so they are created here rather than in field initialisers
    bucketParams = Shared.create(this);
    relativeError = new DoubleParam(this, "relativeError",
      "relative error of the approximate quantiles, in [0, 1]: a split's rank is within relativeError * n of the"
          + " exact rank; 0 is exact", ParamValidators.inRange(0.0, 1.0));
    fitPartitions = new IntParam(this, "fitPartitions",
      "partitions the statistics are computed over (fixed, so reruns give identical splits), at least 1",
      ParamValidators.gtEq(1));
    setDefault(relativeError, 0.001);
    setDefault(fitPartitions, 8);
  }

  @Override
  public String uid() {
    return uid;
  }

  @Override
  public Shared bucketParams() {
    return bucketParams;
  }

  public DoubleParam relativeError() { return relativeError; }
  public IntParam fitPartitions() { return fitPartitions; }

  public QualityBucketer setMarkersCol(String v) { set(markersCol(), v); return this; }
  public QualityBucketer setOriginCol(String v) { set(originCol(), v); return this; }
  public QualityBucketer setScoreCol(String v) { set(scoreCol(), v); return this; }
  public QualityBucketer setTieBreakCol(String v) { set(tieBreakCol(), v); return this; }
  public QualityBucketer setQualityMarker(String v) { set(qualityMarker(), v); return this; }
  public QualityBucketer setGroupMarker(String v) { set(groupMarker(), v); return this; }
  public QualityBucketer setBucketMarker(String v) { set(bucketMarker(), v); return this; }
  public QualityBucketer setNumBuckets(int v) { set(numBuckets(), v); return this; }
  public QualityBucketer setRelativeError(double v) { set(relativeError, v); return this; }
  public QualityBucketer setFitPartitions(int v) { set(fitPartitions, v); return this; }

  public double getRelativeError() { return (Double) getOrDefault(relativeError); }

  @Override
  public StructType transformSchema(StructType schema) {
    return checkBucketSchema(schema);
  }

  @Override
  public QualityBucketModel fit(Dataset<?> dataset) {
    transformSchema(dataset.schema());
    Column markers = col(getMarkersCol());
    Dataset<Row> scores = dataset
        .select(coalesce(markers.getItem(getGroupMarker()), lit("")).as("g"),
            when(markers.getItem(getQualityMarker()).isNotNull(), bucketScore(dataset.schema())).as("q"))
        .where(col("q").isNotNull().and(col("q").isNaN().unary_$bang()));
    List<String> groups = new ArrayList<>();
    for (Row r : scores.select("g").distinct().orderBy("g").collectAsList()) {
      groups.add(r.getString(0));
    }
    int n = getNumBuckets();
    double[][] splits = new double[groups.size()][];
    if (!groups.isEmpty()) {
      Dataset<Row> fixed = scores.repartition((Integer) getOrDefault(fitPartitions), col("g"), col("q"))
          .sortWithinPartitions("g", "q");
      Column[] perGroup = new Column[groups.size()];
      String[] names = new String[groups.size()];
      for (int i = 0; i < groups.size(); i++) {
        names[i] = "q" + i;
        perGroup[i] = when(col("g").equalTo(groups.get(i)), col("q")).as(names[i]);
      }
      double[] probabilities = new double[n - 1];
      for (int i = 1; i < n; i++) {
        probabilities[i - 1] = (double) i / n;
      }
      splits = fixed.select(perGroup).stat().approxQuantile(names, probabilities, getRelativeError());
    }
    QualityBucketModel model = new QualityBucketModel(Identifiable.randomUID("qualityBucketModel"))
        .setSplits(groups.toArray(String[]::new), splits);
    copyValues(model, extractParamMap());
    return (QualityBucketModel) model.setParent(this);
  }

  @Override
  public QualityBucketer copy(ParamMap extra) {
    return defaultCopy(extra);
  }

  public static MLReader<QualityBucketer> read() {
    return new DefaultParamsReader<>();
  }

  public static QualityBucketer load(String path) {
    return read().load(path);
  }
}
