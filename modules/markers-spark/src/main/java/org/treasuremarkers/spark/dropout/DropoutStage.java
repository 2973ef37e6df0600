package org.treasuremarkers.spark.dropout;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * What the two dropout stages share: the columns they read and write, a seed, a rate with per-dataset
 * overrides. Both write {@code promptMarkersCol} (the prompt-side marker set) and {@code dropoutCol}.
 */
public abstract class DropoutStage extends Transformer implements DefaultParamsWritable {
  private static final long serialVersionUID = 1L;

  private final String uid;
  private final Param<String> idCol;
  private final Param<String> datasetCol;
  private final Param<String> markersCol;
  private final Param<String> promptMarkersCol;
  private final Param<String> dropoutCol;
  private final LongParam seed;
  private final RateParam rate;
  private final RatesByDatasetParam perDatasetRates;

  protected DropoutStage(String uid, String rateDoc) {
    this.uid = uid;
    idCol = new Param<>(this, "idCol", "stable example id column (string); the random choices hash it");
    datasetCol = new Param<>(this, "datasetCol", "dataset name column (string), for perDatasetRates");
    markersCol = new Param<>(this, "markersCol", "all markers of the example, map<string,string>");
    promptMarkersCol = new Param<>(this, "promptMarkersCol", "output: markers left on the prompt side");
    dropoutCol = new Param<>(this, "dropoutCol", "output: none | dataset | sample");
    seed = new LongParam(this, "seed", "seed of the hash that makes every random choice");
    rate = new RateParam(this, "rate", rateDoc);
    perDatasetRates = new RatesByDatasetParam(this, "perDatasetRates", "dataset name -> rate, overriding rate");
    setDefault(idCol, "id");
    setDefault(datasetCol, "dataset");
    setDefault(markersCol, "markers");
    setDefault(promptMarkersCol, "prompt_markers");
    setDefault(dropoutCol, "dropout");
    setDefault(seed, 20250617L);
    setDefault(rate, 0.5);
    setDefault(perDatasetRates, Map.of());
  }

  @Override
  public String uid() {
    return uid;
  }

  public Param<String> idCol() {
    return idCol;
  }

  public Param<String> datasetCol() {
    return datasetCol;
  }

  public Param<String> markersCol() {
    return markersCol;
  }

  public Param<String> promptMarkersCol() {
    return promptMarkersCol;
  }

  public Param<String> dropoutCol() {
    return dropoutCol;
  }

  public LongParam seed() {
    return seed;
  }

  public RateParam rate() {
    return rate;
  }

  public RatesByDatasetParam perDatasetRates() {
    return perDatasetRates;
  }

  public String getIdCol() {
    return $(idCol);
  }

  public String getDatasetCol() {
    return $(datasetCol);
  }

  public String getMarkersCol() {
    return $(markersCol);
  }

  public String getPromptMarkersCol() {
    return $(promptMarkersCol);
  }

  public String getDropoutCol() {
    return $(dropoutCol);
  }

  public long getSeed() {
    return (Long) $(seed);
  }

  public double getRate() {
    return (Double) $(rate);
  }

  public Map<String, Double> getPerDatasetRates() {
    return $(perDatasetRates);
  }

  protected void assignColumns(String id, String dataset, String markers, String promptMarkers, String dropout) {
    set(idCol, id);
    set(datasetCol, dataset);
    set(markersCol, markers);
    set(promptMarkersCol, promptMarkers);
    set(dropoutCol, dropout);
  }

  protected void setSeedValue(long value) {
    set(seed, value);
  }

  protected void setRateValue(double value) {
    set(rate, value);
  }

  protected void setPerDatasetRatesValue(Map<String, Double> value) {
    set(perDatasetRates, new TreeMap<>(value));
  }

  /** The rate for each row: its dataset's override, else {@code rate}. */
  protected Column rateFor() {
    Column expr = null;
    for (Map.Entry<String, Double> e : new TreeMap<>(getPerDatasetRates()).entrySet()) {
      Column cond = col(getDatasetCol()).equalTo(lit(e.getKey()));
      expr = expr == null ? when(cond, lit(e.getValue())) : expr.when(cond, lit(e.getValue()));
    }
    return expr == null ? lit(getRate()) : expr.otherwise(lit(getRate()));
  }

  protected void requireIdAndDataset(StructType schema) {
    String stage = getClass().getSimpleName();
    ColumnRequirements.require(schema, stage, "idCol", getIdCol(), DataTypes.StringType);
    if (!getPerDatasetRates().isEmpty()) {
      ColumnRequirements.require(schema, stage, "datasetCol", getDatasetCol(), DataTypes.StringType);
    }
  }

  @Override
  public DropoutStage copy(ParamMap extra) {
    return (DropoutStage) defaultCopy(extra);
  }
}
