package org.treasuremarkers.core.annotate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.treasuremarkers.core.json.InvalidConfigException;
import org.treasuremarkers.core.json.SchemaCheckedJson;
import org.treasuremarkers.core.taxonomy.TaxonomyLoader;

class AnnotationRulesTest {
  private static final String DEFAULT = new String(
      SchemaCheckedJson.resourceBytes(AnnotationRules.DEFAULT_RESOURCE), StandardCharsets.UTF_8);

  @Test
  void packagedRulesLoadAndFitTheTaxonomy() {
    AnnotationRules rules = AnnotationRules.loadDefault();
    assertTrue(rules.rules().size() > 10);
    assertTrue(rules.style().size() > 3);
    assertTrue(rules.codeTypes().containsKey("python"));
    rules.checkAgainst(TaxonomyLoader.loadDefault());
    assertEquals(TaxonomyLoader.loadDefault().category("code_type").values().stream().sorted().toList(),
        rules.codeTypes().keySet().stream().sorted().toList(), "a profile for every code_type value");
  }

  @Test
  void loadsAFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("rules.json");
    Files.writeString(file, DEFAULT);
    assertEquals(AnnotationRules.loadDefault().rules().size(), AnnotationRules.load(file).rules().size());
  }

  @Test
  void unknownKeyIsRefusedWithPathAndAllowedKeys(@TempDir Path dir) throws Exception {
    String message = refused(dir, DEFAULT.replaceFirst("\"field\": \"prompt\"", "\"field\": \"prompt\", \"feild\": 1"));
    assertTrue(message.contains("rules.json") && message.contains("$.rules[0]") && message.contains("feild")
        && message.contains("allowed keys here: comment, field, flags, id, marker, pattern, value"), message);
  }

  @Test
  void badFieldIsRefusedWithWhatIsAllowed(@TempDir Path dir) throws Exception {
    String message = refused(dir, DEFAULT.replaceFirst("\"field\": \"prompt\"", "\"field\": \"answer\""));
    assertTrue(message.contains("$.rules[0].field") && message.contains("prompt") && message.contains("completion"), message);
  }

  @Test
  void badRegexIsRefusedWithItsPath(@TempDir Path dir) throws Exception {
    String message = refused(dir, DEFAULT.replaceFirst("\"pattern\": \"", "\"pattern\": \"(unclosed"));
    assertTrue(message.contains("$.rules[0].pattern") && message.contains("not a valid java.util.regex pattern"), message);
  }

  @Test
  void valueOutsideTheTaxonomyIsRefusedWhenBuildingAnnotators() {
    AnnotationRules rules = AnnotationRules.parse("typo.json",
        DEFAULT.replaceFirst("\"value\": \"CodeTranslation\"", "\"value\": \"CodeTranslaton\"").getBytes(StandardCharsets.UTF_8));
    InvalidConfigException e = assertThrows(InvalidConfigException.class,
        () -> StandardAnnotators.create(TaxonomyLoader.loadDefault(), rules));
    assertTrue(e.getMessage().contains("typo.json") && e.getMessage().contains("$.rules[0]")
        && e.getMessage().contains("CodeTranslaton") && e.getMessage().contains("allowed"), e.getMessage());
  }

  private static String refused(Path dir, String json) throws Exception {
    Path file = dir.resolve("rules.json");
    Files.writeString(file, json);
    return assertThrows(InvalidConfigException.class, () -> AnnotationRules.load(file)).getMessage();
  }
}
