package org.treasuremarkers.spark.annotate;

import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.treasuremarkers.core.annotate.ExampleAnnotator;
import org.treasuremarkers.core.example.Annotation;
import org.treasuremarkers.core.example.RawExample;
import org.treasuremarkers.core.json.SchemaCheckedJson;
import org.treasuremarkers.core.tagger.Tagger;
import org.treasuremarkers.core.taxonomy.InvalidMarkerException;
import org.treasuremarkers.core.taxonomy.Taxonomy;
import org.treasuremarkers.core.taxonomy.TaxonomyLoader;
import scala.collection.JavaConverters;

/**
 * Annotates every row with the per-example markers of markers-core: preset markers of the row, its own
 * quality, the markers of its dataset, then the rule annotators and the tagger (param {@code tagger}). Writes {@code markers} (category -> canonical
 * value) and {@code marker_origin} (category -> input | dataset | rule | model).
 *
 * <p>Runs per partition; the annotator is built once per executor JVM and taxonomy
 * ({@link ExampleAnnotators}). The taxonomy travels as a param (its JSON text), so a saved pipeline
 * annotates with the taxonomy it was built with. Rows whose prompt or completion is null get null markers.
 * {@code quality_score} ({@code scoreCol}) holds the full-precision number the quality marker was rounded from
 * (computed or the row's own), null when the quality came as a preset marker or there is none: the per-language
 * quartiles (QualityBucketer) cut on it.
 */
public final class MarkerAnnotator extends Transformer implements DefaultParamsWritable {
  private static final long serialVersionUID = 1L;
  public static final String ERROR = "error";
  public static final String KEEP = "keep";

  private final String uid;
  private final Param<String> promptCol;
  private final Param<String> completionCol;
  private final Param<String> idCol;
  private final Param<String> datasetCol;
  private final Param<String> qualityCol;
  private final Param<String> inputMarkersCol;
  private final Param<String> datasetMarkersCol;
  private final Param<String> markersCol;
  private final Param<String> originCol;
  private final Param<String> scoreCol;
  private final Param<String> errorCol;
  private final Param<String> handleInvalid;
  private final Param<String> taxonomyJson;
  private final Param<String> tagger;

  public MarkerAnnotator() {
    this(Identifiable.randomUID("markerAnnotator"));
  }

  public MarkerAnnotator(String uid) {
    this.uid = uid;
    // params need the uid, so they are created here rather than in field initialisers
    promptCol = new Param<>(this, "promptCol", "column of prompts (string)");
    completionCol = new Param<>(this, "completionCol", "column of completions (string)");
    idCol = new Param<>(this, "idCol", "column of row ids (string), used in error messages");
    datasetCol = new Param<>(this, "datasetCol", "column of dataset names (string)");
    qualityCol = new Param<>(this, "qualityCol",
      "optional column of the rows' own quality scores (double); empty for none");
    inputMarkersCol = new Param<>(this, "inputMarkersCol",
      "optional column of preset markers (map<string,string>), highest precedence; empty for none");
    datasetMarkersCol = new Param<>(this, "datasetMarkersCol",
      "optional column of the markers the row's dataset gives (map<string,string>); empty for none");
    markersCol = new Param<>(this, "markersCol", "output column of markers");
    originCol = new Param<>(this, "originCol", "output column of marker origins");
    scoreCol = new Param<>(this, "scoreCol",
      "output column (double) of the full-precision quality score behind the quality marker, null when none");
    errorCol = new Param<>(this, "errorCol",
      "output column of the invalid-marker message when handleInvalid is keep (null when the row is fine)");
    handleInvalid = new Param<>(this, "handleInvalid",
      "what to do with a row whose preset or dataset marker the taxonomy does not allow: error (fail the job) or"
          + " keep (null markers, the message in errorCol)", ParamValidators.inArray(new String[] {ERROR, KEEP}));
    taxonomyJson = new Param<>(this, "taxonomyJson",
      "the taxonomy (conf/taxonomy.json) as JSON text; default: the packaged taxonomy", (String s) -> !s.isBlank());
    tagger = new Param<>(this, "tagger", "the task/domain tagger: default (the shipped model), none, or the path of a"
        + " model folder written by train-tagger, readable on every executor", (String s) -> !s.isBlank());
    setDefault(tagger, Tagger.DEFAULT);
    setDefault(promptCol, "prompt");
    setDefault(completionCol, "completion");
    setDefault(idCol, "id");
    setDefault(datasetCol, "dataset");
    setDefault(qualityCol, "");
    setDefault(inputMarkersCol, "");
    setDefault(datasetMarkersCol, "");
    setDefault(markersCol, "markers");
    setDefault(originCol, "marker_origin");
    setDefault(scoreCol, "quality_score");
    setDefault(errorCol, "marker_error");
    setDefault(handleInvalid, ERROR);
    setDefault(taxonomyJson, new String(SchemaCheckedJson.resourceBytes(TaxonomyLoader.DEFAULT_RESOURCE),
        StandardCharsets.UTF_8));
  }

  @Override
  public String uid() {
    return uid;
  }

  public Param<String> promptCol() { return promptCol; }
  public Param<String> completionCol() { return completionCol; }
  public Param<String> idCol() { return idCol; }
  public Param<String> datasetCol() { return datasetCol; }
  public Param<String> qualityCol() { return qualityCol; }
  public Param<String> inputMarkersCol() { return inputMarkersCol; }
  public Param<String> datasetMarkersCol() { return datasetMarkersCol; }
  public Param<String> markersCol() { return markersCol; }
  public Param<String> originCol() { return originCol; }
  public Param<String> scoreCol() { return scoreCol; }
  public Param<String> errorCol() { return errorCol; }
  public Param<String> handleInvalid() { return handleInvalid; }
  public Param<String> taxonomyJson() { return taxonomyJson; }
  public Param<String> tagger() { return tagger; }

  public MarkerAnnotator setPromptCol(String v) { set(promptCol, v); return this; }
  public MarkerAnnotator setCompletionCol(String v) { set(completionCol, v); return this; }
  public MarkerAnnotator setIdCol(String v) { set(idCol, v); return this; }
  public MarkerAnnotator setDatasetCol(String v) { set(datasetCol, v); return this; }
  public MarkerAnnotator setQualityCol(String v) { set(qualityCol, v); return this; }
  public MarkerAnnotator setInputMarkersCol(String v) { set(inputMarkersCol, v); return this; }
  public MarkerAnnotator setDatasetMarkersCol(String v) { set(datasetMarkersCol, v); return this; }
  public MarkerAnnotator setMarkersCol(String v) { set(markersCol, v); return this; }
  public MarkerAnnotator setOriginCol(String v) { set(originCol, v); return this; }
  public MarkerAnnotator setScoreCol(String v) { set(scoreCol, v); return this; }
  public MarkerAnnotator setErrorCol(String v) { set(errorCol, v); return this; }
  public MarkerAnnotator setHandleInvalid(String v) { set(handleInvalid, v); return this; }
  public MarkerAnnotator setTagger(String v) { set(tagger, v); return this; }

  /** Annotate with this taxonomy (its exact file bytes travel with the stage). */
  public MarkerAnnotator setTaxonomy(Taxonomy taxonomy) {
    set(taxonomyJson, new String(taxonomy.json(), StandardCharsets.UTF_8));
    return this;
  }

  public String getHandleInvalid() { return getOrDefault(handleInvalid); }

  @Override
  public StructType transformSchema(StructType schema) {
    StageSchemas.requireColumn(this, schema, getOrDefault(promptCol), DataTypes.StringType);
    StageSchemas.requireColumn(this, schema, getOrDefault(completionCol), DataTypes.StringType);
    StageSchemas.requireColumn(this, schema, getOrDefault(idCol), DataTypes.StringType);
    StageSchemas.requireColumn(this, schema, getOrDefault(datasetCol), DataTypes.StringType);
    if (!getOrDefault(qualityCol).isEmpty()) {
      StageSchemas.requireColumn(this, schema, getOrDefault(qualityCol), DataTypes.DoubleType);
    }
    for (Param<String> p : java.util.List.of(inputMarkersCol, datasetMarkersCol)) {
      if (!getOrDefault(p).isEmpty()) {
        StageSchemas.requireColumn(this, schema, getOrDefault(p), StageSchemas.STRING_MAP);
      }
    }
    StructType out = StageSchemas.addColumn(this, schema, getOrDefault(markersCol), StageSchemas.STRING_MAP);
    out = StageSchemas.addColumn(this, out, getOrDefault(originCol), StageSchemas.STRING_MAP);
    if (KEEP.equals(getHandleInvalid())) {
      out = StageSchemas.addColumn(this, out, getOrDefault(errorCol), DataTypes.StringType);
    }
    return StageSchemas.addColumn(this, out, getOrDefault(scoreCol), DataTypes.DoubleType); // last: a later addition
  }

  @Override
  public Dataset<Row> transform(Dataset<?> dataset) {
    StructType in = dataset.schema();
    StructType out = transformSchema(in);
    RowAnnotation annotation = new RowAnnotation(getOrDefault(taxonomyJson), getOrDefault(tagger), in.fieldIndex(getOrDefault(idCol)),
        in.fieldIndex(getOrDefault(datasetCol)), in.fieldIndex(getOrDefault(promptCol)),
        in.fieldIndex(getOrDefault(completionCol)), index(in, qualityCol), index(in, inputMarkersCol),
        index(in, datasetMarkersCol), KEEP.equals(getHandleInvalid()), in.size(), uid);
    return dataset.toDF().mapPartitions(annotation, Encoders.row(out));
  }

  private int index(StructType schema, Param<String> optionalCol) {
    String name = getOrDefault(optionalCol);
    return name.isEmpty() ? -1 : schema.fieldIndex(name);
  }

  @Override
  public MarkerAnnotator copy(ParamMap extra) {
    return defaultCopy(extra);
  }

  public static MLReader<MarkerAnnotator> read() {
    return new DefaultParamsReader<>();
  }

  public static MarkerAnnotator load(String path) {
    return read().load(path);
  }

  /** The per-partition work; holds only column positions and the taxonomy text. */
  private record RowAnnotation(String taxonomyJson, String tagger, int id, int dataset, int prompt, int completion, int quality,
      int inputMarkers, int datasetMarkers, boolean keepInvalid, int width, String stage)
      implements MapPartitionsFunction<Row, Row> {

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
      ExampleAnnotator annotator = ExampleAnnotators.forTaxonomyJson(taxonomyJson, tagger);
      return new Iterator<>() {
        @Override
        public boolean hasNext() {
          return rows.hasNext();
        }

        @Override
        public Row next() {
          return annotate(annotator, rows.next());
        }
      };
    }

    private Row annotate(ExampleAnnotator annotator, Row row) {
      Object[] values = new Object[width + (keepInvalid ? 4 : 3)];
      for (int i = 0; i < width; i++) {
        values[i] = row.get(i);
      }
      if (row.isNullAt(prompt) || row.isNullAt(completion)) {
        return RowFactory.create(values);
      }
      RawExample example = new RawExample(row.getString(id), row.getString(dataset), row.getString(prompt),
          row.getString(completion), quality < 0 || row.isNullAt(quality) ? null : row.getDouble(quality),
          map(row, inputMarkers), Map.of());
      try {
        Annotation a = annotator.annotate(example, map(row, datasetMarkers));
        values[width] = JavaConverters.mapAsScalaMap(a.markers());
        values[width + 1] = JavaConverters.mapAsScalaMap(a.originLabels());
        values[values.length - 1] = a.scores().get("quality");
      } catch (InvalidMarkerException e) {
        if (!keepInvalid) {
          throw new IllegalArgumentException("row " + example.id() + " of dataset " + example.dataset() + ": "
              + e.getMessage() + ". To keep such rows (with the message in the error column) instead of failing,"
              + " set " + stage + ".handleInvalid to keep", e);
        }
        values[width + 2] = e.getMessage();
      }
      return RowFactory.create(values);
    }

    private static Map<String, String> map(Row row, int index) {
      return index < 0 || row.isNullAt(index) ? Map.of() : row.getJavaMap(index);
    }
  }
}
