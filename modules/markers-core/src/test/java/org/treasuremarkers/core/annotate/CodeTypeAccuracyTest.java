package org.treasuremarkers.core.annotate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
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
}
