package org.treasuremarkers.spark.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.treasuremarkers.core.json.InvalidConfigException;
import org.treasuremarkers.core.taxonomy.Taxonomy;
import org.treasuremarkers.core.taxonomy.TaxonomyLoader;
import org.treasuremarkers.core.testing.SharedDatasets;

class SourcesConfigTest {
  private static final Taxonomy TAXONOMY = TaxonomyLoader.loadDefault();
  private static final Path PROJECT = Path.of(System.getProperty("treasure.projectDir", "../..")).toAbsolutePath().normalize();

  @TempDir
  Path dir;

  @Test
  void projectSourcesFileDescribesEverySharedDataset() {
    Path shared = SharedDatasets.require();
    SourcesConfig config = SourcesConfig.load(PROJECT.resolve("conf/sources.json"), TAXONOMY);
    List<InputFile> files = SourceFiles.list(config, new Configuration());
    Map<String, Long> perSource = files.stream().collect(Collectors.groupingBy(InputFile::source, Collectors.counting()));
    assertEquals(Map.of("alpaca_en", 1L, "alpaca_zh", 1L, "alpaca_seed", 1L, "code_alpaca", 1L, "new_codealpaca", 1L,
        "humaneval_x", 6L, "mgsm", 11L), perSource);
    for (InputFile f : files) {
      Path file = Path.of(java.net.URI.create(f.path()).getPath());
      assertTrue(file.startsWith(shared), f.path() + " is not under " + shared);
    }
    SourceDefinition mgsm = config.sources().stream().filter(s -> s.name().equals("mgsm")).findFirst().orElseThrow();
    DerivedMarker lang = mgsm.derivedMarkers().get(0);
    assertEquals("Telugu", lang.valueForFile("mgsm_te.tsv"));
  }

  @Test
  void errorsNameTheFileThePathAndWhatIsAllowed() throws IOException {
    Path bad = dir.resolve("sources.json");
    Files.writeString(bad, """
        {"sources": [{"name": "x", "paths": ["a.jsonl"], "format": "jsonl", "prompt": {"fields": ["p"]},
          "completion": {"fields": ["c"]}, "markers": {"lang": "Elvish"}}]}
        """);
    InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> SourcesConfig.load(bad, TAXONOMY));
    assertTrue(e.getMessage().contains("$.sources[0].markers.lang") && e.getMessage().contains("Elvish")
        && e.getMessage().contains("allowed"), e.getMessage());

    Files.writeString(bad, """
        {"sources": [{"name": "x", "paths": ["a.tsv"], "format": "tsv", "prompt": {"fields": ["p"]},
          "completion": {"fields": ["c"]}}]}
        """);
    e = assertThrows(InvalidConfigException.class, () -> SourcesConfig.load(bad, TAXONOMY));
    assertTrue(e.getMessage().contains("columns"), e.getMessage());

    Files.writeString(bad, """
        {"sources": [{"name": "x", "paths": ["a.jsonl"], "format": "csv", "prompt": {"fields": ["p"]},
          "completion": {"fields": ["c"]}}]}
        """);
    e = assertThrows(InvalidConfigException.class, () -> SourcesConfig.load(bad, TAXONOMY));
    assertTrue(e.getMessage().contains("$.sources[0].format"), e.getMessage());

    Files.writeString(bad, """
        {"sources": [{"name": "x", "paths": ["a.jsonl"], "format": "jsonl", "prompt": {"fields": ["p"]},
          "completion": {"fields": ["c"]}, "derivedMarkers": [{"marker": "lang", "fromFileName": "no-group"}]}]}
        """);
    e = assertThrows(InvalidConfigException.class, () -> SourcesConfig.load(bad, TAXONOMY));
    assertTrue(e.getMessage().contains("exactly one group"), e.getMessage());
  }

  @Test
  void jsonArrayElementsKeepTheirExactTextAndABrokenTailIsOneRecord() {
    List<SourceRecord> ok = list(SourceReader.arrayElements(0, "f.json", "[ {\"a\": 1},\n  {\"b\": [2, 3]} ]"));
    assertEquals(2, ok.size());
    assertEquals("{\"a\": 1}", ok.get(0).text());
    assertEquals("{\"b\": [2, 3]}", ok.get(1).text());
    assertEquals(2L, ok.get(1).row());

    List<SourceRecord> broken = list(SourceReader.arrayElements(0, "f.json", "[{\"a\": 1}, {\"b\": oops}, {\"c\": 3}]"));
    assertEquals(2, broken.size());
    assertEquals(2L, broken.get(1).row());
    assertTrue(broken.get(1).readProblem().contains("breaks off after element 1"), broken.get(1).readProblem());
    assertTrue(broken.get(1).text().startsWith("{\"b\": oops}"), broken.get(1).text());

    List<SourceRecord> notArray = list(SourceReader.arrayElements(0, "f.json", "{\"a\": 1}"));
    assertEquals(1, notArray.size());
    assertTrue(notArray.get(0).readProblem().contains("not a JSON array"));
  }

  private static List<SourceRecord> list(java.util.Iterator<SourceRecord> it) {
    List<SourceRecord> out = new java.util.ArrayList<>();
    it.forEachRemaining(out::add);
    return out;
  }
}
