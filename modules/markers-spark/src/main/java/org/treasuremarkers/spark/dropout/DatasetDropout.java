package org.treasuremarkers.spark.dropout;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.raise_error;
import static org.apache.spark.sql.functions.when;

import java.util.Map;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Dataset-level dropout: for a share {@code rate} of the examples the prompt side shows no marker at all,
 * so the model learns to infer markers. A row is dropped when {@code unit(seed, id) < rate}, where unit
 * maps xxhash64(seed, id) uniformly to [0, 1) ({@link DropoutHash}); the share therefore matches the rate
 * within binomial error whatever the partitioning.
 *
 * <p>Writes {@code promptMarkersCol} ({@code markers}, or an empty map) and {@code dropoutCol}
 * ({@code none} or {@code dataset}). Run {@link SampleDropout} after it.
 */
public final class DatasetDropout extends DropoutStage {
  private static final long serialVersionUID = 1L;

  public DatasetDropout() {
    this(Identifiable$.MODULE$.randomUID("DatasetDropout"));
  }

  public DatasetDropout(String uid) {
    super(uid, "share of examples whose prompt-side marker set is emptied, in [0, 1]");
  }

  public static MLReader<DatasetDropout> read() {
    return new DefaultParamsReader<>();
  }

  public static DatasetDropout load(String path) {
    return read().load(path);
  }

  public DatasetDropout setRate(double value) {
    setRateValue(value);
    return this;
  }

  public DatasetDropout setSeed(long value) {
    setSeedValue(value);
    return this;
  }

  public DatasetDropout setPerDatasetRates(Map<String, Double> value) {
    setPerDatasetRatesValue(value);
    return this;
  }

  public DatasetDropout setColumns(String id, String dataset, String markers, String promptMarkers, String dropout) {
    assignColumns(id, dataset, markers, promptMarkers, dropout);
    return this;
  }

  @Override
  public StructType transformSchema(StructType schema) {
    requireIdAndDataset(schema);
    ColumnRequirements.require(schema, "DatasetDropout", "markersCol", getMarkersCol(), ColumnRequirements.MARKERS);
    StructType out = ColumnRequirements.withColumn(schema, getPromptMarkersCol(), ColumnRequirements.MARKERS);
    return ColumnRequirements.withColumn(out, getDropoutCol(), DataTypes.StringType);
  }

  @Override
  public Dataset<Row> transform(Dataset<?> dataset) {
    transformSchema(dataset.schema());
    Column id = col(getIdCol());
    Column markers = col(getMarkersCol());
    // A null id would hash like every other null id, a null marker set has nothing to show: both are bad input.
    Column dropped = DropoutHash.unit(getSeed(), id).lt(rateFor());
    Column empty = org.apache.spark.sql.functions.map().cast(ColumnRequirements.MARKERS);
    // A null id would hash like every other null id, a null marker set has nothing to show: both are bad input.
    Column promptMarkers = when(id.isNull(), raise_error(lit("DatasetDropout: a row has a null " + getIdCol()
            + "; every example needs a stable id")))
        .when(markers.isNull(), raise_error(concat(lit("DatasetDropout: example "), id,
            lit(" has null " + getMarkersCol() + "; annotate-job writes an empty map for no markers"))))
        .when(dropped, empty)
        .otherwise(markers);
    return dataset
        .withColumn(getPromptMarkersCol(), promptMarkers)
        .withColumn(getDropoutCol(), when(dropped, lit(DropoutKind.DATASET.label())).otherwise(lit(DropoutKind.NONE.label())));
  }
}
