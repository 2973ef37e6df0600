package org.treasuremarkers.core.taxonomy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.treasuremarkers.core.json.InvalidConfigException;

class TaxonomyLoaderTest {

  @Test
  void defaultTaxonomyHasThePapersThirteenCategories() {
    Taxonomy taxonomy = TaxonomyLoader.loadDefault();
    assertEquals(List.of("task", "domain", "lang", "length_bucket", "length_tokens", "length_sentences",
        "length_paragraphs", "quality", "quality_bucket", "format", "style", "source", "code_type"),
        List.copyOf(taxonomy.names()));
    assertEquals(14, taxonomy.category("task").values().size());
    assertEquals(27, taxonomy.category("lang").values().size());
    BucketCategory length = taxonomy.category("length_bucket", BucketCategory.class);
    assertEquals("concise", length.bucketOf(299));
    assertEquals("medium", length.bucketOf(300));
    assertEquals("medium", length.bucketOf(1000));
    assertEquals("long", length.bucketOf(1001));
  }

  @Test
  void projectFileEqualsPackagedDefault() throws Exception {
    Path conf = Path.of(System.getProperty("treasure.projectDir", "../..")).resolve("conf/taxonomy.json");
    assertEquals(TaxonomyLoader.loadDefault().sha256(), TaxonomyLoader.load(conf).sha256());
  }

  @Test
  void extendingACategoryIsAConfigChange(@TempDir Path dir) throws Exception {
    Path file = write(dir, defaultText().replace("\"Thai\"", "\"Thai\", \"Tagalog\""));
    assertTrue(TaxonomyLoader.load(file).category("lang").accepts("Tagalog"));
  }

  @Test
  void unknownKeyIsRefusedWithPathAndAllowedKeys(@TempDir Path dir) throws Exception {
    Path file = write(dir, defaultText().replace("\"type\": \"categorical\",\n      \"description\": \"What the prompt asks for.\",",
        "\"type\": \"categorical\", \"colour\": \"red\",\n      \"description\": \"What the prompt asks for.\","));
    InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> TaxonomyLoader.load(file));
    assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("$.categories.task"), e.getMessage());
    assertTrue(e.getMessage().contains("unknown key 'colour'"), e.getMessage());
    assertTrue(e.getMessage().contains("allowed keys here: description, type, values"), e.getMessage());
  }

  @Test
  void duplicateValueIsRefused(@TempDir Path dir) throws Exception {
    Path file = write(dir, defaultText().replace("\"Thai\"", "\"Thai\", \"French\""));
    InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> TaxonomyLoader.load(file));
    assertTrue(e.getMessage().contains("$.categories.lang.values"), e.getMessage());
    assertTrue(e.getMessage().contains("duplicate value \"French\""), e.getMessage());
  }

  @Test
  void badCutOffIsRefused(@TempDir Path dir) throws Exception {
    Path file = write(dir, defaultText().replace("\"max\": 1000", "\"max\": 200"));
    InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> TaxonomyLoader.load(file));
    assertTrue(e.getMessage().contains("$.categories.length_bucket.buckets[1].max"), e.getMessage());
    assertTrue(e.getMessage().contains("cut-off 200 is not above the previous cut-off 299"), e.getMessage());

    Path open = write(dir, defaultText().replace("{\"value\": \"long\"}", "{\"value\": \"long\", \"max\": 5000}"));
    e = assertThrows(InvalidConfigException.class, () -> TaxonomyLoader.load(open));
    assertTrue(e.getMessage().contains("last bucket must be open"), e.getMessage());
  }

  @Test
  void missingRequiredKeyIsNamed(@TempDir Path dir) throws Exception {
    Path file = write(dir, defaultText().replace("\"version\": \"2025.1\",", ""));
    InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> TaxonomyLoader.load(file));
    assertTrue(e.getMessage().contains("at $: required key 'version' is missing"), e.getMessage());
  }

  @Test
  void brokenJsonNamesLineAndColumn(@TempDir Path dir) throws Exception {
    Path file = write(dir, "{\n  \"version\": \"1\",\n  \"categories\": {,}\n}");
    InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> TaxonomyLoader.load(file));
    assertTrue(e.getMessage().contains("line 3"), e.getMessage());
  }

  @Test
  void missingFileIsNamed(@TempDir Path dir) {
    InvalidConfigException e = assertThrows(InvalidConfigException.class,
        () -> TaxonomyLoader.load(dir.resolve("nope.json")));
    assertTrue(e.getMessage().contains("nope.json") && e.getMessage().contains("not found"), e.getMessage());
  }

  @Test
  void taxonomySurvivesJavaSerialization() throws Exception {
    Taxonomy taxonomy = TaxonomyLoader.loadDefault();
    var bytes = new java.io.ByteArrayOutputStream();
    try (var out = new java.io.ObjectOutputStream(bytes)) {
      out.writeObject(taxonomy);
    }
    try (var in = new java.io.ObjectInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
      Taxonomy back = (Taxonomy) in.readObject();
      assertEquals(taxonomy.sha256(), back.sha256());
      assertEquals(taxonomy.names(), back.names());
    }
  }

  private static String defaultText() {
    return new String(TaxonomyLoader.loadDefault().json(), StandardCharsets.UTF_8);
  }

  private static Path write(Path dir, String text) throws Exception {
    Path file = dir.resolve("taxonomy-" + System.nanoTime() + ".json");
    Files.writeString(file, text);
    return file;
  }
}
