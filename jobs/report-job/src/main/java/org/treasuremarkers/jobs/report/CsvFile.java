package org.treasuremarkers.jobs.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;

/** Writes the small table behind a chart as RFC 4180 CSV (header first, quotes only where needed). */
final class CsvFile {
  private CsvFile() {}

  static void write(Path file, List<String> header, List<List<Object>> rows) {
    List<String> lines = new ArrayList<>();
    lines.add(line(new ArrayList<>(header)));
    rows.forEach(r -> lines.add(line(r)));
    try {
      Files.write(file, lines, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("could not write " + file + ": " + e.getMessage(), e);
    }
  }

  /** Spark rows as they are, with the Dataset's column names as header. */
  static void write(Path file, String[] columns, List<Row> rows) {
    List<List<Object>> cells = new ArrayList<>();
    for (Row r : rows) {
      List<Object> cell = new ArrayList<>();
      for (int i = 0; i < r.length(); i++) {
        cell.add(r.get(i));
      }
      cells.add(cell);
    }
    write(file, List.of(columns), cells);
  }

  private static String line(List<?> cells) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      out.append(field(cells.get(i)));
    }
    return out.toString();
  }

  private static String field(Object value) {
    String text = value == null ? "" : value.toString();
    if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
      return "\"" + text.replace("\"", "\"\"") + "\"";
    }
    return text;
  }
}
