package org.treasuremarkers.core.tagger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TaggerFileTest {

  static LinearTagger randomModel(int buckets, List<String> classes, double threshold) {
    Random random = new Random(7);
    float[] w = new float[buckets * classes.size()];
    for (int i = 0; i < w.length; i++) {
      w[i] = (float) random.nextGaussian();
    }
    float[] bias = new float[classes.size()];
    bias[0] = 0.25f;
    return new LinearTagger("task", classes, buckets, w, bias, threshold);
  }

  @Test
  void roundTripKeepsClassesThresholdAndProbabilitiesWithinEightBitError() throws IOException {
    LinearTagger model = randomModel(1 << 10, List.of("Translation", "Summarization", "Rewrite"), 0.4);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    TaggerFile.write(model, bytes);
    // header + one byte per weight: a quarter of float32
    assertTrue(bytes.size() < (1 << 10) * 3 + 1000, "file is " + bytes.size() + " bytes");
    LinearTagger read = TaggerFile.read(new ByteArrayInputStream(bytes.toByteArray()), "test");
    assertEquals(model.classes(), read.classes());
    assertEquals(0.4, read.threshold());
    assertEquals(model.buckets(), read.buckets());
    for (String text : List.of("Translate this into French", "Summarise the article below", "翻译这句话")) {
      double[] a = model.probabilities(text);
      double[] b = read.probabilities(text);
      for (int c = 0; c < a.length; c++) {
        assertEquals(a[c], b[c], 0.03, text);
      }
      assertEquals(model.predict(text).value(), read.predict(text).value(), text);
    }
  }

  @Test
  void aFileThatIsNotATaggerSaysSo() {
    IOException e = assertThrows(IOException.class, () -> TaggerFile.read(
        new ByteArrayInputStream("{\"not\": \"a tagger\"}".getBytes(StandardCharsets.UTF_8)), "task.tagger"));
    assertTrue(e.getMessage().contains("task.tagger is not a tagger file"), e.getMessage());
  }

  @Test
  void probabilitiesSumToOne() {
    LinearTagger model = randomModel(1 << 8, List.of("A", "B"), 0);
    double[] p = model.probabilities("some text here");
    assertEquals(1.0, p[0] + p[1], 1e-9);
    assertArrayEquals(p, model.probabilities("some text here"));
  }
}
