package org.treasuremarkers.learn.tagger;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.treasuremarkers.learn.io.Csv;
import org.treasuremarkers.learn.io.TextFiles;

/**
 * Sources whose rows are an input and its output but carry no instruction text: CodeXGLUE, CODE-NN, NTREX, ASSET,
 * e-SNLI, MuCGEC, COWSL2H, DialogSum and KdConv. A bare input does not say what is asked of it (an English news
 * sentence is no more "Translation" than anything else), so each row gets the one-line instruction that states
 * its source's task, in the language a user of that source would write it. The label still comes from the
 * source; the line only makes the prompt look like what the tagger will see. models/tagger/README.md lists them.
 */
final class PairedSources {
  private PairedSources() {}

  static final Map<String, String> NTREX_LANGUAGES = Map.ofEntries(Map.entry("arb", "Arabic"),
      Map.entry("deu", "German"), Map.entry("fra", "French"), Map.entry("hin", "Hindi"), Map.entry("ita", "Italian"),
      Map.entry("jpn", "Japanese"), Map.entry("kor", "Korean"), Map.entry("por", "Portuguese"),
      Map.entry("rus", "Russian"), Map.entry("spa", "Spanish"), Map.entry("tur", "Turkish"),
      Map.entry("zho-CN", "Chinese"));
  private static final Map<String, String> CODEXGLUE_LANGUAGES = Map.of("da", "Danish", "lv", "Latvian",
      "no", "Norwegian", "zh", "Chinese");

  static void codexglue(SourceRows out, TaggerMapping mapping) {
    JsonNode byPrefix = mapping.source("codexglue").path("by_file_prefix");
    for (Path file : out.files("code-to-code-trans__*.java.gz")) {
      lines(out, file, byPrefix.path("code-to-code-trans__"), "Translate this Java method to C#:\n");
    }
    for (Path file : out.files("code-refinement__*.buggy.gz")) {
      lines(out, file, byPrefix.path("code-refinement__"), "Fix the bug in this Java method:\n");
    }
    JsonNode textToCode = byPrefix.path("text-to-code__");
    for (Path file : out.files("text-to-code__*.json.gz")) {
      int i = 0;
      for (JsonNode row : SourceRows.jsonLines(file)) {
        // "description concode_field_sep context": the description is the instruction
        String nl = row.path("nl").asText().split(" concode_field_sep ")[0];
        out.add(file, SourceRows.stem(file, ".json.gz") + "#" + i++, nl, ExamSources.text(textToCode, "task"),
            ExamSources.text(textToCode, "domain"));
      }
    }
    JsonNode textToText = byPrefix.path("text-to-text__");
    for (Path file : out.files("text-to-text__*.gz")) {
      String name = file.getFileName().toString(); // text-to-text__da-en.dev.da.gz
      String pair = name.substring("text-to-text__".length(), name.indexOf('.'));
      String other = pair.substring(0, pair.indexOf('-'));
      boolean dev = name.contains(".dev.");
      boolean english = name.endsWith(".en.gz");
      // dev: other language -> English; test: English -> other language (each line used once)
      if (dev == english) {
        continue;
      }
      String target = english ? CODEXGLUE_LANGUAGES.get(other) : "English";
      lines(out, file, textToText, "Translate into " + target + ":\n");
    }
  }

  private static void lines(SourceRows out, Path file, JsonNode label, String instruction) {
    int i = 0;
    for (String line : TextFiles.lines(file)) {
      out.add(file, file.getFileName() + "#" + i++, instruction + line, ExamSources.text(label, "task"),
          ExamSources.text(label, "domain"));
    }
  }

  static void codenn(SourceRows out, TaggerMapping mapping) {
    JsonNode m = mapping.source("codenn");
    for (Path file : out.files("*.txt.gz")) {
      for (String line : TextFiles.lines(file)) {
        String[] cols = line.split("\t");
        if (cols.length >= 4) {
          out.add(file, cols[0], "What does this code do?\n" + cols[3].replace("\\n", "\n"), ExamSources.text(m, "task"),
              ExamSources.text(m, "domain"));
        }
      }
    }
  }

  /** NTREX: each English line once, asked for one of the 12 target languages in turn. */
  static void ntrex(SourceRows out, TaggerMapping mapping) {
    JsonNode m = mapping.source("ntrex");
    Path source = out.folder().resolve("newstest2019-src.eng.txt.gz");
    List<String> lines = TextFiles.lines(source);
    List<String> codes = NTREX_LANGUAGES.keySet().stream().sorted().toList();
    for (int i = 0; i < lines.size(); i++) {
      String code = codes.get(i % codes.size());
      out.files.merge(out.folder().resolve("newstest2019-ref." + code + ".txt.gz"), 0, Integer::sum);
      out.add(source, "#" + i, "Translate into " + NTREX_LANGUAGES.get(code) + ":\n" + lines.get(i),
          ExamSources.text(m, "task"), null);
    }
  }

  static void asset(SourceRows out, TaggerMapping mapping) {
    JsonNode m = mapping.source("asset");
    for (Path file : out.files("asset.*.orig")) {
      lines(out, file, m, "Simplify this sentence:\n");
    }
  }

  static void esnli(SourceRows out, TaggerMapping mapping) {
    JsonNode m = mapping.source("esnli");
    for (String split : List.of("dev", "test")) {
      Path s1 = out.folder().resolve("s1." + split + ".gz");
      List<String> premises = TextFiles.lines(s1);
      List<String> hypotheses = TextFiles.lines(out.folder().resolve("s2." + split + ".gz"));
      List<String> labels = TextFiles.lines(out.folder().resolve("labels." + split + ".gz"));
      for (int i = 0; i < premises.size() && i < hypotheses.size() && i < labels.size(); i++) {
        out.add(s1, split + "#" + i, "Premise: " + premises.get(i) + "\nHypothesis: " + hypotheses.get(i)
            + "\nLabel: " + labels.get(i) + "\nExplain why the label holds.", ExamSources.text(m, "task"), null);
      }
    }
  }

  static void mucgec(SourceRows out, TaggerMapping mapping) {
    JsonNode m = mapping.source("mucgec");
    Path file = out.folder().resolve("MuCGEC_dev.txt");
    for (String line : TextFiles.lines(file)) {
      String[] cols = line.split("\t");
      if (cols.length >= 3) {
        out.add(file, cols[0], "改正下面句子中的语法错误：\n" + cols[1], ExamSources.text(m, "task"), null);
      }
    }
  }

  static void cowsl2h(SourceRows out, TaggerMapping mapping) {
    JsonNode m = mapping.source("cowsl2h");
    for (Path file : out.files("*.csv.gz")) {
      List<List<String>> rows = Csv.parse(TextFiles.read(file), ',');
      List<String> header = rows.get(0);
      int essay = header.indexOf("essay");
      int corrected = header.indexOf("corrected1");
      for (int i = 1; i < rows.size(); i++) {
        List<String> r = rows.get(i);
        if (r.size() > Math.max(essay, corrected) && !r.get(corrected).isBlank()) {
          out.add(file, file.getFileName() + "#" + i, "Corrige los errores de este texto:\n" + r.get(essay),
              ExamSources.text(m, "task"), null);
        }
      }
    }
  }

  static void dialogsum(SourceRows out, TaggerMapping mapping) {
    JsonNode m = mapping.source("dialogsum");
    for (Path file : out.files("*.jsonl.gz")) {
      for (JsonNode row : SourceRows.jsonLines(file)) {
        out.add(file, row.path("fname").asText(), "Summarize the following dialogue.\n\n"
            + row.path("dialogue").asText(), ExamSources.text(m, "task"), ExamSources.text(m, "domain"));
      }
    }
  }

  /** KdConv: one example per dialogue, its turns before the last (the last is the completion). */
  static void kdconv(SourceRows out, TaggerMapping mapping) {
    JsonNode m = mapping.source("kdconv");
    for (Path file : out.files("*.json.gz")) {
      int i = 0;
      for (JsonNode dialogue : SourceRows.json(file)) {
        JsonNode messages = dialogue.path("messages");
        StringBuilder text = new StringBuilder();
        for (int t = 0; t < messages.size() - 1; t++) {
          text.append(messages.get(t).path("message").asText()).append('\n');
        }
        out.add(file, file.getFileName() + "#" + i++, text.toString(), null, ExamSources.text(m, "domain"));
      }
    }
  }

  /** SIB-200: bare FLORES sentences with a topic: domain only. Same sentence ids in every language. */
  static void sib200(SourceRows out, TaggerMapping mapping) {
    JsonNode byCategory = mapping.source("sib200").path("domain_by_category");
    List<Path> languages;
    try (var s = java.nio.file.Files.list(out.folder())) {
      languages = s.filter(java.nio.file.Files::isDirectory).sorted().toList();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot list " + out.folder(), e);
    }
    for (Path language : languages) {
      for (String split : List.of("train", "dev", "test")) {
        Path file = language.resolve(split + ".tsv");
        List<List<String>> rows = Csv.parse(TextFiles.read(file), '\t');
        for (int i = 1; i < rows.size(); i++) {
          List<String> r = rows.get(i);
          if (r.size() >= 3) {
            out.add(file, r.get(0), r.get(2), null, byCategory.path(r.get(1)).asText(null));
          }
        }
      }
    }
  }

  /** CLINC150: user requests; intent -> CLINC domain (domains.json) -> taxonomy domain. */
  static void clinc150(SourceRows out, TaggerMapping mapping) {
    JsonNode byDomain = mapping.source("clinc150").path("domain_by_clinc_domain");
    Path domains = out.folder().resolve("domains.json");
    Map<String, String> intentDomain = new java.util.HashMap<>();
    SourceRows.json(domains).fields().forEachRemaining(e -> e.getValue()
        .forEach(intent -> intentDomain.put(intent.asText(), e.getKey())));
    out.files.merge(domains, 0, Integer::sum);
    Path file = out.folder().resolve("data_full.json.gz");
    JsonNode data = SourceRows.json(file);
    for (String split : List.of("train", "val", "test")) {
      int i = 0;
      for (JsonNode row : data.path(split)) {
        String clincDomain = intentDomain.get(row.path(1).asText());
        out.add(file, split + "#" + i++, row.path(0).asText(), null,
            clincDomain == null ? null : byDomain.path(clincDomain).asText(null));
      }
    }
  }
}
