package org.treasuremarkers.spark.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.treasuremarkers.core.tagger.LinearTagger;
import org.treasuremarkers.core.tagger.Tagger;

/**
 * The tagger section of report.json: which model ran, its classes and thresholds, and the evaluation its training
 * wrote (eval.json beside the model), so the report shows what to expect of its markers.
 */
final class TaggerSummary {
  private static final ObjectMapper JSON = new ObjectMapper();

  private TaggerSummary() {}

  static ObjectNode of(String option) {
    ObjectNode n = JSON.createObjectNode();
    n.put("option", option);
    Optional<Tagger> tagger = Tagger.forOption(option);
    if (tagger.isEmpty()) {
      n.put("location", (String) null);
      return n;
    }
    n.put("location", tagger.get().location());
    ObjectNode markers = n.putObject("markers");
    for (LinearTagger model : tagger.get().byMarker().values()) {
      ObjectNode m = markers.putObject(model.marker());
      m.put("threshold", model.threshold());
      m.putPOJO("classes", model.classes());
    }
    JsonNode evaluation = evaluation(option);
    if (evaluation != null) {
      n.set("evaluation", evaluation);
    }
    return n;
  }

  private static JsonNode evaluation(String option) {
    try {
      if (option.equals(Tagger.DEFAULT)) {
        try (InputStream in = TaggerSummary.class.getClassLoader().getResourceAsStream(Tagger.SHIPPED + "eval.json")) {
          return in == null ? null : JSON.readTree(in);
        }
      }
      Path file = Path.of(option).resolve("eval.json");
      return Files.exists(file) ? JSON.readTree(file.toFile()) : null;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the tagger's eval.json (" + option + ")", e);
    }
  }
}
