package org.treasuremarkers.core.testing;

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

/**
 * Reads the files of {@code ../shared/datasets} as {@link RawExample}s, following its README:
 * {@code prompt = instruction (+ "\n\n" + input)}, {@code completion = output}. The file's own label (language,
 * programming language) goes into {@code metadata} under {@link #LABEL}, never into the text.
 */
public final class SharedDatasetReaders {
  /** Metadata key of the label the file name gives (MGSM language code, HumanEval-X language). */
  public static final String LABEL = "label";

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private SharedDatasetReaders() {}

  /** An alpaca-style JSON array of {instruction, input, output}. */
  public static List<RawExample> alpaca(Path file, String dataset) {
    List<RawExample> out = new ArrayList<>();
    int row = 0;
    for (JsonNode n : readTree(file)) {
      out.add(new RawExample(dataset + "/" + row++, dataset,
          prompt(n.path("instruction").asText(), n.path("input").asText()), n.path("output").asText(),
          null, Map.of(), Map.of()));
    }
    return out;
  }

  /** MGSM: question TAB answer, no header, no quoting; {@code lang} is the file's language code. */
  public static List<RawExample> mgsm(Path file, String lang) {
    List<RawExample> out = new ArrayList<>();
    try {
      int row = 0;
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        int tab = line.lastIndexOf('\t');
        if (tab < 0) {
          continue;
        }
        out.add(new RawExample("mgsm_" + lang + "/" + row++, "mgsm_" + lang, line.substring(0, tab),
            line.substring(tab + 1), null, Map.of(), Map.of(LABEL, lang)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** HumanEval-X .jsonl.gz: prompt = code prompt, completion = canonical_solution; label = the file's language. */
  public static List<RawExample> humanEvalX(Path file, String language) {
    List<RawExample> out = new ArrayList<>();
    try (BufferedReader in = new BufferedReader(new InputStreamReader(
        new GZIPInputStream(Files.newInputStream(file)), StandardCharsets.UTF_8))) {
      int row = 0;
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (line.isBlank()) {
          continue;
        }
        JsonNode n = MAPPER.readTree(line);
        out.add(new RawExample("humaneval_" + language + "/" + row++, "humaneval_" + language,
            n.path("prompt").asText(), n.path("canonical_solution").asText(), null, Map.of(), Map.of(LABEL, language)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** Stanford Alpaca seed tasks: one example per instance. */
  public static List<RawExample> seedTasks(Path file) {
    List<RawExample> out = new ArrayList<>();
    try {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        if (line.isBlank()) {
          continue;
        }
        JsonNode n = MAPPER.readTree(line);
        int k = 0;
        for (JsonNode instance : n.path("instances")) {
          out.add(new RawExample(n.path("id").asText() + "/" + k++, "alpaca_seed",
              prompt(n.path("instruction").asText(), instance.path("input").asText()),
              instance.path("output").asText(), null, Map.of(), Map.of()));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** Every shared dataset, in a fixed order: the data mix for benchmarks. */
  public static List<RawExample> all(Path dir) {
    List<RawExample> out = new ArrayList<>();
    out.addAll(alpaca(dir.resolve("alpaca-demo/alpaca_en_demo.json"), "alpaca_en_demo"));
    out.addAll(alpaca(dir.resolve("alpaca-demo/alpaca_zh_demo.json"), "alpaca_zh_demo"));
    out.addAll(alpaca(dir.resolve("codealpaca/code_alpaca_2k.json"), "code_alpaca_2k"));
    out.addAll(alpaca(dir.resolve("codealpaca/new_codealpaca.json"), "new_codealpaca"));
    out.addAll(seedTasks(dir.resolve("alpaca-seed/seed_tasks.jsonl")));
    for (String lang : MGSM_LANGUAGES) {
      out.addAll(mgsm(dir.resolve("mgsm/mgsm_" + lang + ".tsv"), lang));
    }
    for (String language : HUMANEVAL_LANGUAGES) {
      out.addAll(humanEvalX(dir.resolve("humaneval-x/humaneval_" + language + ".jsonl.gz"), language));
    }
    return out;
  }

  /** MGSM file language codes. */
  public static final List<String> MGSM_LANGUAGES =
      List.of("bn", "de", "en", "es", "fr", "ja", "ru", "sw", "te", "th", "zh");
  /** HumanEval-X file languages. */
  public static final List<String> HUMANEVAL_LANGUAGES = List.of("cpp", "go", "java", "js", "python", "rust");

  private static String prompt(String instruction, String input) {
    return input == null || input.isEmpty() ? instruction : instruction + "\n\n" + input;
  }

  private static JsonNode readTree(Path file) {
    try {
      return MAPPER.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
