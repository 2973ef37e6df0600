package org.treasuremarkers.spark.dropout;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import scala.collection.JavaConverters;

/**
 * Both dropout stages in one mapPartitions over whole rows, in Java: the alternative that DropoutBenchmark
 * measures against the stages (SQL dataset-level decision + SampleDropoutRule UDF). Same columns and values.
 */
public final class JavaRowDropout implements MapPartitionsFunction<Row, Row> {
  private static final long serialVersionUID = 1L;
  private final long seed;
  private final double datasetRate;
  private final double sampleRate;
  private final SampleDropoutRule rule;
  private final int idIndex;
  private final int markersIndex;

  private JavaRowDropout(long seed, double datasetRate, double sampleRate, Set<String> protectedKeys,
      Set<String> excludedKeys, int idIndex, int markersIndex) {
    this.seed = seed;
    this.datasetRate = datasetRate;
    this.sampleRate = sampleRate;
    this.rule = new SampleDropoutRule(protectedKeys, excludedKeys);
    this.idIndex = idIndex;
    this.markersIndex = markersIndex;
  }

  public static Dataset<Row> apply(Dataset<Row> input, long seed, double datasetRate, double sampleRate,
      Set<String> protectedKeys, Set<String> excludedKeys) {
    StructType out = input.schema().add("prompt_markers", ColumnRequirements.MARKERS).add("dropout", DataTypes.StringType);
    JavaRowDropout f = new JavaRowDropout(seed, datasetRate, sampleRate, Set.copyOf(protectedKeys), Set.copyOf(excludedKeys),
        input.schema().fieldIndex("id"), input.schema().fieldIndex("markers"));
    return input.mapPartitions(f, Encoders.row(out));
  }

  @Override
  public Iterator<Row> call(Iterator<Row> rows) {
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return rows.hasNext();
      }

      @Override
      public Row next() {
        Row r = rows.next();
        String id = r.getString(idIndex);
        Map<String, String> markers = r.getJavaMap(markersIndex);
        Map<String, String> shown;
        String kind;
        if (DropoutHash.unit(seed, id) < datasetRate) {
          shown = new TreeMap<>();
          kind = DropoutKind.DATASET.label();
        } else {
          SampleDropoutRule.Outcome outcome = rule.apply(seed, id, markers, sampleRate);
          shown = outcome.promptMarkers();
          kind = outcome.removed() > 0 ? DropoutKind.SAMPLE.label() : DropoutKind.NONE.label();
        }
        List<Object> values = new ArrayList<>(r.size() + 2);
        for (int i = 0; i < r.size(); i++) {
          values.add(r.get(i));
        }
        values.add(JavaConverters.mapAsScalaMap(shown));
        values.add(kind);
        return RowFactory.create(values.toArray());
      }
    };
  }
}
