package org.treasuremarkers.spark.format;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.when;

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
import org.apache.spark.sql.types.StructType;
import org.treasuremarkers.spark.dropout.ColumnRequirements;

/**
 * The text the model is trained on (layout: datasets-schema/training-example.schema.json, x-layout):
 * <ul>
 *   <li>{@code input_text} = prompt + "\n" + template(prompt_markers), or the prompt alone when no
 *       prompt-side marker is left;</li>
 *   <li>{@code target_text} = template(markers) + "\n" + completion: the completion side always shows
 *       every marker, whatever dropout did.</li>
 * </ul>
 * Templates are rendered by {@link TemplateColumn}, byte-identical to the core {@code Template}.
 */
public final class Formatter extends Transformer implements DefaultParamsWritable {
  private static final long serialVersionUID = 1L;

  private final String uid;
  private final Param<String> promptCol;
  private final Param<String> completionCol;
  private final Param<String> markersCol;
  private final Param<String> promptMarkersCol;
  private final Param<String> inputTextCol;
  private final Param<String> targetTextCol;

  public Formatter() {
    this(Identifiable$.MODULE$.randomUID("Formatter"));
  }

  public Formatter(String uid) {
    this.uid = uid;
    promptCol = new Param<>(this, "promptCol", "prompt text column (string)");
    completionCol = new Param<>(this, "completionCol", "completion text column (string)");
    markersCol = new Param<>(this, "markersCol", "all markers, map<string,string>: the completion-side template");
    promptMarkersCol = new Param<>(this, "promptMarkersCol", "markers after dropout, map<string,string>: the prompt-side template");
    inputTextCol = new Param<>(this, "inputTextCol", "output: the model's input text");
    targetTextCol = new Param<>(this, "targetTextCol", "output: the text the model learns to generate");
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
    Column prompt = col($(promptCol));
    Column promptMarkers = col($(promptMarkersCol));
    Column input = when(size(promptMarkers).equalTo(0), prompt)
        .otherwise(concat(prompt, lit("\n"), TemplateColumn.render(promptMarkers)));
    Column target = concat(TemplateColumn.render(col($(markersCol))), lit("\n"), col($(completionCol)));
    return dataset.withColumn($(inputTextCol), input).withColumn($(targetTextCol), target);
  }

  @Override
  public Formatter copy(ParamMap extra) {
    return (Formatter) defaultCopy(extra);
  }
}
