package org.treasuremarkers.learn.quality;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Reads {@code alpacaeval-prefs/*.annotations.json.gz} (../shared/datasets/README.md): per file a JSON array of
 * {instruction, output_1 (text_davinci_003), output_2, generator_1, generator_2, preference}. Preference 1 means
 * output_1 is better, 2 output_2; 0, 1.5 and null are ties or no verdict and are dropped (counted in
 * {@link Result#dropped}). Files are read in name order, so the pair order is stable.
 */
public final class AlpacaEvalPrefs {
  public static final String FOLDER = "alpacaeval-prefs";
  public static final String SUFFIX = ".annotations.json.gz";
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * @param rowsByFile per file: the pairs it gave (after dropping ties)
   * @param dropped per file: rows dropped as ties or without a verdict
   */
  public record Result(List<JudgedPair> pairs, Map<Path, Integer> rowsByFile, Map<Path, Integer> dropped) {}

  private AlpacaEvalPrefs() {}

  /** Reads every {@value #SUFFIX} file of {@code folder}. */
  public static Result read(Path folder) {
    List<Path> files = new ArrayList<>();
    try (DirectoryStream<Path> s = Files.newDirectoryStream(folder, "*" + SUFFIX)) {
      s.forEach(files::add);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + folder, e);
    }
    if (files.isEmpty()) {
      throw new IllegalArgumentException("no *" + SUFFIX + " file in " + folder);
    }
    files.sort(null);
    List<JudgedPair> pairs = new ArrayList<>();
    Map<Path, Integer> rows = new LinkedHashMap<>();
    Map<Path, Integer> dropped = new LinkedHashMap<>();
    for (Path file : files) {
      int before = pairs.size();
      int ties = 0;
      for (JsonNode n : parse(file)) {
        JsonNode pref = n.get("preference");
        double p = pref == null || pref.isNull() ? 0 : pref.asDouble();
        if (p != 1 && p != 2) {
          ties++;
          continue;
        }
        pairs.add(new JudgedPair(text(n, "instruction", file), text(n, "output_1", file), text(n, "output_2", file),
            text(n, "generator_1", file), text(n, "generator_2", file), p == 2));
      }
      rows.put(file, pairs.size() - before);
      dropped.put(file, ties);
    }
    return new Result(List.copyOf(pairs), rows, dropped);
  }

  private static JsonNode parse(Path file) {
    try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
      JsonNode root = JSON.readTree(in);
      if (!root.isArray()) {
        throw new IllegalArgumentException(file + ": expected a JSON array of judged pairs");
      }
      return root;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  private static String text(JsonNode n, String field, Path file) {
    JsonNode v = n.get(field);
    if (v == null || !v.isTextual()) {
      throw new IllegalArgumentException(file + ": a row without the text field '" + field + "'");
    }
    return v.asText();
  }
}
