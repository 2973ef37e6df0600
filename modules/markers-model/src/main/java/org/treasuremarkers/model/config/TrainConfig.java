package org.treasuremarkers.model.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.treasuremarkers.core.json.InvalidConfigException;
import org.treasuremarkers.core.json.SchemaCheckedJson;

/**
 * {@code conf/train.json} ({@code model}, {@code training}, {@code eval}), checked against {@code datasets-schema/train-config.schema.json}. Keeps the checked
 * JSON so a model directory can store the configuration it was trained with.
 */
public record TrainConfig(ModelConfig model, TrainingConfig training, EvalConfig eval, String json)
    implements Serializable {
  public static final String SCHEMA = "train-config.schema.json";
  public static final String FILE_NAME = "train-config.json";

  /** Classpath copy of {@code conf/train.json}, packaged into this module's jar. */
  public static final String DEFAULT_RESOURCE = SchemaCheckedJson.CONF_RESOURCE_DIR + "train.json";

  /** The packaged default {@code conf/train.json}. */
  public static TrainConfig loadDefault() {
    return parse("conf/train.json (packaged default)", SchemaCheckedJson.resourceBytes(DEFAULT_RESOURCE));
  }

  public static TrainConfig load(Path file) {
    return parse(file.toString(), SchemaCheckedJson.fileBytes(file));
  }

  public static TrainConfig parse(String source, byte[] bytes) {
    JsonNode root = SchemaCheckedJson.forSchema(SCHEMA).read(source, bytes);
    JsonNode m = root.get("model");
    JsonNode t = root.get("training");
    if (m.get("d_model").asInt() % m.get("heads").asInt() != 0) {
      throw new InvalidConfigException(source, "$.model.heads", "d_model " + m.get("d_model") + " is not a multiple"
          + " of heads " + m.get("heads") + "; pick heads that divide d_model");
    }
    ModelConfig model = new ModelConfig(m.get("d_model").asInt(), m.get("layers").asInt(), m.get("heads").asInt(),
        m.get("mlp_ratio").asInt(), m.get("seq_len").asInt(), m.get("template_tag_tokens").asBoolean(),
        m.get("seed").asLong(), tokenizer(m.path("tokenizer")));
    JsonNode s = t.get("schedule");
    TrainingConfig training = new TrainingConfig(t.get("learning_rate").asDouble(), s.get("warmup_steps").asInt(),
        s.get("decay_steps").asInt(), s.get("min_lr_ratio").asDouble(), t.path("adam_beta1").asDouble(0.9),
        t.path("adam_beta2").asDouble(0.999), t.path("gradient_clip").asDouble(0), t.get("batch_size_per_worker").asInt(),
        t.get("averaging_frequency").asInt(), t.get("epochs").asInt(), t.get("checkpoint_every_rounds").asInt(),
        t.get("heldout_percent").asDouble(), t.get("seed").asLong());
    JsonNode e = root.path("eval");
    EvalConfig eval = new EvalConfig(e.path("loss_examples").asInt(EvalConfig.DEFAULT.lossExamples()),
        e.path("generation_examples").asInt(EvalConfig.DEFAULT.generationExamples()),
        e.path("max_new_tokens").asInt(EvalConfig.DEFAULT.maxNewTokens()));
    return new TrainConfig(model, training, eval, root.toPrettyString());
  }

  private static TokenizerConfig tokenizer(JsonNode t) {
    if (t.isMissingNode()) {
      return TokenizerConfig.DEFAULT;
    }
    String type = t.get("type").asText();
    return TokenizerConfig.BPE.equals(type)
        ? new TokenizerConfig(type, t.path("vocab_size").asInt(TokenizerConfig.DEFAULT_VOCAB_SIZE),
            t.path("sample_rows").asInt(TokenizerConfig.DEFAULT_SAMPLE_ROWS))
        : TokenizerConfig.DEFAULT;
  }

  /** The same configuration with some values replaced, e.g. {@code {"training": {"epochs": 3}}} (for tests and jobs). */
  public TrainConfig with(String overridesJson) {
    try {
      ObjectMapper mapper = new ObjectMapper();
      ObjectNode base = (ObjectNode) mapper.readTree(json);
      mapper.readerForUpdating(base).readValue(overridesJson);
      return parse("overrides of " + FILE_NAME, mapper.writeValueAsBytes(base));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public void save(Path file) {
    try {
      Files.writeString(file, json, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
