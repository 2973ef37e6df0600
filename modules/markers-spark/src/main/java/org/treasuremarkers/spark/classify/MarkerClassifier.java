package org.treasuremarkers.spark.classify;

import static org.apache.spark.sql.functions.array_max;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.feature.HashingTF;
import org.apache.spark.ml.feature.IDF;
import org.apache.spark.ml.feature.IndexToString;
import org.apache.spark.ml.feature.RegexTokenizer;
import org.apache.spark.ml.feature.StringIndexer;
import org.apache.spark.ml.feature.StringIndexerModel;
import org.apache.spark.ml.functions;
import org.apache.spark.ml.param.DoubleParam;
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
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.treasuremarkers.spark.annotate.StageSchemas;

/**
 * Learns markers that neither the row nor its dataset gives (domain, task) from the rows where they are known
 * (by default labels of origin input or rule; see {@code trainOrigins}): per marker, text features (words, and characters of scripts without
 * spaces; hashed term frequencies, IDF) and a multinomial logistic regression. This is the scalable stand-in
 * for the paper's LLM tagging.
 *
 * <p>A class with fewer than {@code minExamplesPerClass} training rows is left out (never predicted); a marker
 * with fewer than {@code minClasses} such classes gets no model, since a classifier that knows two classes
 * forces every row into one of them. Rows whose id hashes into {@code heldOutFraction} are held out and
 * measure the model ({@link MarkerEvaluation}); training is over a fixed hash partitioning by id, so reruns
 * give the same model whatever the input partitioning.
 */
public final class MarkerClassifier extends Estimator<MarkerClassifierModel> implements DefaultParamsWritable {
  private static final long serialVersionUID = 1L;
  static final String LABEL = "__clf_label";
  static final String LABEL_INDEX = "__clf_label_index";
  private static final long SAMPLE_BUCKETS = 100_000L;
  static final String WEIGHT = "__clf_weight";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String uid;
  final Param<String> textCol;
  final Param<String> idCol;
  final Param<String> markersCol;
  final Param<String> originCol;
  final StringArrayParam targetMarkers;
  final IntParam minExamplesPerClass;
  final IntParam minClasses;
  final DoubleParam confidenceThreshold;
  final DoubleParam heldOutFraction;
  final IntParam numFeatures;
  final DoubleParam regParam;
  final IntParam maxIter;
  final IntParam fitPartitions;
  final IntParam maxRowsPerClass;
  final StringArrayParam trainOrigins;

  public MarkerClassifier() {
    this(Identifiable.randomUID("markerClassifier"));
  }

  public MarkerClassifier(String uid) {
    this.uid = uid;
    // params need the uid, so they are created here rather than in field initialisers
    textCol = new Param<>(this, "textCol", "column of text to classify (string)");
    idCol = new Param<>(this, "idCol", "column of stable row ids (string), for the held-out split");
    markersCol = new Param<>(this, "markersCol", "column of markers (map<string,string>)");
    originCol = new Param<>(this, "originCol", "column of marker origins (map<string,string>)");
    targetMarkers = new StringArrayParam(this, "targetMarkers",
      "markers to learn and predict (categorical markers of the taxonomy)");
    minExamplesPerClass = new IntParam(this, "minExamplesPerClass",
      "a class needs at least this many training rows to be learnt (and ever predicted), at least 1",
      ParamValidators.gtEq(1));
    minClasses = new IntParam(this, "minClasses",
      "a marker needs at least this many learnable classes to get a model, at least 2", ParamValidators.gtEq(2));
    confidenceThreshold = new DoubleParam(this, "confidenceThreshold",
      "predict only when the top class probability reaches this, in (0, 1]", ParamValidators.inRange(0.0, 1.0, false, true));
    heldOutFraction = new DoubleParam(this, "heldOutFraction",
      "share of known rows (by id hash) held out for evaluation, in [0, 0.5]", ParamValidators.inRange(0.0, 0.5));
    numFeatures = new IntParam(this, "numFeatures", "hashed text features, at least 16",
      ParamValidators.gtEq(16));
    regParam = new DoubleParam(this, "regParam", "L2 regularisation, >= 0", ParamValidators.gtEq(0.0));
    maxIter = new IntParam(this, "maxIter", "optimiser iterations, at least 1", ParamValidators.gtEq(1));
    trainOrigins = new StringArrayParam(this, "trainOrigins",
        "origins of the labels the model learns from (input, dataset, rule); dataset labels are off by default: they"
            + " are constant per dataset, so they teach the model which dataset a row looks like, and the rows that"
            + " need a prediction come from datasets without such a label");
    maxRowsPerClass = new IntParam(this, "maxRowsPerClass",
        "at most about this many training rows per class (a stable sample by id hash), so training time stops growing"
            + " with the data; at least 1", ParamValidators.gtEq(1));
    fitPartitions = new IntParam(this, "fitPartitions",
      "partitions the training rows are hashed into by id (fixed, so reruns train the same model), at least 1",
      ParamValidators.gtEq(1));
    setDefault(textCol, "prompt");
    setDefault(idCol, "id");
    setDefault(markersCol, "markers");
    setDefault(originCol, "marker_origin");
    setDefault(targetMarkers, new String[] {"domain", "task"});
    setDefault(minExamplesPerClass, 50);
    setDefault(minClasses, 3);
    setDefault(confidenceThreshold, 0.95);
    setDefault(heldOutFraction, 0.2);
    setDefault(numFeatures, 1 << 15);
    setDefault(regParam, 0.01);
    setDefault(maxIter, 40);
    setDefault(fitPartitions, 8);
    setDefault(maxRowsPerClass, 5000);
    setDefault(trainOrigins, new String[] {"input", "rule"});
  }

  @Override
  public String uid() {
    return uid;
  }

  public Param<String> textCol() { return textCol; }
  public Param<String> idCol() { return idCol; }
  public Param<String> markersCol() { return markersCol; }
  public Param<String> originCol() { return originCol; }
  public StringArrayParam targetMarkers() { return targetMarkers; }
  public IntParam minExamplesPerClass() { return minExamplesPerClass; }
  public IntParam minClasses() { return minClasses; }
  public DoubleParam confidenceThreshold() { return confidenceThreshold; }
  public DoubleParam heldOutFraction() { return heldOutFraction; }
  public IntParam numFeatures() { return numFeatures; }
  public DoubleParam regParam() { return regParam; }
  public IntParam maxIter() { return maxIter; }
  public IntParam fitPartitions() { return fitPartitions; }
  public IntParam maxRowsPerClass() { return maxRowsPerClass; }
  public StringArrayParam trainOrigins() { return trainOrigins; }

  public MarkerClassifier setTextCol(String v) { set(textCol, v); return this; }
  public MarkerClassifier setIdCol(String v) { set(idCol, v); return this; }
  public MarkerClassifier setTargetMarkers(String... v) { set(targetMarkers, v); return this; }
  public MarkerClassifier setMinExamplesPerClass(int v) { set(minExamplesPerClass, v); return this; }
  public MarkerClassifier setMinClasses(int v) { set(minClasses, v); return this; }
  public MarkerClassifier setConfidenceThreshold(double v) { set(confidenceThreshold, v); return this; }
  public MarkerClassifier setHeldOutFraction(double v) { set(heldOutFraction, v); return this; }
  public MarkerClassifier setNumFeatures(int v) { set(numFeatures, v); return this; }
  public MarkerClassifier setRegParam(double v) { set(regParam, v); return this; }
  public MarkerClassifier setMaxIter(int v) { set(maxIter, v); return this; }
  public MarkerClassifier setFitPartitions(int v) { set(fitPartitions, v); return this; }
  public MarkerClassifier setMaxRowsPerClass(int v) { set(maxRowsPerClass, v); return this; }
  public MarkerClassifier setTrainOrigins(String... v) { set(trainOrigins, v); return this; }

  @Override
  public StructType transformSchema(StructType schema) {
    StageSchemas.requireColumn(this, schema, getOrDefault(textCol), DataTypes.StringType);
    StageSchemas.requireColumn(this, schema, getOrDefault(idCol), DataTypes.StringType);
    StageSchemas.requireColumn(this, schema, getOrDefault(markersCol), StageSchemas.STRING_MAP);
    StageSchemas.requireColumn(this, schema, getOrDefault(originCol), StageSchemas.STRING_MAP);
    if (getOrDefault(targetMarkers).length == 0) {
      throw new IllegalArgumentException(uid + ": targetMarkers is empty; name at least one marker to learn");
    }
    return schema;
  }

  /** Rows whose id falls in the held-out share (stable: a hash of the id). */
  static Column heldOut(String idCol, double fraction) {
    return pmod(xxhash64(col(idCol)), lit(10_000L)).lt(lit(Math.round(fraction * 10_000)));
  }

  @Override
  public MarkerClassifierModel fit(Dataset<?> dataset) {
    transformSchema(dataset.schema());
    double threshold = (Double) getOrDefault(confidenceThreshold);
    Map<String, PipelineModel> models = new LinkedHashMap<>();
    List<MarkerEvaluation> evaluations = new ArrayList<>();
    for (String marker : getOrDefault(targetMarkers)) {
      Column value = col(getOrDefault(markersCol)).getItem(marker);
      Column origin = col(getOrDefault(originCol)).getItem(marker);
      Dataset<Row> known = dataset.toDF()
          .where(value.isNotNull().and(origin.isin((Object[]) getOrDefault(trainOrigins))).and(col(getOrDefault(textCol)).isNotNull()))
          .select(col(getOrDefault(idCol)), col(getOrDefault(textCol)), value.as(LABEL),
              heldOut(getOrDefault(idCol), (Double) getOrDefault(heldOutFraction)).as("__held_out"));
      Map<String, long[]> counts = new TreeMap<>(); // class -> {training, held-out}
      for (Row r : known.groupBy(LABEL, "__held_out").count().collectAsList()) {
        counts.computeIfAbsent(r.getString(0), k -> new long[2])[r.getBoolean(1) ? 1 : 0] = r.getLong(2);
      }
      List<String> learnable = new ArrayList<>();
      List<String> excluded = new ArrayList<>();
      counts.forEach((cls, c) -> (c[0] >= (Integer) getOrDefault(minExamplesPerClass) ? learnable : excluded).add(cls));
      long trainingRows = counts.entrySet().stream().filter(e -> learnable.contains(e.getKey()))
          .mapToLong(e -> e.getValue()[0]).sum();
      long heldOutRows = counts.values().stream().mapToLong(c -> c[1]).sum();
      if (learnable.size() < (Integer) getOrDefault(minClasses)) {
        String why = learnable.size() + " class(es) with at least " + getOrDefault(minExamplesPerClass)
            + " training rows (" + String.join(", ", learnable) + "); minClasses is " + getOrDefault(minClasses);
        evaluations.add(new MarkerEvaluation(marker, false, why, trainingRows, heldOutRows, 0, 0, null, null, excluded,
            classEvaluations(counts, learnable, Map.of())));
        continue;
      }
      // Materialised once: the indexer, IDF and the optimiser each read the capped sample, not the whole input.
      Dataset<Row> training = known.where(col("__held_out").unary_$bang().and(col(LABEL).isin(learnable.toArray()))
              .and(sampled(counts, learnable)))
          .repartition((Integer) getOrDefault(fitPartitions), col(getOrDefault(idCol)))
          .sortWithinPartitions(getOrDefault(idCol))
          .withColumn(WEIGHT, classWeights(counts, learnable))
          .persist(StorageLevel.MEMORY_AND_DISK());
      StringIndexerModel indexer = new StringIndexer().setInputCol(LABEL).setOutputCol(LABEL_INDEX)
          .setStringOrderType("alphabetAsc").fit(training);
      PipelineModel model = DenseScoring.of(pipeline(marker, indexer.labelsArray()[0]).fit(indexer.transform(training)));
      training.unpersist();
      models.put(marker, model);
      Map<String, long[]> outcome = evaluate(model, marker, known.where(col("__held_out").and(heldOutSample(counts))),
          threshold);
      heldOutRows = outcome.values().stream().mapToLong(o -> o[3]).sum();
      long confident = outcome.values().stream().mapToLong(o -> o[0]).sum();
      long correct = outcome.values().stream().mapToLong(o -> o[1]).sum();
      evaluations.add(new MarkerEvaluation(marker, true, null, trainingRows, heldOutRows, confident, correct,
          confident == 0 ? null : (double) correct / confident,
          heldOutRows == 0 ? null : (double) confident / heldOutRows, excluded,
          classEvaluations(counts, learnable, outcome)));
    }
    MarkerClassifierModel model = new MarkerClassifierModel(Identifiable.randomUID("markerClassifierModel"), models);
    copyValues(model, extractParamMap());
    model.setEvaluation(json(evaluations));
    return (MarkerClassifierModel) model.setParent(this);
  }

  private Pipeline pipeline(String marker, String[] labels) {
    String p = MarkerClassifierModel.prefix(marker);
    return new Pipeline().setStages(new PipelineStage[] {
        new RegexTokenizer().setInputCol(getOrDefault(textCol)).setOutputCol(p + "tokens")
            .setGaps(false).setPattern(TextTokens.PATTERN).setToLowercase(true).setMinTokenLength(1),
        new HashingTF().setInputCol(p + "tokens").setOutputCol(p + "tf").setNumFeatures((Integer) getOrDefault(numFeatures)),
        new IDF().setInputCol(p + "tf").setOutputCol(p + "features").setMinDocFreq(2),
        new LogisticRegression().setFamily("multinomial").setFeaturesCol(p + "features").setLabelCol(LABEL_INDEX)
            .setWeightCol(WEIGHT).setPredictionCol(p + "prediction").setProbabilityCol(p + "probability")
            .setRawPredictionCol(p + "raw").setRegParam((Double) getOrDefault(regParam))
            .setMaxIter((Integer) getOrDefault(maxIter)),
        new IndexToString().setInputCol(p + "prediction").setOutputCol(p + "predicted").setLabels(labels),
    });
  }

  /** Keeps about maxRowsPerClass training rows of each class: those whose id hash falls under the class's share. */
  private Column sampled(Map<String, long[]> counts, List<String> learnable) {
    int cap = (Integer) getOrDefault(maxRowsPerClass);
    List<Column> entries = new ArrayList<>();
    for (String cls : learnable) {
      long n = counts.get(cls)[0];
      entries.add(lit(cls));
      entries.add(lit(n <= cap ? SAMPLE_BUCKETS : Math.max(1L, cap * SAMPLE_BUCKETS / n)));
    }
    Column threshold = org.apache.spark.sql.functions.map(entries.toArray(Column[]::new)).apply(col(LABEL));
    // a second hash (seeded differently from the held-out split) so the sample is independent of it
    return pmod(xxhash64(col(getOrDefault(idCol)), lit("sample")), lit(SAMPLE_BUCKETS)).lt(threshold);
  }

  /**
   * A uniform sample of the held-out rows, at most about maxRowsPerClass x classes of them (all of them on data of
   * ordinary size): uniform, so accuracy, coverage and per-class figures stay unbiased, and bounded, so scoring
   * them does not grow into a full pass over millions of rows.
   */
  private Column heldOutSample(Map<String, long[]> counts) {
    long held = counts.values().stream().mapToLong(c -> c[1]).sum();
    long cap = (long) (Integer) getOrDefault(maxRowsPerClass) * counts.size();
    long keep = held <= cap ? SAMPLE_BUCKETS : Math.max(1L, cap * SAMPLE_BUCKETS / held);
    return pmod(xxhash64(col(getOrDefault(idCol)), lit("held-out")), lit(SAMPLE_BUCKETS)).lt(lit(keep));
  }

  /**
   * Balanced class weights (rows of a class weigh total / (classes x rows of the class)), so a class that one big
   * dataset labels wholesale does not become the model's answer for everything it has not seen.
   */
  private Column classWeights(Map<String, long[]> counts, List<String> learnable) {
    int cap = (Integer) getOrDefault(maxRowsPerClass);
    double total = 0;
    for (String cls : learnable) {
      total += Math.min(counts.get(cls)[0], cap);
    }
    List<Column> entries = new ArrayList<>();
    for (String cls : learnable) {
      entries.add(lit(cls));
      entries.add(lit(total / (learnable.size() * (double) Math.min(counts.get(cls)[0], cap))));
    }
    return org.apache.spark.sql.functions.map(entries.toArray(Column[]::new)).apply(col(LABEL));
  }

  /** Known class -> {confident, correct, predicted-as (confident predictions of this class), rows scored}. */
  private static Map<String, long[]> evaluate(PipelineModel model, String marker, Dataset<Row> held, double threshold) {
    String p = MarkerClassifierModel.prefix(marker);
    Dataset<Row> scored = model.transform(held)
        .select(col(LABEL), col(p + "predicted").as("predicted"),
            array_max(functions.vector_to_array(col(p + "probability"), "float64")).as("confidence"));
    Dataset<Row> outcomes = scored.select(col(LABEL),
        when(col("confidence").geq(threshold), col("predicted")).as("predicted"));
    Map<String, long[]> out = new TreeMap<>();
    for (Row r : outcomes.groupBy(LABEL, "predicted").count().collectAsList()) {
      String known = r.getString(0);
      String predicted = r.isNullAt(1) ? null : r.getString(1);
      long n = r.getLong(2);
      out.computeIfAbsent(known, k -> new long[4])[3] += n;
      if (predicted != null) {
        out.get(known)[0] += n;
        out.computeIfAbsent(predicted, k -> new long[4])[2] += n;
        if (predicted.equals(known)) {
          out.get(known)[1] += n;
        }
      }
    }
    return out;
  }

  private static List<ClassEvaluation> classEvaluations(Map<String, long[]> counts, List<String> learnable,
      Map<String, long[]> outcome) {
    List<ClassEvaluation> out = new ArrayList<>();
    counts.forEach((cls, c) -> {
      long[] o = outcome.get(cls);
      // untrained markers have no outcome and report their held-out rows; trained ones the rows they scored
      out.add(o == null ? ClassEvaluation.of(cls, learnable.contains(cls) ? c[0] : 0, outcome.isEmpty() ? c[1] : 0, 0, 0, 0)
          : ClassEvaluation.of(cls, learnable.contains(cls) ? c[0] : 0, o[3], o[0], o[1], o[2]));
    });
    return out;
  }

  private static String json(List<MarkerEvaluation> evaluations) {
    try {
      return JSON.writeValueAsString(evaluations);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public MarkerClassifier copy(ParamMap extra) {
    return defaultCopy(extra);
  }

  public static MLReader<MarkerClassifier> read() {
    return new DefaultParamsReader<>();
  }

  public static MarkerClassifier load(String path) {
    return read().load(path);
  }
}
