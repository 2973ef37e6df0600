package org.treasuremarkers.core.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.treasuremarkers.core.example.RawExample;
import org.treasuremarkers.core.testing.SharedDatasetReaders;

/**
 * The benchmark's multilingual sample, read from {@code ../shared/datasets}: the annotator mix of
 * {@link SharedDatasetReaders#all} (English and Chinese instructions, code, MGSM in 11 languages, HumanEval-X) plus
 * XQuAD (context + question, the answer span; 12 languages) and NTREX (English source -> reference; 12 target
 * languages), {@value #PER_FILE} rows per file of those two. Every row gets an id of its own ({@code bench-N}), and
 * the natural language the row is known to be in, when the file says it, goes to metadata under
 * {@link #LANG} (a taxonomy value), for the accuracy table.
 */
public final class BenchSample {
  /** Metadata key of the row's known language (taxonomy value), when its file gives one. */
  public static final String LANG = "lang";
  /** Metadata key of the labelled set the row belongs to (mgsm, alpaca, xquad, ntrex). */
  public static final String SET = "set";
  static final int PER_FILE = 300;

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Map<String, String> MGSM = Map.ofEntries(
      Map.entry("bn", "Bengali"), Map.entry("de", "German"), Map.entry("en", "English"), Map.entry("es", "Spanish"),
      Map.entry("fr", "French"), Map.entry("ja", "Japanese"), Map.entry("ru", "Russian"), Map.entry("sw", "Swahili"),
      Map.entry("te", "Telugu"), Map.entry("th", "Thai"), Map.entry("zh", "Chinese"));
  private static final Map<String, String> XQUAD = Map.ofEntries(
      Map.entry("ar", "Arabic"), Map.entry("de", "German"), Map.entry("el", "Greek"), Map.entry("en", "English"),
      Map.entry("es", "Spanish"), Map.entry("hi", "Hindi"), Map.entry("ro", "Romanian"), Map.entry("ru", "Russian"),
      Map.entry("th", "Thai"), Map.entry("tr", "Turkish"), Map.entry("vi", "Vietnamese"), Map.entry("zh", "Chinese"));
  private static final Map<String, String> NTREX = Map.ofEntries(
      Map.entry("arb", "Arabic"), Map.entry("deu", "German"), Map.entry("fra", "French"), Map.entry("hin", "Hindi"),
      Map.entry("ita", "Italian"), Map.entry("jpn", "Japanese"), Map.entry("kor", "Korean"),
      Map.entry("por", "Portuguese"), Map.entry("rus", "Russian"), Map.entry("spa", "Spanish"),
      Map.entry("tur", "Turkish"), Map.entry("zho-CN", "Chinese"));

  private BenchSample() {}

  /** The whole sample in a fixed order. */
  public static List<RawExample> read(Path dir) {
    List<RawExample> rows = new ArrayList<>();
    for (RawExample e : SharedDatasetReaders.all(dir)) {
      String label = e.metadata().get(SharedDatasetReaders.LABEL);
      if (e.dataset().startsWith("mgsm_")) {
        rows.add(labelled(e, "mgsm", MGSM.get(label)));
      } else if (e.dataset().equals("alpaca_en_demo") || e.dataset().equals("alpaca_zh_demo")) {
        rows.add(labelled(e, "alpaca", e.dataset().equals("alpaca_en_demo") ? "English" : "Chinese"));
      } else {
        rows.add(e);
      }
    }
    XQUAD.keySet().stream().sorted().forEach(code -> rows.addAll(xquad(dir.resolve("xquad/xquad." + code + ".json.gz"),
        XQUAD.get(code))));
    List<String> english = lines(dir.resolve("ntrex/newstest2019-src.eng.txt.gz"));
    NTREX.keySet().stream().sorted().forEach(code -> {
      List<String> target = lines(dir.resolve("ntrex/newstest2019-ref." + code + ".txt.gz"));
      for (int i = 0; i < PER_FILE && i < target.size(); i++) {
        rows.add(new RawExample(null, "ntrex", "Translate into " + NTREX.get(code) + ":\n\n" + english.get(i),
            target.get(i), null, Map.of(), Map.of(LANG, NTREX.get(code), SET, "ntrex")));
      }
    });
    List<RawExample> out = new ArrayList<>(rows.size());
    for (int i = 0; i < rows.size(); i++) {
      RawExample e = rows.get(i);
      out.add(new RawExample(String.format("bench-%06d", i), e.dataset(), e.prompt(), e.completion(), null, Map.of(),
          e.metadata()));
    }
    return out;
  }

  private static RawExample labelled(RawExample e, String set, String lang) {
    return new RawExample(e.id(), e.dataset(), e.prompt(), e.completion(), null, Map.of(), Map.of(LANG, lang, SET, set));
  }

  private static List<RawExample> xquad(Path file, String lang) {
    List<RawExample> out = new ArrayList<>();
    try (var in = new GZIPInputStream(Files.newInputStream(file))) {
      for (JsonNode article : MAPPER.readTree(in).path("data")) {
        for (JsonNode paragraph : article.path("paragraphs")) {
          for (JsonNode qa : paragraph.path("qas")) {
            if (out.size() >= PER_FILE) {
              return out;
            }
            out.add(new RawExample(null, "xquad", paragraph.path("context").asText() + "\n\n" + qa.path("question").asText(),
                qa.path("answers").path(0).path("text").asText(), null, Map.of(), Map.of(LANG, lang, SET, "xquad")));
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  private static List<String> lines(Path gz) {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(gz)),
        StandardCharsets.UTF_8))) {
      return in.lines().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
