package org.treasuremarkers.spark.dropout;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.when;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.spark.ml.param.StringArrayParam;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.api.java.UDF3;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import scala.collection.JavaConverters;

/**
 * Sample-level dropout, run after {@link DatasetDropout}: every row whose prompt side still shows markers
 * loses exactly {@code k = roundHalfUp(rate x n)} of its n droppable markers.
 *
 * <ul>
 *   <li>{@code promptExcludedMarkers} (e.g. {@code quality}) are removed from the prompt side of every row
 *       and do not count in n: they never appear on the prompt side. That is policy, not dropout: a row
 *       that loses only those keeps {@code dropout = none}.</li>
 *   <li>{@code protectedMarkers} are never dropped and do not count in n.</li>
 *   <li>n = the prompt-side markers that are neither excluded nor protected.</li>
 *   <li>{@link #markersToDrop(double, int)}: {@code rate} is taken as the decimal it prints as
 *       ({@link Double#toString}), multiplied by n exactly, and rounded half up: rate 0.5 drops 1 of 1,
 *       2 of 3; rate 0.15 drops 2 of 10 (IEEE doubles would give 1.4999999999999998 and round to 1).</li>
 *   <li>The k markers dropped are those with the smallest {@code xxhash64(seed, id, key)} (ties by key).</li>
 * </ul>
 * The rule runs as a Java UDF ({@link SampleDropoutRule}): bench/dropout-1m.sh measured it cheaper than the same
 * rule in Spark higher-order functions (CodegenFallback in Spark 3.5: interpreted per element). That SQL version is
 * kept in the tests as an independent oracle.
 * Rows that lose at least one marker get {@code dropout = sample}; others keep the value they had.
 */
public final class SampleDropout extends DropoutStage {
  private static final long serialVersionUID = 1L;

  private static final StructType OUTCOME = new StructType()
      .add("prompt_markers", ColumnRequirements.MARKERS, false)
      .add("removed", DataTypes.IntegerType, false);

  private final StringArrayParam protectedMarkers;
  private final StringArrayParam promptExcludedMarkers;

  public SampleDropout() {
    this(Identifiable$.MODULE$.randomUID("SampleDropout"));
  }

  public SampleDropout(String uid) {
    super(uid, "share of each example's droppable prompt-side markers removed, in [0, 1] (k = roundHalfUp(rate x n))");
    protectedMarkers = new StringArrayParam(this, "protectedMarkers", "markers never dropped (not counted in n)");
    promptExcludedMarkers = new StringArrayParam(this, "promptExcludedMarkers",
        "markers never shown on the prompt side (not counted in n), e.g. quality");
    setDefault(protectedMarkers, new String[0]);
    setDefault(promptExcludedMarkers, new String[0]);
  }

  public static MLReader<SampleDropout> read() {
    return new DefaultParamsReader<>();
  }

  public static SampleDropout load(String path) {
    return read().load(path);
  }

  /** k for n droppable markers: {@code rate} as its printed decimal, times n, rounded half up. */
  public static int markersToDrop(double rate, int n) {
    RateParam.check("SampleDropout", "rate", rate);
    return new BigDecimal(Double.toString(rate)).multiply(BigDecimal.valueOf(n))
        .setScale(0, RoundingMode.HALF_UP).intValueExact();
  }

  public StringArrayParam protectedMarkers() {
    return protectedMarkers;
  }

  public StringArrayParam promptExcludedMarkers() {
    return promptExcludedMarkers;
  }

  public String[] getProtectedMarkers() {
    return $(protectedMarkers);
  }

  public String[] getPromptExcludedMarkers() {
    return $(promptExcludedMarkers);
  }

  public SampleDropout setProtectedMarkers(String... keys) {
    set(protectedMarkers, keys.clone());
    return this;
  }

  public SampleDropout setPromptExcludedMarkers(String... keys) {
    set(promptExcludedMarkers, keys.clone());
    return this;
  }

  public SampleDropout setRate(double value) {
    setRateValue(value);
    return this;
  }

  public SampleDropout setSeed(long value) {
    setSeedValue(value);
    return this;
  }

  public SampleDropout setPerDatasetRates(Map<String, Double> value) {
    setPerDatasetRatesValue(value);
    return this;
  }

  public SampleDropout setColumns(String id, String dataset, String markers, String promptMarkers, String dropout) {
    assignColumns(id, dataset, markers, promptMarkers, dropout);
    return this;
  }

  @Override
  public StructType transformSchema(StructType schema) {
    requireIdAndDataset(schema);
    String hint = " (run DatasetDropout first; rate 0 there skips dataset-level dropout)";
    try {
      ColumnRequirements.require(schema, "SampleDropout", "promptMarkersCol", getPromptMarkersCol(), ColumnRequirements.MARKERS);
      ColumnRequirements.require(schema, "SampleDropout", "dropoutCol", getDropoutCol(), DataTypes.StringType);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(e.getMessage() + hint, e);
    }
    return schema;
  }

  @Override
  public Dataset<Row> transform(Dataset<?> dataset) {
    transformSchema(dataset.schema());
    long seed = getSeed();
    SampleDropoutRule rule = new SampleDropoutRule(
        new HashSet<>(Arrays.asList(getProtectedMarkers())), new HashSet<>(Arrays.asList(getPromptExcludedMarkers())));
    UserDefinedFunction dropout = udf((UDF3<String, scala.collection.Map<String, String>, Double, Row>) (id, shown, rate) -> {
      if (id == null || shown == null) {
        throw new IllegalArgumentException("SampleDropout: example " + id + " has a null id or prompt-side marker map");
      }
      SampleDropoutRule.Outcome o = rule.apply(seed, id, JavaConverters.mapAsJavaMap(shown), rate);
      return RowFactory.create(o.promptMarkers(), o.removed());
    }, OUTCOME);

    // The outcome is one column read twice, so Spark computes it once per row.
    String outcome = "__" + uid() + "_outcome";
    return dataset
        .withColumn(outcome, dropout.apply(col(getIdCol()), col(getPromptMarkersCol()), rateFor()))
        .withColumn(getDropoutCol(), when(col(outcome).getField("removed").gt(0), lit(DropoutKind.SAMPLE.label()))
            .otherwise(col(getDropoutCol())))
        .withColumn(getPromptMarkersCol(), col(outcome).getField("prompt_markers"))
        .drop(outcome);
  }
}
