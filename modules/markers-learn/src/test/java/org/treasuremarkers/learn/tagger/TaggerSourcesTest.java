package org.treasuremarkers.learn.tagger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.treasuremarkers.core.taxonomy.Taxonomy;
import org.treasuremarkers.core.taxonomy.TaxonomyLoader;
import org.treasuremarkers.core.testing.SharedDatasets;

/** The readers give the rows and labels ../shared/datasets/TAGGER-MAPPING.md counts (its per-file table). */
class TaggerSourcesTest {
  private static final Taxonomy TAXONOMY = TaxonomyLoader.loadDefault();
  private static Path datasets;

  @BeforeAll
  static void data() {
    datasets = SharedDatasets.require();
  }

  private static List<LabelledText> read(String... names) {
    List<TaggerSources.Source> sources = TaggerSources.all(TAXONOMY).stream()
        .filter(s -> List.of(names).contains(s.name())).toList();
    assertEquals(names.length, sources.size());
    return TaggerSources.read(datasets, TAXONOMY, sources).rows();
  }

  private static Map<String, Long> count(List<LabelledText> rows, java.util.function.Function<LabelledText, String> key) {
    return rows.stream().collect(Collectors.groupingBy(r -> String.valueOf(key.apply(r)), Collectors.counting()));
  }

  @Test
  void agievalFilesGiveTheirTaskAndDomain() {
    List<LabelledText> rows = read("agieval");
    Map<String, Long> perFile = count(rows, LabelledText::file);
    assertEquals(254L, perFile.get("agieval/aqua-rat.jsonl.gz"));
    assertEquals(1000L, perFile.get("agieval/jec-qa-kd.jsonl.gz"));
    assertTrue(rows.stream().filter(r -> r.file().contains("lsat-ar")).allMatch(r -> r.domain() == null
        && "Reasoning".equals(r.task())), "LSAT logic games are Reasoning with no domain (not Legal)");
    assertTrue(rows.stream().filter(r -> r.file().contains("jec-qa")).allMatch(r -> "Legal".equals(r.domain())));
  }

  @Test
  void wholeSourceLabelsAndOneRowPerQuestion() {
    List<LabelledText> rows = read("pubmedqa", "tatqa", "dialogsum");
    Map<String, Long> perFile = count(rows, LabelledText::file);
    assertEquals(1000L, perFile.get("pubmedqa/ori_pqal.json.gz"));
    assertEquals(1668L, perFile.get("tatqa/tatqa_dataset_dev.json.gz"));
    assertEquals(500L, perFile.get("dialogsum/dialogsum.dev.jsonl.gz"));
    assertEquals(Map.of("Medical", 1000L, "Finance", 3331L, "Conversation", 1000L), count(rows, LabelledText::domain));
  }

  @Test
  void mmluSubjectsMapToDomainsAndUnmappedSubjectsKeepOnlyTheirTask() {
    List<LabelledText> rows = read("mmlu");
    assertEquals(14080, rows.size(), "MMLU test rows (57 subjects) read from the tar.gz");
    assertTrue(rows.stream().allMatch(r -> "QuestionAnswering".equals(r.task())));
    long law = rows.stream().filter(r -> r.group().startsWith("mmlu/professional_law#")).count();
    assertTrue(law > 1000, "professional_law rows: " + law);
    assertTrue(rows.stream().filter(r -> r.group().startsWith("mmlu/professional_law#"))
        .allMatch(r -> "Legal".equals(r.domain())));
    assertTrue(rows.stream().filter(r -> r.group().startsWith("mmlu/marketing#")).allMatch(r -> r.domain() == null),
        "marketing is unmapped: no domain");
  }

  @Test
  void legalbenchTaskTypesComeFromEachTaskReadme() {
    Map<String, Long> tasks = count(read("legalbench"), LabelledText::task);
    assertTrue(tasks.get("Classification") > 700, tasks.toString());
    assertTrue(tasks.containsKey("InformationExtraction") && tasks.containsKey("QuestionAnswering"), tasks.toString());
  }
}
