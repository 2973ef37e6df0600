package org.treasuremarkers.spark.format;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.raise_error;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.when;

import java.nio.charset.StandardCharsets;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.StructType;
import org.treasuremarkers.core.taxonomy.InvalidMarkerException;
import org.treasuremarkers.core.taxonomy.Taxonomy;
import org.treasuremarkers.core.taxonomy.TaxonomyLoader;
import org.treasuremarkers.core.template.Template;
import scala.collection.JavaConverters;
import org.treasuremarkers.spark.dropout.ColumnRequirements;

/**
 * The text the model is trained on (layout: datasets-schema/training-example.schema.json, x-layout):
 * <ul>
 *   <li>{@code input_text} = prompt + "\n" + template(prompt_markers), or the prompt alone when no
 *       prompt-side marker is left;</li>
 *   <li>{@code target_text} = template(markers) + "\n" + completion: the completion side always shows
 *       every marker, whatever dropout did.</li>
 * </ul>
 * Templates are rendered by the core {@link Template} (the one renderer, which also rejects a marker value the
 * taxonomy does not allow) in a Java UDF. bench/dropout-1m.sh measured the same layout written as Spark SQL
 * higher-order functions: no faster (Spark 3.5 interprets those), so the single renderer stays.
 *
 * <p>The taxonomy is a param holding the taxonomy file's text, so a saved pipeline renders with exactly the
 * taxonomy it was built with; the default is the packaged conf/taxonomy.json.
 */
public final class Formatter extends Transformer implements DefaultParamsWritable {
  private static final long serialVersionUID = 1L;

  private final String uid;
  private final Param<String> idCol;
  private final Param<String> promptCol;
  private final Param<String> completionCol;
  private final Param<String> markersCol;
  private final Param<String> promptMarkersCol;
  private final Param<String> inputTextCol;
  private final Param<String> targetTextCol;
  private final Param<String> taxonomyJson;

  public Formatter() {
    this(Identifiable$.MODULE$.randomUID("Formatter"));
  }

  public Formatter(String uid) {
    this.uid = uid;
    idCol = new Param<>(this, "idCol", "example id column (string), named in errors");
    promptCol = new Param<>(this, "promptCol", "prompt text column (string)");
    completionCol = new Param<>(this, "completionCol", "completion text column (string)");
    markersCol = new Param<>(this, "markersCol", "all markers, map<string,string>: the completion-side template");
    promptMarkersCol = new Param<>(this, "promptMarkersCol", "markers after dropout, map<string,string>: the prompt-side template");
    inputTextCol = new Param<>(this, "inputTextCol", "output: the model's input text");
    targetTextCol = new Param<>(this, "targetTextCol", "output: the text the model learns to generate");
    taxonomyJson = new Param<>(this, "taxonomyJson", "text of the taxonomy file the templates are checked and rendered with",
        (scala.Function1<String, Object>) json -> {
          TaxonomyLoader.parse(uid + ".taxonomyJson", json.getBytes(StandardCharsets.UTF_8));
          return true;
        });
    setDefault(taxonomyJson, new String(TaxonomyLoader.loadDefault().json(), StandardCharsets.UTF_8));
    setDefault(idCol, "id");
    setDefault(promptCol, "prompt");
    setDefault(completionCol, "completion");
    setDefault(markersCol, "markers");
    setDefault(promptMarkersCol, "prompt_markers");
    setDefault(inputTextCol, "input_text");
    setDefault(targetTextCol, "target_text");
  }

  public static MLReader<Formatter> read() {
    return new DefaultParamsReader<>();
  }

  public static Formatter load(String path) {
    return read().load(path);
  }

  @Override
  public String uid() {
    return uid;
  }

  public Param<String> idCol() {
    return idCol;
  }

  public Param<String> promptCol() {
    return promptCol;
  }

  public Param<String> completionCol() {
    return completionCol;
  }

  public Param<String> markersCol() {
    return markersCol;
  }

  public Param<String> promptMarkersCol() {
    return promptMarkersCol;
  }

  public Param<String> inputTextCol() {
    return inputTextCol;
  }

  public Param<String> targetTextCol() {
    return targetTextCol;
  }

  public Param<String> taxonomyJson() {
    return taxonomyJson;
  }

  public Formatter setTaxonomy(Taxonomy taxonomy) {
    set(taxonomyJson, new String(taxonomy.json(), StandardCharsets.UTF_8));
    return this;
  }

  public Taxonomy getTaxonomy() {
    return TaxonomyLoader.parse(uid + ".taxonomyJson", $(taxonomyJson).getBytes(StandardCharsets.UTF_8));
  }

  public Formatter setInputColumns(String prompt, String completion, String markers, String promptMarkers) {
    set(promptCol, prompt);
    set(completionCol, completion);
    set(markersCol, markers);
    set(promptMarkersCol, promptMarkers);
    return this;
  }

  public Formatter setOutputColumns(String inputText, String targetText) {
    set(inputTextCol, inputText);
    set(targetTextCol, targetText);
    return this;
  }

  @Override
  public StructType transformSchema(StructType schema) {
    ColumnRequirements.require(schema, "Formatter", "idCol", $(idCol), DataTypes.StringType);
    ColumnRequirements.require(schema, "Formatter", "promptCol", $(promptCol), DataTypes.StringType);
    ColumnRequirements.require(schema, "Formatter", "completionCol", $(completionCol), DataTypes.StringType);
    ColumnRequirements.require(schema, "Formatter", "markersCol", $(markersCol), ColumnRequirements.MARKERS);
    ColumnRequirements.require(schema, "Formatter", "promptMarkersCol", $(promptMarkersCol), ColumnRequirements.MARKERS);
    StructType out = ColumnRequirements.withColumn(schema, $(inputTextCol), DataTypes.StringType);
    return ColumnRequirements.withColumn(out, $(targetTextCol), DataTypes.StringType);
  }

  @Override
  public Dataset<Row> transform(Dataset<?> dataset) {
    transformSchema(dataset.schema());
    Taxonomy taxonomy = getTaxonomy();
    // Template is rebuilt per call (it only wraps the taxonomy); a bad value fails the job naming the example.
    UserDefinedFunction render = udf((UDF2<String, scala.collection.Map<String, String>, String>) (id, markers) -> {
      try {
        return new Template(taxonomy).render(JavaConverters.mapAsJavaMap(markers));
      } catch (InvalidMarkerException e) {
        throw new InvalidMarkerException("Formatter: example " + id + ": " + e.getMessage());
      }
    }, DataTypes.StringType);
    Column id = col($(idCol));
    Column prompt = notNull(col($(promptCol)), id, $(promptCol));
    Column promptMarkers = col($(promptMarkersCol));
    Column input = when(size(promptMarkers).equalTo(0), prompt)
        .otherwise(concat(prompt, lit("\n"), render.apply(id, promptMarkers)));
    Column target = concat(render.apply(id, col($(markersCol))), lit("\n"), notNull(col($(completionCol)), id, $(completionCol)));
    return dataset.withColumn($(inputTextCol), input).withColumn($(targetTextCol), target);
  }

  /** A null text would turn the whole training text into null: bad input, reported with the example id. */
  private static Column notNull(Column text, Column id, String name) {
    return when(text.isNull(), raise_error(concat(lit("Formatter: example "), id, lit(" has a null " + name)))).otherwise(text);
  }

  @Override
  public Formatter copy(ParamMap extra) {
    return (Formatter) defaultCopy(extra);
  }
}
