package org.treasuremarkers.jobs.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.treasuremarkers.core.taxonomy.Taxonomy;

/**
 * The report's {@code index.html}: one self-contained page (inline CSS, no external resources), charts and CSV
 * files linked relatively so the folder can be copied or opened from disk. A small inline script records on
 * {@code <body data-images-loaded="loaded/total">} how many charts the browser could decode.
 */
final class ReportPage {
  /** One chart: an id (anchor), a title, the PNG and CSV file names (relative), and what it shows. */
  record Figure(String id, String title, String png, String csv, String caption) {}

  private static final int TAIL_ROWS_SHOWN = 80;

  private final String title;
  private final StringBuilder summary = new StringBuilder();
  private final Map<String, List<String>> sections = new LinkedHashMap<>();
  private int figures;

  ReportPage(String title) {
    this.title = title;
  }

  int figures() {
    return figures;
  }

  void summary(long rows, Map<String, Long> rowsPerDataset, Taxonomy taxonomy, ReportOptions options) {
    summary.append("<p>").append(String.format(Locale.ROOT, "%,d", rows)).append(" annotated rows in ")
        .append(rowsPerDataset.size()).append(" datasets, from <code>").append(esc(options.annotated().toString()))
        .append("</code>").append(options.prepared() == null ? ""
            : "; prepared training set <code>" + esc(options.prepared().toString()) + "</code>")
        .append(". Taxonomy ").append(esc(taxonomy.version())).append(" (").append(taxonomy.names().size())
        .append(" categories, sha256 <code>").append(taxonomy.sha256(), 0, 12).append("</code>).</p>\n");
    summary.append("<table><tr><th>dataset</th><th>rows</th><th>share</th></tr>\n");
    rowsPerDataset.forEach((dataset, n) -> summary.append("<tr><td>").append(esc(dataset)).append("</td><td class=n>")
        .append(String.format(Locale.ROOT, "%,d", n)).append("</td><td class=n>")
        .append(MarkerReport.percent(n, rows)).append("</td></tr>\n"));
    summary.append("</table>\n");
  }

  void figure(String section, Figure figure) {
    figures++;
    section(section).add("<figure id=\"" + esc(figure.id()) + "\"><img src=\"" + esc(figure.png()) + "\" alt=\""
        + esc("chart: " + figure.title()) + "\" width=\"" + Charts.WIDTH + "\" height=\"" + Charts.HEIGHT + "\">"
        + "<figcaption>" + esc(figure.caption()) + " <a href=\"" + esc(figure.csv()) + "\">data (CSV)</a></figcaption></figure>");
  }

  void tailTable(List<Row> tail, double share) {
    StringBuilder table = new StringBuilder("<p>").append(tail.size()).append(" listed values have under ")
        .append(MarkerReport.percent(share)).append(" of rows (").append(tail.stream().filter(r -> r.getLong(2) == 0).count())
        .append(" of them no row at all). Rarest first")
        .append(tail.size() > TAIL_ROWS_SHOWN ? ", the first " + TAIL_ROWS_SHOWN + " shown" : "")
        .append("; all in <a href=\"long-tail.csv\">long-tail.csv</a>.</p>\n<table><tr><th>marker</th><th>value</th>")
        .append("<th>rows</th><th>share</th></tr>\n");
    tail.stream().limit(TAIL_ROWS_SHOWN).forEach(r -> table.append("<tr><td>").append(esc(r.getString(0)))
        .append("</td><td>").append(esc(r.getString(1))).append("</td><td class=n>").append(r.getLong(2))
        .append("</td><td class=n>").append(MarkerReport.percent(r.getDouble(3))).append("</td></tr>\n"));
    table.append("</table>");
    section("Long tail").add(table.toString());
  }

  void dropoutKinds(List<Row> kinds) {
    StringBuilder table = new StringBuilder("<table><tr><th>dropout</th><th>rows</th><th>share</th></tr>\n");
    kinds.forEach(r -> table.append("<tr><td>").append(esc(String.valueOf(r.get(0)))).append("</td><td class=n>")
        .append(r.getLong(1)).append("</td><td class=n>").append(MarkerReport.percent(r.getDouble(2))).append("</td></tr>\n"));
    table.append("</table>");
    section("Dropout").add(table.toString());
  }

  /**
   * The tagger that annotated the run (report.json's "tagger"): where it came from and what its training measured,
   * leave-one-source-out first (the figure that predicts unseen data), beside the baselines it must beat.
   */
  void tagger(com.fasterxml.jackson.databind.JsonNode tagger) {
    List<String> parts = section("Tagger");
    if (tagger.path("location").isNull() || tagger.path("location").isMissingNode()) {
      parts.add("<p>No tagger ran (annotate-job --tagger none): task and domain come from rows, datasets and rules.</p>");
      return;
    }
    parts.add("<p>Task and domain left open by rows, datasets and rules were filled by the tagger at <code>"
        + esc(tagger.path("location").asText()) + "</code> (origin <code>model</code>).</p>");
    StringBuilder table = new StringBuilder("<table><tr><th>marker</th><th>threshold</th>"
        + "<th>leave-one-source-out accuracy</th><th>coverage</th><th>majority class</th><th>rules alone</th>"
        + "<th>held-out rows accuracy</th><th>macro-F1</th></tr>\n");
    tagger.path("markers").fieldNames().forEachRemaining(marker -> {
      var eval = tagger.path("evaluation").path(marker);
      var loso = eval.path("leave_one_source_out").path("average_over_sources");
      var held = eval.path("held_out_rows").path("tagger");
      table.append("<tr><td>").append(esc(marker)).append("</td><td class=n>")
          .append(tagger.path("markers").path(marker).path("threshold").asDouble()).append("</td>");
      for (var v : List.of(loso.path("accuracy"), loso.path("coverage"), loso.path("majority_accuracy"),
          loso.path("rules_accuracy"), held.path("accuracy"), held.path("macro_f1"))) {
        table.append("<td class=n>").append(v.isMissingNode() ? "-" : MarkerReport.percent(v.asDouble())).append("</td>");
      }
      table.append("</tr>\n");
    });
    table.append("</table>");
    parts.add(table.toString());
  }

  Path write(Path file) {
    try {
      Files.writeString(file, html(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("could not write " + file + ": " + e.getMessage(), e);
    }
    return file;
  }

  String html() {
    StringBuilder out = new StringBuilder();
    out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>").append(esc(title))
        .append("</title>\n<style>\n").append(CSS).append("</style>\n</head>\n<body>\n<h1>").append(esc(title))
        .append("</h1>\n<nav>");
    List<String> links = new ArrayList<>();
    sections.keySet().forEach(s -> links.add("<a href=\"#" + anchor(s) + "\">" + esc(s) + "</a>"));
    out.append(String.join(" · ", links)).append("</nav>\n").append(summary);
    sections.forEach((name, parts) -> {
      out.append("<h2 id=\"").append(anchor(name)).append("\">").append(esc(name)).append("</h2>\n");
      parts.forEach(p -> out.append(p).append('\n'));
    });
    out.append(SCRIPT).append("</body>\n</html>\n");
    return out.toString();
  }

  private List<String> section(String name) {
    return sections.computeIfAbsent(name, n -> new ArrayList<>());
  }

  private static String anchor(String section) {
    return "s-" + section.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
  }

  static String esc(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }

  private static final String CSS = String.join("\n",
      "body { font-family: sans-serif; max-width: 1040px; margin: 1.5em auto; padding: 0 1em; color: #222; }",
      "h1 { font-size: 1.5em; } h2 { border-bottom: 1px solid #ccc; margin-top: 2em; }",
      "nav a { margin-right: .3em; }",
      "figure { margin: 1.5em 0; } figure img { max-width: 100%; height: auto; border: 1px solid #eee; }",
      "figcaption { font-size: .9em; color: #444; margin-top: .3em; }",
      "table { border-collapse: collapse; margin: .5em 0 1em; font-size: .9em; }",
      "th, td { border: 1px solid #ddd; padding: .2em .6em; text-align: left; } td.n { text-align: right; }",
      "code { font-size: .9em; }", "");

  // Counts the charts the browser decoded, for people (title) and for the headless-browser test (attribute).
  private static final String SCRIPT = String.join("\n",
      "<script>",
      "window.addEventListener('load', function () {",
      "  var images = Array.prototype.slice.call(document.images);",
      "  var loaded = images.filter(function (i) { return i.complete && i.naturalWidth > 0; }).length;",
      "  document.body.setAttribute('data-images-loaded', loaded + '/' + images.length);",
      "  if (loaded < images.length) { document.title = '[' + (images.length - loaded) + ' charts missing] ' + document.title; }",
      "});",
      "</script>", "");
}
