package org.treasuremarkers.spark.classify;

import static org.apache.spark.sql.functions.array_max;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map;
import static org.apache.spark.sql.functions.map_concat;
import static org.apache.spark.sql.functions.when;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.functions;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.param.StringArrayParam;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWriter;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.treasuremarkers.spark.annotate.StageSchemas;
import scala.Option;

/**
 * Predicts the learnt markers for rows that lack them, only when the top class probability reaches
 * {@code confidenceThreshold}; such markers get origin {@code model}. Rows that already have the marker, or
 * no markers at all, pass unchanged. Saved as Spark metadata plus one PipelineModel per marker.
 */
public final class MarkerClassifierModel extends Model<MarkerClassifierModel> implements MLWritable {
  private static final long serialVersionUID = 1L;
  public static final String ORIGIN = "model";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String uid;
  private final Map<String, PipelineModel> models;
  final Param<String> textCol;
  final Param<String> markersCol;
  final Param<String> originCol;
  final DoubleParam confidenceThreshold;
  final StringArrayParam trainedMarkers;
  final Param<String> evaluation;

  MarkerClassifierModel(String uid, Map<String, PipelineModel> models) {
    this.uid = uid;
    // params need the uid, so they are created here rather than in field initialisers
    textCol = new Param<>(this, "textCol", "column of text to classify (string)");
    markersCol = new Param<>(this, "markersCol", "column of markers (map<string,string>)");
    originCol = new Param<>(this, "originCol", "column of marker origins (map<string,string>)");
    confidenceThreshold = new DoubleParam(this, "confidenceThreshold",
      "predict only when the top class probability reaches this, in (0, 1]", ParamValidators.inRange(0.0, 1.0, false, true));
    trainedMarkers = new StringArrayParam(this, "trainedMarkers", "markers that have a model");
    evaluation = new Param<>(this, "evaluation",
      "held-out evaluation per marker and class (JSON list of MarkerEvaluation)");
    this.models = new LinkedHashMap<>(models);
    setDefault(textCol, "prompt");
    setDefault(markersCol, "markers");
    setDefault(originCol, "marker_origin");
    setDefault(confidenceThreshold, 0.95);
    setDefault(evaluation, "[]");
    set(trainedMarkers, models.keySet().toArray(String[]::new));
  }

  @Override
  public String uid() {
    return uid;
  }

  public Param<String> textCol() { return textCol; }
  public Param<String> markersCol() { return markersCol; }
  public Param<String> originCol() { return originCol; }
  public DoubleParam confidenceThreshold() { return confidenceThreshold; }
  public StringArrayParam trainedMarkers() { return trainedMarkers; }
  public Param<String> evaluation() { return evaluation; }

  public MarkerClassifierModel setConfidenceThreshold(double v) { set(confidenceThreshold, v); return this; }

  void setEvaluation(String json) {
    set(evaluation, json);
  }

  /** The held-out evaluation of every target marker, trained or not. */
  public List<MarkerEvaluation> evaluations() {
    try {
      return JSON.readValue(getOrDefault(evaluation), new TypeReference<List<MarkerEvaluation>>() {});
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The fitted text pipeline of one marker (tokens, tf, idf, logistic regression, label). */
  public PipelineModel pipeline(String marker) {
    return models.get(marker);
  }

  static String prefix(String marker) {
    return "__clf_" + marker + "_";
  }

  @Override
  public StructType transformSchema(StructType schema) {
    StageSchemas.requireColumn(this, schema, getOrDefault(textCol), DataTypes.StringType);
    StageSchemas.requireColumn(this, schema, getOrDefault(markersCol), StageSchemas.STRING_MAP);
    StageSchemas.requireColumn(this, schema, getOrDefault(originCol), StageSchemas.STRING_MAP);
    return schema;
  }

  @Override
  public Dataset<Row> transform(Dataset<?> dataset) {
    transformSchema(dataset.schema());
    Dataset<Row> out = dataset.toDF();
    Column[] columns = Arrays.stream(out.columns()).map(c -> col("`" + c + "`")).toArray(Column[]::new);
    String markersName = getOrDefault(markersCol);
    String originName = getOrDefault(originCol);
    double threshold = (Double) getOrDefault(confidenceThreshold);
    for (String marker : getOrDefault(trainedMarkers)) {
      String p = prefix(marker);
      Column markers = col(markersName);
      Column needs = markers.isNotNull().and(markers.getItem(marker).isNull()).and(col(getOrDefault(textCol)).isNotNull());
      Dataset<Row> scored = models.get(marker).transform(out.where(needs))
          .withColumn(p + "confidence", array_max(functions.vector_to_array(col(p + "probability"), "float64")));
      Column confident = col(p + "confidence").geq(threshold);
      Dataset<Row> predicted = scored
          .withColumn(markersName, when(confident, map_concat(markers, map(lit(marker), col(p + "predicted"))))
              .otherwise(markers))
          .withColumn(originName, when(confident, map_concat(col(originName), map(lit(marker), lit(ORIGIN))))
              .otherwise(col(originName)))
          .select(columns);
      out = out.where(needs.unary_$bang().or(needs.isNull())).unionByName(predicted);
    }
    return out;
  }

  @Override
  public MarkerClassifierModel copy(ParamMap extra) {
    MarkerClassifierModel copy = copyValues(new MarkerClassifierModel(uid, models), extra);
    return (MarkerClassifierModel) copy.setParent(parent());
  }

  @Override
  public MLWriter write() {
    return new Writer(this);
  }

  public static MLReader<MarkerClassifierModel> read() {
    return new Reader();
  }

  public static MarkerClassifierModel load(String path) {
    return read().load(path);
  }

  private static final class Writer extends MLWriter {
    private final MarkerClassifierModel instance;

    Writer(MarkerClassifierModel instance) {
      this.instance = instance;
    }

    @Override
    public void saveImpl(String path) {
      DefaultParamsWriter.saveMetadata(instance, path, sc(), Option.empty(), Option.empty());
      for (Map.Entry<String, PipelineModel> e : instance.models.entrySet()) {
        try {
          e.getValue().write().save(path + "/models/" + e.getKey());
        } catch (IOException ex) {
          throw new UncheckedIOException("cannot save the " + e.getKey() + " model under " + path, ex);
        }
      }
    }
  }

  private static final class Reader extends MLReader<MarkerClassifierModel> {
    @Override
    public MarkerClassifierModel load(String path) {
      DefaultParamsReader.Metadata metadata =
          DefaultParamsReader.loadMetadata(path, sc(), MarkerClassifierModel.class.getName());
      MarkerClassifierModel empty = new MarkerClassifierModel(metadata.uid(), Map.of());
      metadata.getAndSetParams(empty, Option.empty());
      Map<String, PipelineModel> models = new LinkedHashMap<>();
      for (String marker : empty.getOrDefault(empty.trainedMarkers)) {
        models.put(marker, DenseScoring.of(PipelineModel.load(path + "/models/" + marker)));
      }
      MarkerClassifierModel model = new MarkerClassifierModel(metadata.uid(), models);
      metadata.getAndSetParams(model, Option.empty());
      return model;
    }
  }
}
