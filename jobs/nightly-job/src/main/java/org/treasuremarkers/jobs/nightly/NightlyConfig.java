package org.treasuremarkers.jobs.nightly;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import org.treasuremarkers.core.json.SchemaCheckedJson;

/**
 * {@code conf/nightly.json}, checked against {@code datasets-schema/nightly.schema.json} (which documents every
 * field and its default). Relative paths are resolved against the folder of the configuration file.
 *
 * @param trainConfig the train configuration file, or null for the packaged conf/train.json
 * @param initialModel a model folder the first night fine-tunes and compares against, or null
 * @param maxTrainTime null for no limit
 */
public record NightlyConfig(Path source, Path inputDir, Path stateDir, Path trainConfig, Path initialModel,
    String defaultDataset, boolean classify, double replayShare, long replaySeed, double promotionMargin,
    int keepVersions, Duration maxTrainTime, String trainer) {
  public static final String SCHEMA = "nightly.schema.json";

  public static NightlyConfig load(Path file) {
    return parse(file, SchemaCheckedJson.fileBytes(file));
  }

  public static NightlyConfig parse(Path file, byte[] bytes) {
    JsonNode n = SchemaCheckedJson.forSchema(SCHEMA).read(file.toString(), bytes);
    Path base = file.toAbsolutePath().getParent();
    Duration maxTime = n.has("max_train_minutes")
        ? Duration.ofMillis(Math.round(n.get("max_train_minutes").asDouble() * 60_000)) : null;
    return new NightlyConfig(file, resolve(base, n.get("input_dir")), resolve(base, n.get("state_dir")),
        resolve(base, n.get("train_config")), resolve(base, n.get("initial_model")),
        n.path("default_dataset").asText("nightly"), n.path("classify").asBoolean(false),
        n.path("replay_share").asDouble(0.25), n.path("replay_seed").asLong(1), n.path("promotion_margin").asDouble(0),
        n.path("keep_versions").asInt(3), maxTime, n.path("trainer").asText("local"));
  }

  private static Path resolve(Path base, JsonNode value) {
    return value == null ? null : base.resolve(value.asText()).normalize();
  }
}
