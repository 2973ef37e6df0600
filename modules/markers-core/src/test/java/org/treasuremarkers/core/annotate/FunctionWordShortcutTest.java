package org.treasuremarkers.core.annotate;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.treasuremarkers.core.example.RawExample;
import org.treasuremarkers.core.json.SchemaCheckedJson;
import org.treasuremarkers.core.taxonomy.Taxonomy;
import org.treasuremarkers.core.taxonomy.TaxonomyLoader;
import org.treasuremarkers.core.testing.SharedDatasetReaders;
import org.treasuremarkers.core.testing.SharedDatasets;

/**
 * The function-word shortcut of {@link LanguageAnnotator} is a speed-up, not a second opinion: on the shared
 * data (every third example of every file), wherever both the annotator with it and the one without it (Lingua deciding) name a language, they
 * must name the same one (at most 0.1% of the examples may differ). Where Lingua is unsure and the shortcut
 * decides, the count is printed: those are short English instructions Lingua cannot place.
 */
class FunctionWordShortcutTest {

  static List<RawExample> everyThird(List<RawExample> all) {
    return java.util.stream.IntStream.range(0, all.size()).filter(i -> i % 3 == 0).mapToObj(all::get).toList();
  }

  @Test
  void agreesWithTheDetectorOnTheSharedData() throws Exception {
    Path datasets = SharedDatasets.require();
    Taxonomy taxonomy = TaxonomyLoader.loadDefault();
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode json = (ObjectNode) mapper.readTree(SchemaCheckedJson.resourceBytes(AnnotationRules.DEFAULT_RESOURCE));
    ((ObjectNode) json.get("functionWords")).putObject("languages");
    AnnotationRules withoutShortcut = AnnotationRules.parse("rules without function words", mapper.writeValueAsBytes(json));

    LanguageAnnotator fast = new LanguageAnnotator(taxonomy, AnnotationRules.loadDefault());
    java.util.Set<String> shortcutLanguages = AnnotationRules.loadDefault().functionWords().languages().keySet();
    LanguageAnnotator slow = new LanguageAnnotator(taxonomy, withoutShortcut);
    List<RawExample> all = everyThird(SharedDatasetReaders.all(datasets)); // a third keeps the test fast
    int differ = 0;
    int onlyShortcut = 0;
    StringBuilder examples = new StringBuilder();
    for (RawExample e : all) {
      String a = fast.languageOfExample(e.prompt(), e.completion());
      if (a != null && !shortcutLanguages.contains(a)) {
        continue; // the shortcut only ever answers with a listed language; elsewhere Lingua decided alone
      }
      String b = slow.languageOfExample(e.prompt(), e.completion());
      if (a != null && b == null) {
        onlyShortcut++;
      } else if (!java.util.Objects.equals(a, b)) {
        if (differ++ < 10) {
          examples.append(String.format("  shortcut %s, Lingua %s: %s%n", a, b,
              e.prompt().substring(0, Math.min(100, e.prompt().length())).replace('\n', ' ')));
        }
      }
    }
    System.out.printf("function-word shortcut vs Lingua: %d of %d examples name another language; "
        + "%d decided by the shortcut where Lingua is unsure%n%s", differ, all.size(), onlyShortcut, examples);
    assertTrue(differ <= all.size() / 1000, differ + " of " + all.size() + " differ (more than 0.1%)\n" + examples);
  }
}
