package org.treasuremarkers.learn.tagger;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import org.treasuremarkers.core.annotate.AnnotationRules;
import org.treasuremarkers.core.annotate.CodeTypeAnnotator;
import org.treasuremarkers.core.annotate.MarkerBuilder;
import org.treasuremarkers.core.annotate.RuleAnnotator;
import org.treasuremarkers.core.example.RawExample;
import org.treasuremarkers.core.taxonomy.Taxonomy;

/**
 * Sources whose rows are already instructions a user could write: the Super-NaturalInstructions sample, the Alpaca
 * seed tasks, HelloBench, MOSS prompts, WritingBench, LongWriter, Code Alpaca and HumanEval-X.
 */
final class InstructionSources {
  private InstructionSources() {}

  /** NI: definition + input; task = first mapped category, domain = first mapped domain ("A -> B", then "A"). */
  static void naturalInstructions(SourceRows out, TaggerMapping mapping) {
    JsonNode m = mapping.source("natural-instructions-sample");
    Path file = out.folder().resolve("ni_sample.jsonl");
    for (JsonNode row : SourceRows.jsonLines(file)) {
      String task = firstMapped(row.path("categories"), m.path("task"));
      String domain = firstMapped(row.path("domains"), m.path("domain"));
      String text = row.path("definition").asText() + "\n\n" + row.path("input").asText();
      // one group per NI task: its instances share the definition
      out.add(file, row.path("task").asText(), text, task, domain);
    }
  }

  private static String firstMapped(JsonNode labels, JsonNode table) {
    for (JsonNode label : labels) {
      String l = label.asText();
      if (table.has(l)) {
        return table.path(l).asText();
      }
      int arrow = l.indexOf(" -> ");
      if (arrow > 0 && table.has(l.substring(0, arrow))) {
        return table.path(l.substring(0, arrow)).asText();
      }
    }
    return null;
  }

  static void alpacaSeed(SourceRows out) {
    Path file = out.folder().resolve("seed_tasks.jsonl");
    for (JsonNode row : SourceRows.jsonLines(file)) {
      String input = row.path("instances").path(0).path("input").asText("");
      String text = input.isBlank() ? row.path("instruction").asText()
          : row.path("instruction").asText() + "\n\n" + input;
      out.add(file, row.path("id").asText(), text,
          row.path("is_classification").asBoolean() ? "Classification" : null, null);
    }
  }

  static void hellobench(SourceRows out, TaggerMapping mapping) {
    JsonNode byFile = mapping.source("hellobench").path("by_file_and_category");
    for (Path file : out.files("*.jsonl.gz")) {
      String stem = SourceRows.stem(file, ".jsonl.gz");
      JsonNode m = byFile.path(stem);
      for (JsonNode row : SourceRows.jsonLines(file)) {
        String category = row.path("category").asText();
        String task = m.has("task") ? m.path("task").asText() : m.path("task_by_category").path(category).asText(null);
        String domain = m.path("domain_by_category").path(category).asText(null);
        out.add(file, row.path("id").asText(), row.path("instruction").asText(), task, domain);
      }
    }
  }

  static void moss(SourceRows out, TaggerMapping mapping) {
    JsonNode byFile = mapping.source("moss").path("by_file");
    for (Path file : out.files("helpful_*_prompts.jsonl")) {
      String stem = SourceRows.stem(file, ".jsonl");
      JsonNode m = byFile.path(stem);
      int i = 0;
      for (JsonNode row : SourceRows.jsonLines(file)) {
        out.add(file, stem + "#" + i++, row.path("user_prompt").asText(), ExamSources.text(m, "task"),
            ExamSources.text(m, "domain"));
      }
    }
  }

  static void writingbench(SourceRows out, TaggerMapping mapping) {
    JsonNode m = mapping.source("writingbench");
    Path file = out.folder().resolve("length_subset.jsonl.gz");
    for (JsonNode row : SourceRows.jsonLines(file)) {
      out.add(file, row.path("index").asText(), row.path("query").asText(),
          m.path("task_by_domain2").path(row.path("domain2").asText()).asText(null),
          m.path("domain_by_domain1").path(row.path("domain1").asText()).asText(null));
    }
  }

  static void longwriter(SourceRows out, TaggerMapping mapping) {
    JsonNode m = mapping.source("longwriter");
    Path file = out.folder().resolve("longbench_write.jsonl");
    int i = 0;
    for (JsonNode row : SourceRows.jsonLines(file)) {
      out.add(file, "#" + i++, row.path("prompt").asText(),
          m.path("task_by_type").path(row.path("type").asText()).asText(null), null);
    }
  }

  /**
   * Code Alpaca: domain Code; task CodeGeneration unless the project's rules say CodeFix/Translation/Explanation.
   * Rows whose answer holds no code (the code_type annotator finds none: "What are the distinct values of this
   * list?" answered in prose) are left out: they would teach that any short English question is a code task.
   */
  static void codealpaca(SourceRows out, Taxonomy taxonomy) {
    AnnotationRules loaded = AnnotationRules.loadDefault();
    RuleAnnotator rules = new RuleAnnotator(loaded.rules());
    CodeTypeAnnotator codeType = new CodeTypeAnnotator(loaded);
    for (Path file : out.files("*.json")) {
      int i = 0;
      for (JsonNode row : SourceRows.json(file)) {
        String input = row.path("input").asText("");
        String text = input.isBlank() ? row.path("instruction").asText()
            : row.path("instruction").asText() + "\n\n" + input;
        String output = row.has("output") ? row.path("output").asText() : row.path("response").asText();
        MarkerBuilder markers = new MarkerBuilder(taxonomy);
        RawExample example = RawExample.of("codealpaca", text, output);
        codeType.annotate(example, markers);
        if (markers.get("code_type") == null) {
          out.add(file, "no-code", null, null, null); // counted as read; an answer in prose is not a code task
          continue;
        }
        rules.annotate(example, markers);
        String ruled = markers.get("task");
        String task = ruled != null && List.of("CodeFix", "CodeTranslation", "CodeExplanation").contains(ruled) ? ruled
            : "CodeGeneration";
        out.add(file, SourceRows.stem(file, ".json") + "#" + i++, text, task, "Code");
      }
    }
  }

  static void humanevalX(SourceRows out) {
    for (Path file : out.files("humaneval_*.jsonl.gz")) {
      for (JsonNode row : SourceRows.jsonLines(file)) {
        String id = row.path("task_id").asText();
        // the same 164 problems in 6 languages: one group per problem number
        out.add(file, id.substring(id.indexOf('/') + 1), row.path("prompt").asText(), "CodeGeneration", "Code");
      }
    }
  }
}
