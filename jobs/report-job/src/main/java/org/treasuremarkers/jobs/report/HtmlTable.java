package org.treasuremarkers.jobs.report;

import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A small Spark result as an HTML table, for notebooks ({@code display("text/html", HtmlTable.of(ds, 20))}):
 * shares (columns named {@code share} or ending in {@code _share}) as percentages, numbers right-aligned.
 */
public final class HtmlTable {
  private HtmlTable() {}

  public static String of(Dataset<Row> rows, int maxRows) {
    String[] columns = rows.columns();
    List<Row> shown = rows.limit(maxRows + 1).collectAsList();
    StringBuilder html = new StringBuilder("<table><thead><tr>");
    for (String c : columns) {
      html.append("<th>").append(ReportPage.esc(c)).append("</th>");
    }
    html.append("</tr></thead><tbody>");
    for (Row r : shown.subList(0, Math.min(maxRows, shown.size()))) {
      html.append("<tr>");
      for (int i = 0; i < columns.length; i++) {
        Object v = r.get(i);
        boolean number = v instanceof Number;
        String text = v == null ? "" : v instanceof Double d && isShare(columns[i]) ? MarkerReport.percent(d)
            : v instanceof Double d ? String.format(Locale.ROOT, "%.4f", d) : v.toString();
        html.append(number ? "<td style=\"text-align:right\">" : "<td>").append(ReportPage.esc(text)).append("</td>");
      }
      html.append("</tr>");
    }
    html.append("</tbody></table>");
    if (shown.size() > maxRows) {
      html.append("<p>first ").append(maxRows).append(" rows shown</p>");
    }
    return html.toString();
  }

  private static boolean isShare(String column) {
    return column.equals("share") || column.endsWith("_share") || column.startsWith("share_") || column.equals("prompt_kept");
  }
}
