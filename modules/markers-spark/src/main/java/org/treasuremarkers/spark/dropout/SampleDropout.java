package org.treasuremarkers.spark.dropout;

import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map_filter;
import static org.apache.spark.sql.functions.map_keys;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.slice;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.param.StringArrayParam;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.StructType;

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
 * Rows that lose at least one marker get {@code dropout = sample}; others keep the value they had.
 */
public final class SampleDropout extends DropoutStage {
  private static final long serialVersionUID = 1L;

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
    Column id = col(getIdCol());
    long seed = getSeed();
    List<String> excluded = Arrays.asList(getPromptExcludedMarkers());
    List<String> kept = Arrays.asList(getProtectedMarkers());

    Column shown = col(getPromptMarkersCol());
    if (!excluded.isEmpty()) {
      shown = map_filter(shown, (key, value) -> not(key.isin(excluded.toArray())));
    }
    Column droppable = map_keys(shown);
    if (!kept.isEmpty()) {
      droppable = filter(droppable, key -> not(key.isin(kept.toArray())));
    }
    // The decimal the rate prints as, so that 0.15 x 10 is 1.5 and rounds to 2 (Spark's round is half up).
    Column rate = rateFor().cast(new DecimalType(20, 17));
    Column k = round(rate.multiply(size(droppable)), 0).cast(DataTypes.IntegerType);
    Column ranked = array_sort(functions.transform(droppable, key -> struct(DropoutHash.rank(seed, id, key).as("rank"), key.as("key"))));
    Column dropped = functions.transform(slice(ranked, lit(1), k), entry -> entry.getField("key"));
    Column remaining = map_filter(shown, (key, value) -> not(functions.array_contains(dropped, key)));

    // k is used twice; Spark evaluates it once per row after common-subexpression elimination.
    return dataset
        .withColumn(getDropoutCol(), when(k.gt(0), lit(DropoutKind.SAMPLE.label())).otherwise(col(getDropoutCol())))
        .withColumn(getPromptMarkersCol(), remaining);
  }
}
