package org.treasuremarkers.learn.tagger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.treasuremarkers.core.tagger.LinearTagger;
import org.treasuremarkers.core.tagger.TaggerFile;
import org.treasuremarkers.core.tagger.TextFeatures;
import org.treasuremarkers.core.taxonomy.Taxonomy;
import org.treasuremarkers.learn.provenance.ModelProvenance;

/** Writes a trained tagger as a model folder: {@code <marker>.tagger} files, eval.json and provenance.json. */
public final class TaggerFolder {
  public static final String VERSION = "2";
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private TaggerFolder() {}

  public static void write(Path folder, TaggerTraining.Result result, TaggerSources.Read read, Path datasets,
      Taxonomy taxonomy, TaggerParams params) {
    try {
      Files.createDirectories(folder);
      for (LinearTagger model : result.models().values()) {
        try (OutputStream out = Files.newOutputStream(folder.resolve(model.marker() + ".tagger"))) {
          TaggerFile.write(model, new java.io.BufferedOutputStream(out, 1 << 16));
        }
      }
      Files.writeString(folder.resolve("eval.json"), JSON.writeValueAsString(result.evaluation()) + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the tagger folder " + folder, e);
    }
    ModelProvenance provenance = new ModelProvenance("tagger", VERSION, taxonomy.version());
    for (TaggerSources.SourceFile f : read.files()) {
      provenance.source(datasets, f.file(), f.licence(), f.rows());
    }
    var p = provenance.parameters();
    p.put("feature_version", TextFeatures.VERSION);
    p.put("max_chars", TextFeatures.MAX_CHARS);
    p.put("buckets", params.buckets());
    p.put("epochs", params.epochs());
    p.put("learning_rate", params.learningRate());
    p.put("cap_per_source_class", params.capPerSourceClass());
    p.put("balance_power", params.balancePower());
    p.put("seed", params.seed());
    p.put("min_coverage", params.minCoverage());
    p.putPOJO("script_balanced", new java.util.TreeSet<>(params.scriptBalanced()));
    p.put("min_sources", params.minSources());
    var m = provenance.metrics();
    result.evaluation().fields().forEachRemaining(e -> {
      var n = m.putObject(e.getKey());
      n.put("threshold", e.getValue().path("threshold").asDouble());
      n.set("leave_one_source_out", e.getValue().path("leave_one_source_out").path("average_over_sources"));
      if (e.getValue().path("held_out_rows").path("tagger") instanceof ObjectNode heldOut) {
        n.set("held_out_rows", heldOut.deepCopy().remove(java.util.List.of("per_class", "confusion")));
      }
    });
    provenance.write(folder.resolve("provenance.json"));
  }
}
