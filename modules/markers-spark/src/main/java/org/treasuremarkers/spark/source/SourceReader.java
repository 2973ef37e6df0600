package org.treasuremarkers.spark.source;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * Reads every record of every input file with its position, losing none: lines of jsonl/tsv files with their
 * line numbers (one file at a time, so numbering follows the file), elements of JSON arrays and rows of
 * Parquet files with their row numbers.
 */
public final class SourceReader {
  private static final JsonFactory JSON = new JsonFactory();

  private SourceReader() {}

  public static JavaRDD<SourceRecord> read(SparkSession spark, SourcesConfig config, List<InputFile> files) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    List<JavaRDD<SourceRecord>> parts = new ArrayList<>();
    for (InputFile file : files) {
      int index = sourceIndex(config, file.source());
      SourceFormat format = config.sources().get(index).format();
      String path = file.path();
      JavaRDD<SourceRecord> records = switch (format) {
        case JSONL, TSV -> jsc.textFile(path).zipWithIndex()
            .map(t -> new SourceRecord(index, path, t._2() + 1, null, t._1(), null));
        case PARQUET -> spark.read().parquet(path).toJSON().javaRDD().zipWithIndex()
            .map(t -> new SourceRecord(index, path, null, t._2() + 1, t._1(), null));
        case JSON -> jsc.wholeTextFiles(path).flatMap(t -> arrayElements(index, path, t._2()));
      };
      parts.add(records);
    }
    if (parts.isEmpty()) {
      return jsc.emptyRDD();
    }
    return jsc.union(parts.toArray(JavaRDD[]::new));
  }

  private static int sourceIndex(SourcesConfig config, String name) {
    for (int i = 0; i < config.sources().size(); i++) {
      if (java.util.Objects.equals(config.sources().get(i).name(), name)) {
        return i;
      }
    }
    throw new IllegalStateException("file of unknown source " + name);
  }

  /**
   * The elements of a JSON array file, each with its exact text. When the file stops being valid JSON, the
   * rest of it becomes one record carrying the parser's message, so nothing is dropped silently.
   */
  static Iterator<SourceRecord> arrayElements(int source, String file, String content) {
    List<SourceRecord> out = new ArrayList<>();
    long row = 0;
    int restFrom = 0;
    try (JsonParser parser = JSON.createParser(content)) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        return out.iterator(); // an empty file holds no records
      }
      if (first != JsonToken.START_ARRAY) {
        out.add(new SourceRecord(source, file, null, 1L, content,
            "the file is not a JSON array (it starts with " + first.asString() + "); format json expects [ {...}, ... ]"));
        return out.iterator();
      }
      restFrom = (int) parser.currentLocation().getCharOffset();
      JsonToken token;
      while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
        if (token == null) {
          throw new JsonProcessingException("the array is not closed", parser.currentLocation()) {};
        }
        int start = (int) parser.currentTokenLocation().getCharOffset();
        parser.skipChildren();
        int end = (int) parser.currentLocation().getCharOffset();
        row++;
        out.add(new SourceRecord(source, file, null, row, content.substring(start, end), null));
        restFrom = end;
      }
    } catch (IOException e) {
      String rest = content.substring(Math.min(restFrom, content.length())).strip();
      if (rest.startsWith(",")) {
        rest = rest.substring(1).strip();
      }
      out.add(new SourceRecord(source, file, null, row + 1, rest,
          "the JSON array breaks off after element " + row + ": " + e.getMessage().lines().findFirst().orElse("")));
    }
    return out.iterator();
  }
}
