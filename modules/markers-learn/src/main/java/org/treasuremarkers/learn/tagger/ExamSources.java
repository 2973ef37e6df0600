package org.treasuremarkers.learn.tagger;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.treasuremarkers.learn.io.Csv;
import org.treasuremarkers.learn.io.TarGz;
import org.treasuremarkers.learn.io.TextFiles;

/**
 * Exam, question-answering and word-problem sources: MMLU, CMMLU, AGIEval, PubMedQA, TAT-QA, FrenchMedMCQA,
 * XQuAD, LegalBench, FinEval, MGSM, GSM8K. Prompts are built as ../shared/datasets/TAGGER-MAPPING.md says.
 */
final class ExamSources {
  private ExamSources() {}

  /** MMLU and CMMLU: one CSV per subject in a tar.gz; the subject decides the domain. */
  static void subjects(SourceRows out, TaggerMapping mapping, String archive, boolean header) {
    JsonNode m = mapping.source(out.source);
    String task = TaggerMapping.value(m.path("task"));
    Path file = out.folder().resolve(archive);
    for (Map.Entry<String, String> e : TarGz.textFiles(file).entrySet()) {
      String subject = e.getKey().replaceAll("(_test)?\\.csv$", "");
      String domain = TaggerMapping.groupOf(m.path("domain"), subject);
      List<List<String>> rows = Csv.parse(e.getValue(), ',');
      for (int i = header ? 1 : 0; i < rows.size(); i++) {
        List<String> r = rows.get(i);
        int q = header ? 1 : 0; // CMMLU's first column is a row number
        if (r.size() < q + 5) {
          continue;
        }
        String text = SourceRows.joinLines(r.get(q), "A. " + r.get(q + 1), "B. " + r.get(q + 2),
            "C. " + r.get(q + 3), "D. " + r.get(q + 4));
        out.add(file, subject + "#" + i, text, task, domain);
      }
    }
  }

  static void agieval(SourceRows out, TaggerMapping mapping) {
    JsonNode byFile = mapping.source("agieval").path("by_file");
    for (Path file : out.files("*.jsonl.gz")) {
      String stem = SourceRows.stem(file, ".jsonl.gz");
      JsonNode label = byFile.path(stem);
      int i = 0;
      for (JsonNode row : SourceRows.jsonLines(file)) {
        List<String> options = new ArrayList<>();
        row.path("options").forEach(o -> options.add(o.asText()));
        String text = SourceRows.joinLines(row.path("passage").isNull() ? null : row.path("passage").asText(),
            row.path("question").asText(), String.join("\n", options));
        out.add(file, stem + "#" + i++, text, text(label, "task"), text(label, "domain"));
      }
    }
  }

  static void pubmedqa(SourceRows out, TaggerMapping mapping) {
    JsonNode m = mapping.source("pubmedqa");
    Path file = out.folder().resolve("ori_pqal.json.gz");
    SourceRows.json(file).fields().forEachRemaining(e -> {
      List<String> contexts = new ArrayList<>();
      e.getValue().path("CONTEXTS").forEach(c -> contexts.add(c.asText()));
      out.add(file, e.getKey(), SourceRows.joinLines(e.getValue().path("QUESTION").asText(),
          String.join("\n", contexts)), text(m, "task"), text(m, "domain"));
    });
  }

  static void tatqa(SourceRows out, TaggerMapping mapping) {
    JsonNode m = mapping.source("tatqa");
    for (Path file : out.files("*.json.gz")) {
      int report = 0;
      for (JsonNode doc : SourceRows.json(file)) {
        StringBuilder table = new StringBuilder();
        doc.path("table").path("table").forEach(row -> {
          List<String> cells = new ArrayList<>();
          row.forEach(c -> cells.add(c.asText()));
          table.append(String.join(" | ", cells)).append('\n');
        });
        List<String> paragraphs = new ArrayList<>();
        doc.path("paragraphs").forEach(p -> paragraphs.add(p.path("text").asText()));
        String context = SourceRows.joinLines(table.toString(), String.join("\n", paragraphs));
        int report0 = report++;
        // one group per report: its questions share the table, so they stay on one side of a split
        doc.path("questions").forEach(q -> out.add(file, SourceRows.stem(file, ".json.gz") + "#" + report0,
            SourceRows.joinLines(context, q.path("question").asText()), text(m, "task"), text(m, "domain")));
      }
    }
  }

  static void frenchmedmcqa(SourceRows out, TaggerMapping mapping) {
    JsonNode m = mapping.source("frenchmedmcqa");
    for (Path file : out.files("*.json.gz")) {
      for (JsonNode row : SourceRows.json(file)) {
        List<String> answers = new ArrayList<>();
        row.path("answers").fields().forEachRemaining(a -> answers.add(a.getKey() + ". " + a.getValue().asText()));
        out.add(file, row.path("id").asText(), SourceRows.joinLines(row.path("question").asText(),
            String.join("\n", answers)), text(m, "task"), text(m, "domain"));
      }
    }
  }

  /** XQuAD: the same questions in 12 languages, grouped by question id so a split never separates them. */
  static void xquad(SourceRows out, TaggerMapping mapping) {
    JsonNode m = mapping.source("xquad");
    for (Path file : out.files("xquad.*.json.gz")) {
      for (JsonNode article : SourceRows.json(file).path("data")) {
        for (JsonNode paragraph : article.path("paragraphs")) {
          String context = paragraph.path("context").asText();
          for (JsonNode qa : paragraph.path("qas")) {
            out.add(file, qa.path("id").asText(), SourceRows.joinLines(context, qa.path("question").asText()),
                text(m, "task"), text(m, "domain"));
          }
        }
      }
    }
  }

  /** LegalBench: each task's base prompt filled with a row's columns; the task type in its README. */
  static void legalbench(SourceRows out, TaggerMapping mapping) {
    JsonNode m = mapping.source("legalbench");
    String domain = text(m, "domain");
    Path tasks = out.folder().resolve("tasks");
    List<Path> folders;
    try (var s = Files.list(tasks)) {
      folders = s.filter(Files::isDirectory).sorted().toList();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot list " + tasks, e);
    }
    for (Path task : folders) {
      Path train = task.resolve("train.tsv");
      Path prompt = task.resolve("base_prompt.txt");
      if (!Files.exists(train) || !Files.exists(prompt)) {
        continue;
      }
      String type = taskType(task);
      String taskValue = legalTask(m, type);
      String template = TextFiles.read(prompt);
      List<List<String>> rows = Csv.parse(TextFiles.read(train), '\t');
      if (rows.isEmpty()) {
        continue;
      }
      List<String> columns = rows.get(0);
      for (int i = 1; i < rows.size(); i++) {
        String text = template;
        for (int c = 0; c < columns.size() && c < rows.get(i).size(); c++) {
          text = text.replace("{{" + columns.get(c) + "}}", rows.get(i).get(c));
        }
        out.add(train, task.getFileName() + "#" + i, text, taskValue, domain);
      }
    }
  }

  private static String taskType(Path task) {
    for (String name : List.of("README.md", "README.MD")) {
      Path readme = task.resolve(name);
      if (Files.exists(readme)) {
        for (String line : TextFiles.lines(readme)) {
          if (line.startsWith("**Task type**")) {
            return line.substring(line.indexOf(':') + 1).trim();
          }
        }
      }
    }
    return "";
  }

  private static String legalTask(JsonNode m, String type) {
    String lower = type.toLowerCase(java.util.Locale.ROOT);
    if (lower.contains("classification")) {
      return "Classification"; // "Binary classification" and "N-way classification" (3..10-way)
    }
    JsonNode byType = m.path("task_by_readme_task_type");
    var it = byType.fields();
    while (it.hasNext()) {
      var e = it.next();
      if (e.getKey().equalsIgnoreCase(type)) {
        return e.getValue().asText();
      }
    }
    return null;
  }

  /** FinEval: the question with its retrieved text (the "base model" query). */
  static void fineval(SourceRows out, TaggerMapping mapping) {
    JsonNode m = mapping.source("fineval");
    for (Path file : out.files("*.csv*")) {
      String stem = SourceRows.stem(file, file.toString().endsWith(".gz") ? ".csv.gz" : ".csv");
      List<List<String>> rows = Csv.parse(TextFiles.read(file), ',');
      int column = -1;
      for (int c = 0; c < rows.get(0).size(); c++) {
        if (rows.get(0).get(c).startsWith("基座")) {
          column = c;
        }
      }
      if (column < 0) {
        throw new IllegalStateException(file + " has no 基座...query column; header: " + rows.get(0));
      }
      for (int i = 1; i < rows.size(); i++) {
        if (rows.get(i).size() > column) {
          out.add(file, stem + "#" + i, rows.get(i).get(column), text(m.path("by_file").path(stem), "task"),
              text(m, "domain"));
        }
      }
    }
  }

  static void mgsm(SourceRows out, TaggerMapping mapping) {
    JsonNode m = mapping.source("mgsm");
    for (Path file : out.files("mgsm_*.tsv")) {
      int i = 0;
      for (String line : TextFiles.lines(file)) {
        int tab = line.indexOf('\t');
        // the same 250 problems in 11 languages: one group per problem
        out.add(file, "q" + i++, tab < 0 ? line : line.substring(0, tab), text(m, "task"), text(m, "domain"));
      }
    }
  }

  static void gsm8k(SourceRows out, TaggerMapping mapping) {
    JsonNode m = mapping.source("gsm8k");
    Path file = out.folder().resolve("train.jsonl.gz");
    int i = 0;
    for (JsonNode row : SourceRows.jsonLines(file)) {
      out.add(file, "#" + i++, row.path("question").asText(), text(m, "task"), text(m, "domain"));
    }
  }

  static String text(JsonNode node, String field) {
    return TaggerMapping.value(node.path(field));
  }
}
