package org.treasuremarkers.jobs.annotate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.treasuremarkers.spark.source.SourceFormat;

class AnnotateJobArgsTest {

  @Test
  void readsInputsFormatsAndFlags() {
    AnnotateJobArgs a = AnnotateJobArgs.parse(new String[] {"--input", "a.json,b.json", "--input", "c.json",
        "--dataset", "d", "--output", "out", "--overwrite", "--no-classifier", "--max-record-bytes", "100"});
    assertEquals(List.of("a.json", "b.json", "c.json"), a.inputs());
    assertEquals(SourceFormat.JSON, a.inputFormat(), "format from the extension");
    assertEquals("d", a.dataset());
    assertTrue(a.overwrite());
    assertEquals(100, a.maxRecordBytes());
    assertEquals(SourceFormat.TSV,
        AnnotateJobArgs.parse(new String[] {"--input", "x.json", "--input-format", "tsv", "--output", "o"}).inputFormat());
    assertEquals(SourceFormat.JSONL, AnnotateJobArgs.formatOf("data/part-0000"));
  }

  @Test
  void badCommandLinesSayWhatToChange() {
    assertMessage("exactly one of them", "--output", "o");
    assertMessage("exactly one of them", "--input", "a", "--sources", "s.json", "--output", "o");
    assertMessage("--output DIR is required", "--input", "a");
    assertMessage("unknown option '--frobnicate'", "--frobnicate");
    assertMessage("--input-format: unknown input format 'csv'; allowed: jsonl, json, parquet, tsv",
        "--input", "a", "--input-format", "csv", "--output", "o");
    assertMessage("--output needs a value", "--input", "a", "--output");
    assertMessage("go with --input", "--sources", "s.json", "--dataset", "d", "--output", "o");
    assertMessage("positive number of bytes", "--input", "a", "--output", "o", "--max-record-bytes", "lots");
  }

  private static void assertMessage(String expected, String... args) {
    UsageException e = assertThrows(UsageException.class, () -> AnnotateJobArgs.parse(args));
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }
}
