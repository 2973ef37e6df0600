package org.treasuremarkers.model.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.treasuremarkers.core.json.InvalidConfigException;

/** The optional eval section of conf/train.json: shipped values, schema defaults, range checks. */
class TrainConfigEvalTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path SHIPPED = Path.of(System.getProperty("treasure.projectDir", "../.."), "conf", "train.json");

  @Test
  void theShippedConfigurationSaysHowMuchToEvaluate() {
    EvalConfig eval = TrainConfig.load(SHIPPED).eval();
    assertEquals(new EvalConfig(500, 16, 160), eval);
  }

  @Test
  void aConfigurationWithoutTheSectionGetsTheSchemaDefaults() throws Exception {
    ObjectNode root = (ObjectNode) JSON.readTree(SHIPPED.toFile());
    root.remove("eval");
    assertEquals(EvalConfig.DEFAULT, TrainConfig.parse("no-eval.json", JSON.writeValueAsBytes(root)).eval());
    // the defaults written in the schema are the ones the code uses
    ObjectNode props = (ObjectNode) JSON.readTree(Path.of(System.getProperty("treasure.projectDir", "../.."),
        "datasets-schema", "train-config.schema.json").toFile()).at("/properties/eval/properties");
    assertEquals(EvalConfig.DEFAULT, new EvalConfig(props.at("/loss_examples/default").asInt(),
        props.at("/generation_examples/default").asInt(), props.at("/max_new_tokens/default").asInt()));
  }

  @Test
  void oneValueCanBeGivenAndBadValuesNameTheirField() {
    TrainConfig base = TrainConfig.load(SHIPPED);
    assertEquals(new EvalConfig(500, 0, 160), base.with("{\"eval\": {\"generation_examples\": 0}}").eval());
    InvalidConfigException e = assertThrows(InvalidConfigException.class,
        () -> base.with("{\"eval\": {\"loss_examples\": 0}}"));
    assertTrue(e.getMessage().contains("$.eval.loss_examples"), e.getMessage());
    assertThrows(InvalidConfigException.class, () -> base.with("{\"eval\": {\"max_tokens\": 5}}"));
  }
}
