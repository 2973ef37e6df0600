package org.treasuremarkers.spark.prepare;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.treasuremarkers.core.taxonomy.TaxonomyLoader;

/** A configuration for tests and the benchmark: the shipped conf/train.json with its dropout section replaced. */
public final class TrainConfigs {
  private static final ObjectMapper JSON = new ObjectMapper();

  private TrainConfigs() {}

  public static TrainConfig withDropout(String dropoutJson) {
    try {
      Path shipped = Path.of(System.getProperty("treasure.projectDir", "."), "conf", "train.json");
      ObjectNode root = (ObjectNode) JSON.readTree(shipped.toFile());
      root.set("dropout", JSON.readTree(dropoutJson));
      return TrainConfig.parse("conf/train.json with dropout " + dropoutJson, JSON.writeValueAsBytes(root), TaxonomyLoader.loadDefault());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
