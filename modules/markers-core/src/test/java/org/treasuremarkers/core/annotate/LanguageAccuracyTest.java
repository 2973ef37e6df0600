package org.treasuremarkers.core.annotate;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.treasuremarkers.core.example.RawExample;
import org.treasuremarkers.core.taxonomy.TaxonomyLoader;
import org.treasuremarkers.core.testing.Confusion;
import org.treasuremarkers.core.testing.SharedDatasetReaders;
import org.treasuremarkers.core.testing.SharedDatasets;

/** Measured accuracy of {@code lang} on the shared datasets; the thresholds are the issue's. */
class LanguageAccuracyTest {
  private static final Map<String, String> MGSM_LANGUAGES = Map.ofEntries(
      Map.entry("bn", "Bengali"), Map.entry("de", "German"), Map.entry("en", "English"), Map.entry("es", "Spanish"),
      Map.entry("fr", "French"), Map.entry("ja", "Japanese"), Map.entry("ru", "Russian"), Map.entry("sw", "Swahili"),
      Map.entry("te", "Telugu"), Map.entry("th", "Thai"), Map.entry("zh", "Chinese"));

  private static LanguageAnnotator annotator;
  private static Path datasets;

  @BeforeAll
  static void setUp() {
    datasets = SharedDatasets.require();
    annotator = new LanguageAnnotator(TaxonomyLoader.loadDefault());
  }

  @Test
  void mgsmQuestionsAtLeast97Percent() {
    Confusion confusion = new Confusion("lang on MGSM questions");
    for (String code : SharedDatasetReaders.MGSM_LANGUAGES) {
      for (RawExample e : SharedDatasetReaders.mgsm(datasets.resolve("mgsm/mgsm_" + code + ".tsv"), code)) {
        confusion.add(MGSM_LANGUAGES.get(code), annotator.languageOfExample(e.prompt(), e.completion()));
      }
    }
    System.out.print(confusion.summary());
    assertTrue(confusion.total() == 11 * 250, "MGSM has 11 x 250 questions, read " + confusion.total());
    assertTrue(confusion.accuracy() >= 0.97, confusion.summary());
  }

  @Test
  void alpacaEnglishAndChineseAtLeast98Percent() {
    Confusion confusion = new Confusion("lang on alpaca_en_demo + alpaca_zh_demo");
    for (var file : Map.of("alpaca_en_demo", "English", "alpaca_zh_demo", "Chinese").entrySet()) {
      for (RawExample e : SharedDatasetReaders.alpaca(
          datasets.resolve("alpaca-demo/" + file.getKey() + ".json"), file.getKey())) {
        confusion.add(file.getValue(), annotator.languageOfExample(e.prompt(), e.completion()));
      }
    }
    System.out.print(confusion.summary());
    assertTrue(confusion.total() == 1999, "alpaca demo has 999 + 1000 rows, read " + confusion.total());
    assertTrue(confusion.accuracy() >= 0.98, confusion.summary());
  }
}
