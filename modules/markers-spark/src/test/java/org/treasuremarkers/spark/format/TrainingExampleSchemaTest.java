package org.treasuremarkers.spark.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrainingExampleSchemaTest {
  @Test
  void everyPropertyIsRequiredAndMapsToASparkColumn() {
    JsonNode json = TrainingExampleSchema.json();
    List<String> required = new ArrayList<>();
    json.get("required").forEach(n -> required.add(n.asText()));
    assertEquals(required, List.of(TrainingExampleSchema.columns()));
    assertEquals("map<string,string>", TrainingExampleSchema.struct().apply("prompt_markers").dataType().simpleString());
  }

  /** Formatter implements this layout (FormatterTest checks it byte for byte); change both together. */
  @Test
  void theDocumentedLayoutIsTheOneFormatterImplements() {
    JsonNode layout = TrainingExampleSchema.json().get("x-layout");
    assertEquals("prompt + \"\\n\" + template(prompt_markers), or prompt alone when prompt_markers is empty",
        layout.get("input_text").asText());
    assertEquals("template(markers) + \"\\n\" + completion", layout.get("target_text").asText());
    List<String> kinds = new ArrayList<>();
    TrainingExampleSchema.json().at("/properties/dropout/enum").forEach(n -> kinds.add(n.asText()));
    assertEquals(kinds, java.util.Arrays.stream(org.treasuremarkers.spark.dropout.DropoutKind.values())
        .map(org.treasuremarkers.spark.dropout.DropoutKind::label).toList());
  }
}
