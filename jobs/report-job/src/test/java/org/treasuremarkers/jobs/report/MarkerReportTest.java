package org.treasuremarkers.jobs.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.treasuremarkers.core.taxonomy.Taxonomy;
import org.treasuremarkers.core.taxonomy.TaxonomyLoader;
import org.treasuremarkers.spark.TestSpark;
import org.treasuremarkers.spark.inspect.MarkerStats;
import org.treasuremarkers.spark.inspect.SyntheticRun;

/** The report of a seeded synthetic run (annotated + prepared), checked on disk and in headless Chromium. */
class MarkerReportTest {
  private static final Taxonomy TAXONOMY = TaxonomyLoader.loadDefault();
  private static final SyntheticRun RUN = SyntheticRun.generate(TAXONOMY, 3, 500);
  /** 13 categories + long tail + coverage + dropout. */
  private static final int CHARTS = TAXONOMY.names().size() + 3;

  @TempDir
  static Path tmp;
  static Path report;
  static MarkerReport.Summary summary;

  @BeforeAll
  static void writeReport() {
    SparkSession spark = TestSpark.session();
    Path annotated = RUN.writeAnnotated(spark, tmp.resolve("annotated"));
    Path prepared = RUN.writePrepared(spark, tmp.resolve("prepared"), 5);
    report = tmp.resolve("report");
    summary = MarkerReport.write(spark, ReportOptions.parse("--annotated", annotated.toString(),
        "--prepared", prepared.toString(), "--output", report.toString(), "--tail-share", "0.03"));
  }

  @Test
  void writesAPngAndItsCsvForEveryChart() throws IOException {
    assertEquals(500, summary.rows());
    assertEquals(CHARTS, summary.figures());
    List<String> pngs = new ArrayList<>();
    for (String name : TAXONOMY.names()) {
      pngs.add("marker-" + name + ".png");
    }
    pngs.addAll(List.of("long-tail.png", "coverage.png", "dropout.png"));
    for (String png : pngs) {
      BufferedImage image = ImageIO.read(report.resolve(png).toFile());
      assertEquals(Charts.WIDTH, image.getWidth(), png);
      assertEquals(Charts.HEIGHT, image.getHeight(), png);
      assertTrue(Files.isRegularFile(report.resolve(png.replace(".png", ".csv"))), png);
    }
  }

  @Test
  void eachCategoryCsvHoldsTheCountsDrawn() throws IOException {
    for (String marker : TAXONOMY.names()) {
      List<String> lines = Files.readAllLines(report.resolve("marker-" + marker + ".csv"));
      long sum = lines.stream().skip(1).mapToLong(l -> Long.parseLong(l.substring(l.lastIndexOf(',') + 1))).sum();
      assertEquals(500, sum, marker + ": every row is drawn once, in a value, a bin or " + MarkerStats.NO_VALUE);
    }
    Map<String, Long> lang = new TreeMap<>();
    Files.readAllLines(report.resolve("marker-lang.csv")).stream().skip(1).forEach(l -> {
      String[] cells = l.split(",");
      lang.merge(cells[0], Long.parseLong(cells[2]), Long::sum);
    });
    assertEquals(RUN.counts("lang"), lang);
  }

  @Test
  void pageLinksOnlyRelativeFilesThatExist() throws IOException {
    String html = Files.readString(report.resolve("index.html"));
    Matcher links = Pattern.compile("(?:src|href)=\"([^\"]+)\"").matcher(html);
    int count = 0;
    while (links.find()) {
      String target = links.group(1);
      if (target.startsWith("#")) {
        continue;
      }
      count++;
      assertFalse(target.contains(":") || target.startsWith("/") || target.contains(".."), "not relative: " + target);
      assertTrue(Files.isRegularFile(report.resolve(target)), "missing " + target);
    }
    assertEquals(2 * CHARTS + 1, count, "a PNG and a CSV per chart, plus long-tail.csv");
    assertFalse(html.contains("http://") || html.contains("https://"), "no network resources");
  }

  @Test
  void rendersInHeadlessChromiumWithEveryChartLoaded() throws IOException {
    HeadlessChromium chromium = HeadlessChromium.require(tmp.resolve("chromium-profile"));
    String dom = chromium.dumpDom(report.resolve("index.html"));
    Matcher loaded = Pattern.compile("data-images-loaded=\"(\\d+)/(\\d+)\"").matcher(dom);
    assertTrue(loaded.find(), "the page's load script did not run; DOM starts: " + dom.substring(0, Math.min(300, dom.length())));
    assertEquals(CHARTS, Integer.parseInt(loaded.group(2)), "images on the page");
    assertEquals(CHARTS, Integer.parseInt(loaded.group(1)), "images Chromium decoded");

    Path screenshot = tmp.resolve("report.png");
    chromium.screenshot(report.resolve("index.html"), screenshot, 1100, 2400);
    BufferedImage image = ImageIO.read(screenshot.toFile());
    assertEquals(1100, image.getWidth());
    // Kept in target/ for a person to look at.
    Path keep = Path.of("target", "report-screenshot.png");
    Files.createDirectories(keep.getParent());
    Files.copy(screenshot, keep, StandardCopyOption.REPLACE_EXISTING);
    try (Stream<Path> files = Files.list(report)) {
      Path sample = Path.of("target", "report-sample");
      Files.createDirectories(sample);
      for (Path f : files.toList()) {
        Files.copy(f, sample.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }

  @Test
  void badOptionsSayWhatToFix() {
    IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
        () -> ReportOptions.parse("--output", tmp.toString()));
    assertTrue(missing.getMessage().contains("--annotated is required"), missing.getMessage());
    IllegalArgumentException share = assertThrows(IllegalArgumentException.class,
        () -> ReportOptions.parse("--annotated", tmp.toString(), "--output", tmp.toString(), "--tail-share", "5"));
    assertTrue(share.getMessage().contains("found 5.0"), share.getMessage());
    IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
        () -> ReportOptions.parse("--annotated", tmp.toString(), "--colour", "red"));
    assertTrue(unknown.getMessage().contains("unknown option '--colour'") && unknown.getMessage().contains("usage"),
        unknown.getMessage());
    IllegalArgumentException folder = assertThrows(IllegalArgumentException.class,
        () -> ReportOptions.parse("--annotated", tmp.resolve("none").toString(), "--output", tmp.toString()));
    assertTrue(folder.getMessage().contains("not a folder"), folder.getMessage());
  }
}
