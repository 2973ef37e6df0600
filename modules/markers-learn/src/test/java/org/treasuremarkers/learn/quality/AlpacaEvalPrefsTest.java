package org.treasuremarkers.learn.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AlpacaEvalPrefsTest {

  static void write(Path file, String json) throws Exception {
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      out.write(json.getBytes(StandardCharsets.UTF_8));
    }
  }

  private static String row(String instruction, String preference) {
    return "{\"instruction\":\"" + instruction + "\",\"output_1\":\"a\",\"output_2\":\"b\",\"generator_1\":\"text_davinci_003\","
        + "\"generator_2\":\"m\",\"preference\":" + preference + "}";
  }

  @Test
  void keepsClearVerdictsAndDropsTies(@TempDir Path dir) throws Exception {
    write(dir.resolve("m.annotations.json.gz"), "[" + String.join(",", row("i1", "1"), row("i2", "2.0"),
        row("i3", "0"), row("i4", "1.5"), row("i5", "null")) + "]");
    write(dir.resolve("a.annotations.json.gz"), "[" + row("i0", "2") + "]");
    Files.writeString(dir.resolve("README.md"), "not data");
    AlpacaEvalPrefs.Result r = AlpacaEvalPrefs.read(dir);
    assertEquals(3, r.pairs().size());
    assertEquals("i0", r.pairs().get(0).instruction(), "files in name order");
    assertTrue(r.pairs().get(0).secondBetter());
    assertFalse(r.pairs().get(1).secondBetter(), "preference 1: output_1 better");
    assertTrue(r.pairs().get(2).secondBetter(), "preference 2.0: output_2 better");
    assertEquals(3, r.dropped().get(dir.resolve("m.annotations.json.gz")));
    assertEquals(2, r.rowsByFile().get(dir.resolve("m.annotations.json.gz")));
  }

  @Test
  void aFolderWithoutFilesOrARowWithoutTextFails(@TempDir Path dir) throws Exception {
    assertThrows(IllegalArgumentException.class, () -> AlpacaEvalPrefs.read(dir));
    write(dir.resolve("x.annotations.json.gz"), "[{\"instruction\":\"i\",\"preference\":1}]");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AlpacaEvalPrefs.read(dir));
    assertTrue(e.getMessage().contains("output_1"), e.getMessage());
  }
}
