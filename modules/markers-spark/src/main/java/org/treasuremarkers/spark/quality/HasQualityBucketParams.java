package org.treasuremarkers.spark.quality;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.xxhash64;

import java.io.Serializable;
import java.util.Arrays;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.param.Params;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.treasuremarkers.spark.annotate.StageSchemas;

/**
 * The params {@link QualityBucketer} and {@link QualityBucketModel} share, as Spark ML's {@code Has*} traits do. A
 * Java interface cannot hold the Param fields, so each stage creates them once ({@link Shared#create}) and returns
 * them from {@link #bucketParams()}; the accessors, getters and the score column logic live here once.
 */
public interface HasQualityBucketParams extends Params {

  /** The shared params of one stage, created with its uid. */
  record Shared(Param<String> markersCol, Param<String> originCol, Param<String> scoreCol,
      Param<String> tieBreakCol, Param<String> qualityMarker, Param<String> groupMarker, Param<String> bucketMarker, IntParam numBuckets)
      implements Serializable {

    /** Creates the params of {@code owner} and sets their defaults. */
    static Shared create(Params owner) {
      Shared s = new Shared(
          new Param<>(owner, "markersCol", "column of markers (map<string,string>)"),
          new Param<>(owner, "originCol", "column of marker origins (map<string,string>)"),
          new Param<>(owner, "scoreCol", "optional column of the full-precision quality score (double) the quality"
              + " marker was rounded from; where it is null or the column is absent, the marker's value is used"),
          new Param<>(owner, "tieBreakCol", "optional column (string) whose stable hash orders rows of exactly equal"
              + " score, so that ties (\"42\" answering many questions) are dealt over the buckets; empty for none"),
          new Param<>(owner, "qualityMarker", "marker holding the quality score", (String v) -> !v.isEmpty()),
          new Param<>(owner, "groupMarker", "marker whose values get quantiles of their own (lang); rows without it"
              + " form one group, keyed ''", (String v) -> !v.isEmpty()),
          new Param<>(owner, "bucketMarker", "marker that receives the bucket, \"1\" = highest quality",
              (String v) -> !v.isEmpty()),
          new IntParam(owner, "numBuckets", "number of quantile buckets (4: quartiles), at least 2",
              ParamValidators.gtEq(2)));
      owner.setDefault(s.markersCol, "markers");
      owner.setDefault(s.originCol, "marker_origin");
      owner.setDefault(s.scoreCol, "quality_score");
      owner.setDefault(s.tieBreakCol, "id");
      owner.setDefault(s.qualityMarker, "quality");
      owner.setDefault(s.groupMarker, "lang");
      owner.setDefault(s.bucketMarker, "quality_bucket");
      owner.setDefault(s.numBuckets, 4);
      return s;
    }
  }

  Shared bucketParams();

  default Param<String> markersCol() { return bucketParams().markersCol(); }
  default Param<String> originCol() { return bucketParams().originCol(); }
  default Param<String> scoreCol() { return bucketParams().scoreCol(); }
  default Param<String> tieBreakCol() { return bucketParams().tieBreakCol(); }
  default Param<String> qualityMarker() { return bucketParams().qualityMarker(); }
  default Param<String> groupMarker() { return bucketParams().groupMarker(); }
  default Param<String> bucketMarker() { return bucketParams().bucketMarker(); }
  default IntParam numBuckets() { return bucketParams().numBuckets(); }

  default String getMarkersCol() { return getOrDefault(markersCol()); }
  default String getOriginCol() { return getOrDefault(originCol()); }
  default String getScoreCol() { return getOrDefault(scoreCol()); }
  default String getTieBreakCol() { return getOrDefault(tieBreakCol()); }
  default String getQualityMarker() { return getOrDefault(qualityMarker()); }
  default String getGroupMarker() { return getOrDefault(groupMarker()); }
  default String getBucketMarker() { return getOrDefault(bucketMarker()); }
  default int getNumBuckets() { return (Integer) getOrDefault(numBuckets()); }

  /** Checks the marker and origin columns (and the score column's type when present). */
  default StructType checkBucketSchema(StructType schema) {
    StageSchemas.requireColumn(this, schema, getMarkersCol(), StageSchemas.STRING_MAP);
    StageSchemas.requireColumn(this, schema, getOriginCol(), StageSchemas.STRING_MAP);
    if (hasScoreColumn(schema)) {
      StageSchemas.requireColumn(this, schema, getScoreCol(), DataTypes.DoubleType);
    }
    return schema;
  }

  default boolean hasScoreColumn(StructType schema) {
    return !getScoreCol().isEmpty() && Arrays.asList(schema.fieldNames()).contains(getScoreCol());
  }

  /**
   * The key to bucket on: the full-precision score where the row has it, else the quality marker as a number (rows
   * that brought their own quality as a marker are bucketed too), plus less than {@value #TIE_BREAK} times a
   * stable hash of the tie-break column in [0, 1). Scores further apart than that keep their order; exactly equal
   * ones are ordered by the hash, so a bucket boundary inside a run of ties splits it.
   */
  default Column bucketScore(StructType schema) {
    Column marker = col(getMarkersCol()).getItem(getQualityMarker()).cast("double");
    Column score = hasScoreColumn(schema) ? coalesce(col(getScoreCol()), marker) : marker;
    if (getTieBreakCol().isEmpty() || !Arrays.asList(schema.fieldNames()).contains(getTieBreakCol())) {
      return score;
    }
    Column unit = pmod(xxhash64(col(getTieBreakCol())), lit(TIE_BUCKETS)).cast("double").divide(TIE_BUCKETS);
    return score.plus(unit.multiply(TIE_BREAK));
  }

  /** Scale of the tie-break term: far below any difference of scores that means something. */
  double TIE_BREAK = 1e-9;
  /** Resolution of the tie-break hash. */
  long TIE_BUCKETS = 1L << 16;
}
