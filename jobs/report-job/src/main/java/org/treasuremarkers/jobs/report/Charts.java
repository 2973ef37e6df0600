package org.treasuremarkers.jobs.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The report's chart shapes, built with XChart and written as PNG. Public so a notebook can draw the same
 * charts ({@code display(BitmapEncoder.getBufferedImage(chart))}).
 */
public final class Charts {
  public static final int WIDTH = 1000;
  public static final int HEIGHT = 460;

  static {
    // Charts are drawn off-screen: a job on a server or CI has no display.
    System.setProperty("java.awt.headless", "true");
  }

  private Charts() {}

  /**
   * Bars per category (x, in the given order), one series per entry of {@code series} (e.g. per dataset),
   * stacked when there is more than one. Every series list must have one number per category.
   */
  public static CategoryChart bars(String title, String xTitle, String yTitle, List<String> categories,
      Map<String, List<Number>> series, boolean stacked) {
    CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT)
        .title(title).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
    style(chart.getStyler());
    chart.getStyler().setStacked(stacked && series.size() > 1);
    chart.getStyler().setAvailableSpaceFill(0.8);
    chart.getStyler().setLegendVisible(series.size() > 1);
    chart.getStyler().setXAxisLabelRotation(categories.size() > 8 ? 45 : 0);
    series.forEach((name, values) -> chart.addSeries(name, categories, values));
    return chart;
  }

  /** Lines of (x, y) points per series, with a log y axis when asked (every y must then be above 0). */
  public static XYChart lines(String title, String xTitle, String yTitle, Map<String, double[][]> series,
      boolean logY) {
    XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
        .title(title).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
    style(chart.getStyler());
    chart.getStyler().setYAxisLogarithmic(logY);
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
    series.forEach((name, xy) -> {
      XYSeries s = chart.addSeries(name, xy[0], xy[1]);
      s.setMarker(SeriesMarkers.CIRCLE);
    });
    return chart;
  }

  /** Adds a dashed horizontal reference line (e.g. the long-tail threshold) from x0 to x1. */
  public static void horizontalLine(XYChart chart, String name, double y, double x0, double x1) {
    XYSeries line = chart.addSeries(name, new double[] {x0, x1}, new double[] {y, y});
    line.setMarker(SeriesMarkers.NONE);
    line.setLineColor(Color.DARK_GRAY);
    line.setLineStyle(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
  }

  public static byte[] png(Chart<?, ?> chart) {
    try {
      return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
    } catch (IOException e) {
      throw new UncheckedIOException("could not encode chart '" + chart.getTitle() + "' as PNG", e);
    }
  }

  public static void writePng(Chart<?, ?> chart, Path file) {
    try {
      Files.write(file, png(chart));
    } catch (IOException e) {
      throw new UncheckedIOException("could not write chart " + file + ": " + e.getMessage(), e);
    }
  }

  private static void style(AxesChartStyler styler) {
    styler.setChartBackgroundColor(Color.WHITE);
    styler.setPlotBackgroundColor(Color.WHITE);
    styler.setPlotBorderVisible(false);
    styler.setPlotGridVerticalLinesVisible(false);
    styler.setLegendPosition(Styler.LegendPosition.OutsideE);
    styler.setLegendBorderColor(Color.WHITE);
    styler.setChartTitleBoxVisible(false);
    styler.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
    styler.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
    styler.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    styler.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    styler.setAntiAlias(true);
  }
}
