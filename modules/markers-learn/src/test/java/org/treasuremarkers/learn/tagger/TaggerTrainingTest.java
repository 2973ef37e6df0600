package org.treasuremarkers.learn.tagger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.treasuremarkers.core.annotate.ExampleAnnotator;
import org.treasuremarkers.core.annotate.StandardAnnotators;
import org.treasuremarkers.core.example.Annotation;
import org.treasuremarkers.core.example.MarkerOrigin;
import org.treasuremarkers.core.example.RawExample;
import org.treasuremarkers.core.tagger.Tagger;
import org.treasuremarkers.core.taxonomy.Taxonomy;
import org.treasuremarkers.core.taxonomy.TaxonomyLoader;
import org.treasuremarkers.core.testing.SharedDatasets;
import org.treasuremarkers.learn.provenance.ModelProvenance;

/** A fixture tagger trained here from a few hundred shared rows: write, load, predict, abstain, precedence. */
class TaggerTrainingTest {
  private static final Taxonomy TAXONOMY = TaxonomyLoader.loadDefault();

  @Test
  void trainsWritesLoadsAndTagsHeldOutRows(@TempDir Path dir) throws Exception {
    Path datasets = SharedDatasets.require();
    List<TaggerSources.Source> sources = TaggerSources.all(TAXONOMY).stream()
        .filter(s -> List.of("dialogsum", "gsm8k", "ntrex", "pubmedqa").contains(s.name())).toList();
    TaggerSources.Read read = TaggerSources.read(datasets, TAXONOMY, sources);
    List<LabelledText> train = new ArrayList<>();
    List<LabelledText> test = new ArrayList<>();
    for (String source : List.of("dialogsum", "gsm8k", "ntrex", "pubmedqa")) {
      List<LabelledText> rows = read.rows().stream().filter(r -> r.source().equals(source)).toList();
      train.addAll(rows.subList(0, 150));
      test.addAll(rows.subList(rows.size() - 50, rows.size()));
    }
    TaggerParams params = TaggerParams.defaults().withBuckets(1 << 14).withEpochs(3);
    TaggerTraining.Result result = new TaggerTraining(TAXONOMY, params, m -> { })
        .train(train, TaggerTraining.Evaluation.HELD_OUT);
    Path folder = dir.resolve("tagger");
    TaggerFolder.write(folder, result, read, datasets, TAXONOMY, params);

    JsonNode provenance = ModelProvenance.read(folder.resolve("provenance.json"));
    assertEquals(TAXONOMY.version(), provenance.path("taxonomy_version").asText());
    assertTrue(provenance.path("metrics").path("task").has("held_out_rows"));
    assertTrue(Files.size(folder.resolve("task.tagger")) < (1 << 14) * 4 + 4096, "8-bit weights");

    Tagger tagger = Tagger.fromFolder(folder);
    ExampleAnnotator annotator = StandardAnnotators.exampleAnnotator(TAXONOMY, Optional.of(tagger));
    int right = 0;
    for (LabelledText row : test) {
      Annotation a = annotator.annotate(RawExample.of("unlabelled", row.text(), ""), Map.of());
      if (row.task().equals(a.markers().get("task"))) {
        right++;
        assertTrue(a.origins().get("task") == MarkerOrigin.MODEL || a.origins().get("task") == MarkerOrigin.RULE);
      }
    }
    assertTrue(right >= test.size() * 0.9, right + " of " + test.size() + " held-out rows tagged right");

    // precedence: the dataset's own marker wins over the model
    Annotation labelled = annotator.annotate(RawExample.of("d", test.get(0).text(), ""), Map.of("task", "Rewrite"));
    assertEquals("Rewrite", labelled.markers().get("task"));
    assertEquals(MarkerOrigin.DATASET, labelled.origins().get("task"));

    // abstention: with a threshold no prediction reaches, the tagger gives nothing
    Tagger strict = new Tagger("strict", Map.of("task", tagger.forMarker("task").orElseThrow().withThreshold(1.01)));
    Annotation none = StandardAnnotators.exampleAnnotator(TAXONOMY, Optional.of(strict))
        .annotate(RawExample.of("d", "Summarize the following dialogue.\n\n#Person1#: Hi.\n#Person2#: Hello.", ""),
            Map.of());
    assertFalse(none.origins().get("task") == MarkerOrigin.MODEL, none.markers().toString());
  }
}
