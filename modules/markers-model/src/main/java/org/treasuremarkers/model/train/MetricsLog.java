package org.treasuremarkers.model.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/** {@code metrics.jsonl}: one JSON object per averaging round, appended and flushed as training goes. */
public final class MetricsLog {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private final Path file;

  public MetricsLog(Path file) {
    this.file = file;
  }

  public void append(ObjectNode line) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, MAPPER.writeValueAsString(line) + "\n", StandardCharsets.UTF_8,
          StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot append to " + file, e);
    }
  }

  /** Drops lines of rounds after {@code rounds} (written after the checkpoint a run resumes from). */
  public void truncateAfter(long rounds) {
    if (!Files.exists(file)) {
      return;
    }
    try {
      List<String> kept = new ArrayList<>();
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        if (!line.isBlank() && MAPPER.readTree(line).path("round").asLong() <= rounds) {
          kept.add(line);
        }
      }
      Files.write(file, kept, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot rewrite " + file, e);
    }
  }

  /** The train loss per token of the last round logged, NaN when none is. */
  public double lastLossPerToken() {
    if (!Files.exists(file)) {
      return Double.NaN;
    }
    List<ObjectNode> lines = read(file);
    return lines.isEmpty() ? Double.NaN : lines.get(lines.size() - 1).path("train_loss_per_token").asDouble(Double.NaN);
  }

  public static List<ObjectNode> read(Path file) {
    try {
      List<ObjectNode> out = new ArrayList<>();
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        if (!line.isBlank()) {
          out.add((ObjectNode) MAPPER.readTree(line));
        }
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  public static ObjectNode line() {
    return MAPPER.createObjectNode();
  }
}
