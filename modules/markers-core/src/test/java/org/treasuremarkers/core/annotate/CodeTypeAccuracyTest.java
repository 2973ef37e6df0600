package org.treasuremarkers.core.annotate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.treasuremarkers.core.example.RawExample;
import org.treasuremarkers.core.testing.Confusion;
import org.treasuremarkers.core.testing.SharedDatasetReaders;
import org.treasuremarkers.core.testing.SharedDatasets;

/**
 * Measured accuracy of {@code code_type} on HumanEval-X {@code prompt + canonical_solution}: the expected value
 * comes from the file's language; the annotator sees only the text.
 */
class CodeTypeAccuracyTest {
  private static final Map<String, String> EXPECTED = Map.of(
      "cpp", "cpp", "go", "go", "java", "java", "js", "javascript", "python", "python", "rust", "rust");

  @Test
  void humanEvalXAtLeast95Percent() {
    Path datasets = SharedDatasets.require();
    CodeTypeAnnotator annotator = new CodeTypeAnnotator(AnnotationRules.loadDefault());
    Confusion confusion = new Confusion("code_type on HumanEval-X prompt + canonical_solution");
    for (String file : SharedDatasetReaders.HUMANEVAL_LANGUAGES) {
      for (RawExample e : SharedDatasetReaders.humanEvalX(
          datasets.resolve("humaneval-x/humaneval_" + file + ".jsonl.gz"), file)) {
        confusion.add(EXPECTED.get(file), annotator.codeTypeOf(e.prompt(), e.completion()));
      }
    }
    System.out.print(confusion.summary());
    assertEquals(6 * 164, confusion.total(), "HumanEval-X has 6 x 164 problems");
    assertTrue(confusion.accuracy() >= 0.95, confusion.summary());
  }

  /**
   * Code Alpaca has no language labels, but many instructions name one language in their first line ("Write
   * a Python function ..."). On those rows the annotator (which never reads language names) must be right
   * when it answers (precision >= 98%) and answer most of the time (coverage >= 85%). Rows naming two
   * languages (translations) are left out.
   */
  @Test
  void codeAlpacaRowsThatNameOneLanguage() {
    Path datasets = SharedDatasets.require();
    CodeTypeAnnotator annotator = new CodeTypeAnnotator(AnnotationRules.loadDefault());
    Map<String, Pattern> named = new LinkedHashMap<>();
    named.put("python", Pattern.compile("\\bpython\\b"));
    named.put("javascript", Pattern.compile("\\bjavascript\\b"));
    named.put("java", Pattern.compile("\\bjava\\b(?!script)"));
    named.put("cpp", Pattern.compile("(?<![\\w+#])c\\+\\+"));
    named.put("csharp", Pattern.compile("(?<![\\w+#])c#"));
    named.put("shell", Pattern.compile("\\b(?:shell|bash)\\b"));
    named.put("sql", Pattern.compile("\\bsql\\b"));
    named.put("php", Pattern.compile("\\bphp\\b"));
    named.put("ruby", Pattern.compile("\\bruby\\b"));
    List<RawExample> rows = new ArrayList<>(SharedDatasetReaders.alpaca(
        datasets.resolve("codealpaca/new_codealpaca.json"), "new_codealpaca"));
    rows.addAll(SharedDatasetReaders.alpaca(datasets.resolve("codealpaca/code_alpaca_2k.json"), "code_alpaca_2k"));
    Confusion confusion = new Confusion("code_type on Code Alpaca rows whose instruction names one language");
    int answered = 0;
    int right = 0;
    for (RawExample e : rows) {
      String firstLine = e.prompt().lines().findFirst().orElse("").toLowerCase(Locale.ROOT);
      List<String> languages = named.entrySet().stream()
          .filter(n -> n.getValue().matcher(firstLine).find()).map(Map.Entry::getKey).toList();
      if (languages.size() != 1) {
        continue;
      }
      String got = annotator.codeTypeOf(e.prompt(), e.completion());
      confusion.add(languages.get(0), got);
      if (got != null) {
        answered++;
        right += got.equals(languages.get(0)) ? 1 : 0;
      }
    }
    double precision = (double) right / answered;
    double coverage = (double) answered / confusion.total();
    System.out.print(confusion.summary());
    System.out.printf("  precision %.2f%% (%d/%d answered), coverage %.2f%%%n", 100 * precision, right, answered, 100 * coverage);
    assertTrue(confusion.total() > 3000, "rows naming one language: " + confusion.total());
    assertTrue(precision >= 0.98, confusion.summary());
    assertTrue(coverage >= 0.85, confusion.summary());
  }
}
